"""The card extensions' request models refuse what WeChat refuses: a sub-merchant's name past 12
characters, a page past WeChat's size, a time range that ends before it begins, a maintain call that
names no shelf or two, a shelf without a theme or a card."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.card_coins import OrderQuery, PriceQuery, Recharge
from shared.wechat.models.card_submerchant import SubMerchantInfo, SubMerchantQuery
from shared.wechat.models.giftcard import Maintain, Page
from shared.wechat.models.giftcard import OrderQuery as GiftOrderQuery
from shared.wechat.transport import Call

MERCHANT: dict[str, Any] = {
    "brand_name": "一号咖啡", "logo_url": "https://mmbiz.qpic.cn/logo", "protocol": "media-1", "end_time": 1893427200,
    "primary_category_id": 1, "secondary_category_id": 101,
}  # fmt: skip
THEME: dict[str, Any] = {"theme_pic_url": "http://t/0", "title": "谢谢", "item_list": [{"card_id": "pFS7"}]}
PAGE: dict[str, Any] = {"page_title": "礼品卡", "banner_pic_url": "http://b/0", "theme_list": [THEME]}


@settings(max_examples=40)  # text generation is the slow part; the boundary is what matters
@given(st.text(alphabet="一号咖啡a1 ", min_size=1, max_size=30))
def test_a_brand_name_is_accepted_exactly_up_to_12_characters(name: str) -> None:
    if len(name) <= 12:
        assert SubMerchantInfo(**{**MERCHANT, "brand_name": name}).body()["brand_name"] == name
    else:
        with pytest.raises(ValidationError):
            SubMerchantInfo(**{**MERCHANT, "brand_name": name})


@given(st.integers(min_value=-5, max_value=205))
def test_a_sub_merchant_page_holds_1_to_100(limit: int) -> None:
    if 1 <= limit <= 100:
        assert SubMerchantQuery(limit=limit).body() == {"begin_id": 0, "limit": limit}
    else:
        with pytest.raises(ValidationError):
            SubMerchantQuery(limit=limit)


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=2**32))
def test_order_ranges_end_after_they_begin(begin: int, end: int) -> None:
    for model in (GiftOrderQuery, OrderQuery):
        if end >= begin:
            assert model(begin_time=begin, end_time=end).body()["end_time"] == end
        else:
            with pytest.raises(ValidationError):
                model(begin_time=begin, end_time=end)


@pytest.mark.parametrize(
    "bad",
    [
        {**MERCHANT, "logo_url": "ftp://logo"},
        {**MERCHANT, "protocol": ""},
        {**MERCHANT, "end_time": True},
        {**MERCHANT, "primary_category_id": -1},
        {**MERCHANT, "unknown": 1},
        {key: value for key, value in MERCHANT.items() if key != "protocol"},
    ],
)
def test_a_sub_merchant_without_what_wechat_needs_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SubMerchantInfo(**bad)


def test_maintain_names_one_shelf_or_all() -> None:
    assert Maintain(page_id="p1").body() == {"page_id": "p1", "maintain": True}
    assert Maintain(all=True, maintain=False).body() == {"all": True, "maintain": False}
    for bad in ({}, {"page_id": "p1", "all": True}, {"all": False}):
        with pytest.raises(ValidationError):
            Maintain(**bad)


@pytest.mark.parametrize(
    "bad",
    [
        {**PAGE, "theme_list": []},
        {**PAGE, "theme_list": [{**THEME, "item_list": []}]},
        {**PAGE, "theme_list": [{**THEME, "title_color": "red"}]},
        {**PAGE, "banner_pic_url": "banner.png"},
        {key: value for key, value in PAGE.items() if key != "page_title"},
    ],
)
def test_a_shelf_without_themes_and_cards_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Page.model_validate(bad)


def test_a_shelf_keeps_wechats_optional_fields() -> None:
    assert Page.model_validate({**PAGE, "need_receipt": True}).body()["need_receipt"] is True


@pytest.mark.parametrize(
    "build",
    [
        lambda: PriceQuery(card_id="c", quantity=0),
        lambda: PriceQuery(card_id="", quantity=1),
        lambda: Recharge(coin_count=0),
        lambda: OrderQuery(begin_time=0, end_time=1, count=51),
        lambda: GiftOrderQuery(begin_time=0, end_time=1, count=101),
        lambda: GiftOrderQuery(begin_time=0, end_time=1, sort_type="UP"),
    ],
)
def test_counts_and_pages_past_wechats_limits_are_refused(build: Any) -> None:
    with pytest.raises(ValidationError):
        build()


class SubMerchantBook:
    """A transport answering card/submerchant/batchget from ``ids``, ``begin_id`` inclusive or not."""

    def __init__(self, ids: list[int], *, inclusive: bool) -> None:
        self.ids, self.inclusive, self.calls = ids, inclusive, 0

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        self.calls += 1
        assert call.endpoint.path == "card/submerchant/batchget" and isinstance(call.json, dict)
        begin, limit = call.json["begin_id"], call.json["limit"]
        page = [i for i in self.ids if (i >= begin if self.inclusive else i > begin)][:limit]
        info = [{"merchant_id": i} for i in page]
        return {"errcode": 0, "errmsg": "ok", "info_list": info, "next_begin_id": page[-1] if page else begin}


@given(
    st.lists(st.integers(min_value=1, max_value=10**6), unique=True, max_size=12).map(sorted),
    st.integers(min_value=1, max_value=5),
    st.booleans(),
)
async def test_every_sub_merchant_is_listed_once_whether_begin_id_is_inclusive_or_not(
    ids: list[int], size: int, inclusive: bool
) -> None:
    book = SubMerchantBook(ids, inclusive=inclusive)
    listed = [merchant.merchant_id async for merchant in WeChatApi(book, "wx").submerchant.all(page_size=size)]
    assert listed == ids
    assert book.calls <= 2 * len(ids) + 1


class Answering:
    """A transport answering every call with ``answer``."""

    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        return self.answer


async def test_an_answer_without_what_wechat_promises_is_wechats_error_not_a_key_error() -> None:
    api = WeChatApi(Answering({"errcode": 0, "errmsg": "ok"}), "wx")
    for call in (api.giftcard.add_page(Page.model_validate(PAGE)), api.giftcard.page("p1"), api.card_coins.order("1")):
        with pytest.raises(WeChatError):
            await call
