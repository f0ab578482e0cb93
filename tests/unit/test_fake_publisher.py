"""The fake's 流量主 reports keep WeChat's rules and shapes: no report for an account that is no 流量主
(2009), 90/60-day spans and pages of at most 90 (1701), rows newest day first and by slot id, a
summary of the whole range, half-month settlements that have ended, the same figures every time."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from sandbox.fake_wechat.publisher.state import BAD_PARAMS, NOT_PUBLISHER, PAID, SETTLED, SETTLING, Publisher, Refused
from shared.wechat.models.publisher import ADPOS, CPS, SETTLEMENT

APP = "wxpublisher"
NOW = datetime(2024, 3, 10, 4, tzinfo=UTC).timestamp()  # 12:00 on 2024-03-10 in China


def query(action: str, start: str, end: str, **more: Any) -> dict[str, str]:
    return {"action": action, "start_date": start, "end_date": end, "page": "1", "page_size": "90", **more}


def refused(publisher: Publisher, asked: dict[str, str]) -> int:
    with pytest.raises(Refused) as error:
        publisher.report(APP, asked, NOW)
    return error.value.ret


@pytest.fixture
def publisher() -> Publisher:
    publisher = Publisher()
    publisher.enable(APP)
    return publisher


def test_an_account_that_is_no_publisher_is_refused_2009() -> None:
    publisher = Publisher()
    assert refused(publisher, query(ADPOS, "2024-03-01", "2024-03-02")) == NOT_PUBLISHER
    publisher.enable(APP)
    publisher.enable(APP, False)
    assert refused(publisher, query(CPS, "2024-03-01", "2024-03-02")) == NOT_PUBLISHER


def test_ad_slot_rows_come_newest_day_first_by_slot_id_and_the_summary_adds_them_up(publisher: Publisher) -> None:
    answer = publisher.report(APP, query(ADPOS, "2024-03-07", "2024-03-12"), NOW)
    rows = answer["list"]
    assert answer["base_resp"] == {"err_msg": "ok", "ret": 0}
    assert answer["total_num"] == len(rows) == 3 * 4  # 07, 08, 09 (no data from today on), four slots
    assert [row["date"] for row in rows[::4]] == ["2024-03-09", "2024-03-08", "2024-03-07"]
    assert [row["slot_id"] for row in rows[:4]] == sorted(row["slot_id"] for row in rows[:4])
    assert answer["summary"]["income"] == sum(row["income"] for row in rows)
    assert answer["summary"]["exposure_count"] == sum(row["exposure_count"] for row in rows)
    assert publisher.report(APP, query(ADPOS, "2024-03-07", "2024-03-12"), NOW) == answer  # fixed figures
    one = publisher.report(APP, query(ADPOS, "2024-03-07", "2024-03-12", ad_slot="SLOT_ID_BIZ_BOTTOM"), NOW)
    assert {row["ad_slot"] for row in one["list"]} == {"SLOT_ID_BIZ_BOTTOM"} and one["total_num"] == 3


def test_pages_cut_the_rows_and_keep_the_total(publisher: Publisher) -> None:
    whole = publisher.report(APP, query(ADPOS, "2024-01-01", "2024-01-10"), NOW)["list"]
    second = publisher.report(APP, {**query(ADPOS, "2024-01-01", "2024-01-10"), "page": "2", "page_size": "15"}, NOW)
    assert second["list"] == whole[15:30] and second["total_num"] == 40


def test_cps_rows_carry_orders_and_commission(publisher: Publisher) -> None:
    answer = publisher.report(APP, query(CPS, "2024-01-01", "2024-02-29"), NOW)  # 60 days
    assert answer["total_num"] == 60
    row = answer["list"][0]
    assert set(row) == {"date", "exposure_count", "click_count", "click_rate", "order_count", "order_rate",
                        "total_fee", "total_commission"}  # fmt: skip
    assert answer["summary"]["total_fee"] == sum(r["total_fee"] for r in answer["list"])


@pytest.mark.parametrize(
    "asked",
    [
        query(ADPOS, "2023-12-01", "2024-02-29"),  # 91 days
        query(CPS, "2024-01-01", "2024-03-01"),  # 61 days
        query(ADPOS, "2024-03-02", "2024-03-01"),
        query(ADPOS, "2015-12-31", "2016-01-02"),
        query(ADPOS, "2024/03/01", "2024-03-02"),
        {**query(ADPOS, "2024-03-01", "2024-03-02"), "page_size": "91"},
        {**query(ADPOS, "2024-03-01", "2024-03-02"), "page": "0"},
        query(ADPOS, "2024-03-01", "2024-03-02", ad_slot="SLOT_ID_WEAPP_BANNER"),
        query(CPS, "2024-03-01", "2024-03-02", ad_slot="SLOT_ID_BIZ_BOTTOM"),
        query("publisher_adunit_general", "2024-03-01", "2024-03-02"),
    ],
)
def test_what_wechat_refuses_is_1701(publisher: Publisher, asked: dict[str, str]) -> None:
    assert refused(publisher, asked) == BAD_PARAMS


def test_settlements_are_ended_half_months_newest_first(publisher: Publisher) -> None:
    answer = publisher.report(APP, query(SETTLEMENT, "2023-01-01", "2024-03-31"), NOW)  # no span limit
    rows = answer["settlement_list"]
    assert answer["total_num"] == len(rows) == 28  # 2023-01 … 2024-02, two halves each; March's first is running
    assert (rows[0]["month"], rows[0]["zone"], rows[0]["order"]) == ("202402", "2024-02-16至2024-02-29", 2)
    # ended 10, 24, 39, 55 and 70 days ago: settling for 30 days, settled, paid after 60
    assert [r["sett_status"] for r in rows[:5]] == [SETTLING, SETTLING, SETTLED, SETTLED, PAID]
    assert rows[-1]["sett_status"] == PAID
    assert answer["revenue_all"] == sum(r["settled_revenue"] for r in rows)
    assert answer["settled_revenue_all"] == sum(r["settled_revenue"] for r in rows if r["sett_status"] != SETTLING)
    assert all(r["settled_revenue"] == sum(s["slot_settled_revenue"] for s in r["slot_revenue"]) for r in rows)
    assert answer["body"] and answer["penalty_all"] == 0
    assert date.fromisoformat(rows[0]["date"]) == date(2024, 3, 1)
