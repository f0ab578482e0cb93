"""卡券's request models refuse what WeChat refuses before anything is sent: base_info's text limits, a
colour card/getcolors does not list, a validity that ends before it begins, a type without its own fields, a
page past 50, a QR code of more than 5 cards or an expiry outside 60–1800 s, 100 codes a call, a member change
that both sets and adds; and the typed client cuts a long list of codes into calls of 100."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.cards import definitions
from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.card import (
    COLORS,
    BaseInfo,
    CardChange,
    CardDefinition,
    CardQuery,
    CardType,
    CodeType,
    StockChange,
)
from shared.wechat.models.card_codes import CardQrCode, CodeBatch, QrCard
from shared.wechat.models.member_card import Activation, ActivationForm, MemberChange
from shared.wechat.transport import Call

BASE: dict[str, Any] = {
    "logo_url": "http://mmbiz.qpic.cn/logo", "brand_name": "一号咖啡", "code_type": "CODE_TYPE_TEXT",
    "title": "代金券", "color": "Color010", "notice": "结账时出示", "description": "满100元可用",
    "date_info": {"type": "DATE_TYPE_FIX_TERM", "fixed_term": 30, "fixed_begin_term": 0}, "sku": {"quantity": 10},
}  # fmt: skip


@settings(max_examples=40)
@given(key=st.sampled_from([("title", 9), ("brand_name", 12), ("notice", 16)]), size=st.integers(1, 20))
def test_base_info_texts_are_accepted_exactly_up_to_wechats_limit(key: tuple[str, int], size: int) -> None:
    name, most = key
    info = {**BASE, name: "券" * size}
    if size <= most:
        assert BaseInfo.model_validate(info).body()[name] == "券" * size
    else:
        with pytest.raises(ValidationError):
            BaseInfo.model_validate(info)


@pytest.mark.parametrize(
    "change",
    [
        {"color": "Color999"},  # not a card/getcolors name
        {"code_type": "CODE_TYPE_PDF417"},
        {"sku": {"quantity": 100_000_001}},
        {"date_info": {"type": "DATE_TYPE_FIX_TIME_RANGE", "begin_timestamp": 20, "end_timestamp": 10}},
        {"date_info": {"type": "DATE_TYPE_FIX_TERM"}},  # no fixed_term
        {"get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT"},  # imported codes are custom codes
        {"get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT", "use_custom_code": True},  # quantity must be 0
        {"description": "说" * 1025},
        {"logo_url": "ftp://logo"},
    ],
)
def test_base_info_wechat_refuses_is_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        BaseInfo.model_validate({**BASE, **change})


@pytest.mark.parametrize(
    ("kind", "fields", "ok"),
    [
        (CardType.GROUPON, {}, False),
        (CardType.GROUPON, {"deal_detail": "套餐"}, True),
        (CardType.CASH, {"reduce_cost": 0}, False),
        (CardType.CASH, {"reduce_cost": 100, "least_cost": 1000}, True),
        (CardType.DISCOUNT, {"discount": 100}, False),
        (CardType.DISCOUNT, {"discount": 30}, True),
        (CardType.MEMBER_CARD, {"prerogative": "九折", "supply_bonus": True}, False),  # supply_balance missing
        (CardType.BOARDING_PASS, {"from": "成都", "to": "广州"}, False),  # flight missing
        (CardType.SCENIC_TICKET, {}, True),
    ],
)
def test_each_type_needs_its_own_fields(kind: CardType, fields: dict[str, Any], ok: bool) -> None:
    if ok:
        body = CardDefinition(card_type=kind, base_info=BASE, **fields).body()
        assert body["card"]["card_type"] == kind.value and body["card"][kind.lower()]["base_info"]["title"] == "代金券"
    else:
        with pytest.raises(ValidationError):
            CardDefinition(card_type=kind, base_info=BASE, **fields)


def test_only_a_member_card_is_permanent() -> None:
    permanent = {**BASE, "date_info": {"type": "DATE_TYPE_PERMANENT"}}
    with pytest.raises(ValidationError):
        CardDefinition(card_type=CardType.GIFT, base_info=permanent, gift="咖啡一杯")
    member = CardDefinition(card_type=CardType.MEMBER_CARD, base_info=permanent, prerogative="九折",
                            supply_bonus=True, supply_balance=False)  # fmt: skip
    assert member.body()["card"]["member_card"]["supply_balance"] is False


def test_an_update_changes_something_but_not_the_brand_or_the_stock() -> None:
    with pytest.raises(ValidationError):
        CardChange(card_id="p1", card_type=CardType.CASH)
    for fixed in ({"brand_name": "别家"}, {"sku": {"quantity": 1}}):
        with pytest.raises(ValidationError):
            CardChange(card_id="p1", card_type=CardType.CASH, base_info=fixed)
    change = CardChange(card_id="p1", card_type=CardType.CASH, base_info={"notice": "请出示"}, reduce_cost=200)
    assert change.body() == {"card_id": "p1", "cash": {"reduce_cost": 200, "base_info": {"notice": "请出示"}}}


@given(st.integers(min_value=-2, max_value=60))
def test_a_card_page_holds_1_to_50(count: int) -> None:
    if 1 <= count <= 50:
        assert CardQuery(count=count).body()["count"] == count
    else:
        with pytest.raises(ValidationError):
            CardQuery(count=count)


def test_a_stock_change_changes_the_stock() -> None:
    with pytest.raises(ValidationError):
        StockChange(card_id="p1")
    assert StockChange(card_id="p1", reduce_stock_value=3).body()["reduce_stock_value"] == 3


@given(st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=2000))
def test_a_qr_code_gives_1_to_5_cards_and_expires_in_60_to_1800_seconds(cards: int, seconds: int) -> None:
    items = [QrCard(card_id=f"p{n}") for n in range(cards)]
    if 1 <= cards <= 5 and 60 <= seconds <= 1800:
        body = CardQrCode(cards=items, expire_seconds=seconds).body()
        assert body["action_name"] == ("QR_CARD" if cards == 1 else "QR_MULTIPLE_CARD")
        assert body["expire_seconds"] == seconds
    else:
        with pytest.raises(ValidationError):
            CardQrCode(cards=items, expire_seconds=seconds)


def test_codes_are_20_characters_at_most_100_a_call_each_once() -> None:
    for codes in (["a" * 21], [str(n) for n in range(101)], ["1", "1"], []):
        with pytest.raises(ValidationError):
            CodeBatch(card_id="p1", code=codes)
    assert CodeBatch(card_id="p1", code=["a" * 20]).body() == {"card_id": "p1", "code": ["a" * 20]}


def test_a_member_change_sets_or_adds_and_keeps_records_short() -> None:
    with pytest.raises(ValidationError):
        MemberChange(card_id="p1", code="1", bonus=10, add_bonus=1)
    with pytest.raises(ValidationError):
        MemberChange(card_id="p1", code="1", add_bonus=1, record_bonus="积" * 15)
    with pytest.raises(ValidationError):
        MemberChange(card_id="p1", code="1", balance=-1)
    assert MemberChange(card_id="p1", code="1", add_balance=-5).body()["add_balance"] == -5


def test_an_activation_form_has_a_form_of_wechats_fields() -> None:
    with pytest.raises(ValidationError):
        ActivationForm(card_id="p1")
    with pytest.raises(ValidationError):
        ActivationForm.model_validate({"card_id": "p1", "required_form": {"common_field_id_list": ["FAVOURITE"]}})


def test_custom_field_values_are_at_most_4_hanzi_or_12_bytes() -> None:
    assert MemberChange(card_id="p1", code="1", custom_field_value1="白金会员").custom_field_value1 == "白金会员"
    with pytest.raises(ValidationError):
        MemberChange(card_id="p1", code="1", custom_field_value1="白金会员等级")  # 18 bytes
    with pytest.raises(ValidationError):
        Activation(card_id="p1", code="1", membership_number="M1", init_custom_field_value3="白金会员等")


def test_the_models_and_the_fake_know_the_same_colours_card_types_and_code_types() -> None:
    assert COLORS == definitions.COLOR_NAMES  # card/getcolors' names, as the fake answers them
    assert {kind.value for kind in CardType} == set(definitions.CARD_TYPES)
    assert {kind.value for kind in CodeType} == set(definitions.CODE_TYPES)


class Recording:
    """A transport that answers every deposit as all added, and remembers each call's codes."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        self.batches.append(call.json["code"])
        return {"errcode": 0, "succ_code": call.json["code"], "duplicate_code": [], "fail_code": []}


async def test_deposit_cuts_a_long_list_into_calls_of_100() -> None:
    transport = Recording()
    api = WeChatApi(transport, "wx1")
    codes = [f"{n:04d}" for n in range(250)]
    result = await api.card.codes.deposit("p1", codes)
    assert [len(batch) for batch in transport.batches] == [100, 100, 50]
    assert result.succ_code == codes


class Answering:
    def __init__(self, answer: dict[str, Any]) -> None:
        self.answer = answer

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        return self.answer


async def test_a_card_answer_without_its_type_object_is_wechats_error() -> None:
    api = WeChatApi(Answering({"errcode": 0, "card": {"card_type": "CASH"}}), "wx1")
    with pytest.raises(WeChatError):
        await api.card.get("p1")
    api = WeChatApi(Answering({"errcode": 0}), "wx1")
    with pytest.raises(WeChatError):
        await api.card.create(CardDefinition(card_type=CardType.GIFT, base_info=BASE, gift="咖啡"))
