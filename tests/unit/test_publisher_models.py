"""A 流量主 report's query fails before anything is sent where WeChat would refuse it: a span past
90 (ad slots) or 60 (返佣商品) days, a range running backwards or before 2016, a page size past 90,
an ad_slot on another report; its query string is what WeChat reads."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.models.publisher import ADPOS, CPS, SETTLEMENT, AdSlot, PublisherQuery


def test_the_query_string_names_the_action_the_range_the_page_and_the_slot() -> None:
    query = PublisherQuery.of(ADPOS, "2024-01-01", "2024-03-30", page=2, page_size=30, ad_slot=AdSlot.BOTTOM)
    assert query.params() == {
        "action": ADPOS, "page": "2", "page_size": "30", "start_date": "2024-01-01", "end_date": "2024-03-30",
        "ad_slot": "SLOT_ID_BIZ_BOTTOM",
    }  # fmt: skip
    assert "ad_slot" not in PublisherQuery.of(CPS, "2024-01-01", "2024-02-29").params()
    assert PublisherQuery.of(SETTLEMENT, "2016-01-01", "2024-12-31").days == 3288  # no span limit


@pytest.mark.parametrize(
    ("action", "start", "end", "more"),
    [
        (ADPOS, "2024-01-01", "2024-03-31", {}),  # 91 days
        (CPS, "2024-01-01", "2024-03-01", {}),  # 61 days
        (ADPOS, "2024-01-02", "2024-01-01", {}),
        (SETTLEMENT, "2015-12-31", "2016-01-31", {}),
        (ADPOS, "2024-01-01", "2024-01-02", {"page_size": 91}),
        (ADPOS, "2024-01-01", "2024-01-02", {"page": 0}),
        (CPS, "2024-01-01", "2024-01-02", {"ad_slot": AdSlot.BOTTOM}),
        (ADPOS, "2024-01-01", "2024-01-02", {"ad_slot": "SLOT_ID_WEAPP_BANNER"}),
        ("publisher_adunit_general", "2024-01-01", "2024-01-02", {}),
    ],
)
def test_what_wechat_refuses_fails_first(action: Any, start: str, end: str, more: dict[str, Any]) -> None:
    with pytest.raises((ValidationError, ValueError)):
        PublisherQuery.of(action, start, end, **more)
