"""卡券's core (group ``card``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed ``CardApi`` over ``ProxyTransport`` driving a
coupon through review, stock, a QR code and redemption, imported codes, and a member card through
activation and bonus and balance changes."""

from datetime import date
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pydantic import ValidationError

from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.card import CardChange, CardDefinition, CardStatus, CardType, CodeType
from shared.wechat.models.card_codes import CardQrCode, LandingPage, QrCard
from shared.wechat.models.datacube_rows import CARD_INFO
from shared.wechat.models.member_card import Activation, ActivationForm, MemberChange
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire
from tests.integration.proxy.test_poi import approved_merchant, draft

Client = TestClient[Any, Any]
INVALID_SERIAL_CODE, INVALID_CARD_ID, INVALID_ARGS, INVALID_POI_ID = 40056, 40073, 40097, 65115
# What a fresh account answers each catalogued example, in the catalogue's order: the card and the codes the
# examples name do not exist (card/create makes a new card with a new id); 0 for the rest.
UNKNOWN_CARD = ("card/get", "card/update", "card/delete", "card/modifystock", "card/qrcode/create",
                "card/landingpage/create", "card/mpnews/gethtml", "card/paycell/set", "card/selfconsumecell/set",
                "card/code/deposit", "card/code/getdepositcount", "card/code/checkcode",
                "card/membercard/activateuserform/set", "card/membercard/activate/geturl")  # fmt: skip
UNKNOWN_CODE = ("card/code/get", "card/code/consume", "card/code/decrypt", "card/code/update",
                "card/code/unavailable", "card/code/mark", "card/membercard/activate", "card/membercard/updateuser",
                "card/membercard/userinfo/get", "card/boardingpass/checkin", "card/meetingticket/updateuser",
                "card/movieticket/updateuser")  # fmt: skip
FRESH_REFUSALS = {
    **dict.fromkeys(UNKNOWN_CARD, INVALID_CARD_ID), **dict.fromkeys(UNKNOWN_CODE, INVALID_SERIAL_CODE),
    "card/membercard/activatetempinfo/get": INVALID_ARGS,  # no user filled in the form
    "card/storewxa/get": INVALID_POI_ID, "card/storewxa/set": INVALID_POI_ID,  # the account has no 门店小程序 store
}  # fmt: skip


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    endpoints = default_catalogue().in_group("card")
    answered: dict[str, int] = {}
    for endpoint in endpoints:
        response = await proxy.post(f"/v1/apps/{app_id}/wechat/{endpoint.path}", json=endpoint.example, headers=AUTH)
        answered[endpoint.path] = response.status if endpoint.deprecated else (await response.json())["errcode"]
    expected = {e.path: 410 if e.deprecated else FRESH_REFUSALS.get(e.path, 0) for e in endpoints}
    assert answered == expected
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{e.path}" for e in endpoints if not e.deprecated]
    assert len(fake_wechat.state.cards.of(app_id).cards.cards) == 1  # the example card/create made


NOW = 1700000000  # about the fake's manual clock
BASE: dict[str, Any] = {
    "logo_url": "http://mmbiz.qpic.cn/logo", "brand_name": "一号咖啡", "code_type": CodeType.QRCODE,
    "title": "10元代金券", "color": "Color010", "notice": "结账时出示", "description": "满100元可用",
    "date_info": {"type": "DATE_TYPE_FIX_TIME_RANGE", "begin_timestamp": NOW - 86400,
                  "end_timestamp": NOW + 86400 * 30},
    "sku": {"quantity": 3}, "get_limit": 1,
}  # fmt: skip
CASH = CardDefinition(card_type=CardType.CASH, base_info=BASE, least_cost=10000, reduce_cost=1000)


async def take(fake_wechat: FakeWeChat, card_id: str, openid: str, **more: Any) -> dict[str, Any]:
    body = {"app_id": fake_wechat.app_id, "card_id": card_id, "openid": openid, **more}
    answer: dict[str, Any] = await fake_wechat.control("card/take", body)
    return answer


async def refused_take(fake_wechat: FakeWeChat, card_id: str, openid: str) -> int:
    body = {"app_id": fake_wechat.app_id, "card_id": card_id, "openid": openid}
    response = await fake_wechat.client.post("/_control/card/take", json=body)
    assert response.status == 400
    return int((await response.json())["errcode"])


async def review(fake_wechat: FakeWeChat, card_id: str, status: str = "CARD_STATUS_VERIFY_OK") -> None:
    await fake_wechat.control("card/review", {"app_id": fake_wechat.app_id, "card_id": card_id, "status": status})


async def test_a_coupon_is_reviewed_given_out_within_its_limits_and_redeemed_once(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    card_id = await api.card.create(CASH)
    assert (await api.card.get(card_id)).status == CardStatus.NOT_VERIFY
    assert await refused_take(fake_wechat, card_id, "oUser") == 40078  # in review: testers only
    await api.card.set_test_whitelist(openids=["oTester"])
    await take(fake_wechat, card_id, "oTester")
    await review(fake_wechat, card_id)
    ticket = await api.card.qrcode(CardQrCode(cards=[QrCard(card_id=card_id)], expire_seconds=1800))
    assert ticket.show_qrcode_url.endswith(ticket.ticket)
    assert (await api.card.get(card_id)).status == CardStatus.DISPATCH

    scanned = {"app_id": fake_wechat.app_id, "ticket": ticket.ticket, "openid": "oUser"}
    given: dict[str, Any] = await fake_wechat.control("card/scan", scanned)  # the user scans the QR code
    assert await refused_take(fake_wechat, card_id, "oUser") == 45033  # get_limit 1
    await take(fake_wechat, card_id, "oOther")
    assert await refused_take(fake_wechat, card_id, "oThird") == 45031  # the stock of 3 is gone
    await api.card.modify_stock(card_id, increase=1)
    await take(fake_wechat, card_id, "oThird")
    info = await api.card.get(card_id)
    assert (info.quantity, info.total_quantity) == (0, 4)
    assert await errcode_of(api.card.modify_stock(card_id, reduce=1)) == 40122

    code = given["code"]
    assert await api.card.codes.decrypt(given["encrypt_code"]) == code
    status = await api.card.codes.get(code, card_id)
    assert (status.openid, status.can_consume, status.user_card_status) == ("oUser", True, "NORMAL")
    assert [held.code for held in await api.card.codes.of_user("oUser")] == [code]
    assert await api.card.codes.consume(code, card_id) == "oUser"
    assert await errcode_of(api.card.codes.consume(code, card_id)) == 40099
    assert (await api.card.codes.get(code, check_consume=False)).user_card_status == "CONSUMED"
    assert await api.card.codes.of_user("oUser") == []
    assert await errcode_of(api.card.codes.get("999999999999")) == INVALID_SERIAL_CODE


async def test_a_card_is_changed_listed_and_deleted(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    first, second = await api.card.create(CASH), await api.card.create(CASH)
    await review(fake_wechat, first)
    assert (
        await api.card.update(CardChange(card_id=first, card_type=CardType.CASH, base_info={"notice": "请出示"}))
        is False
    )
    assert (await api.card.get(first)).status == CardStatus.VERIFY_OK
    assert (
        await api.card.update(CardChange(card_id=first, card_type=CardType.CASH, base_info={"title": "8元券"})) is True
    )
    assert (await api.card.get(first)).details["base_info"]["title"] == "8元券"
    for size in (1, 50):
        assert [card async for card in api.card.all(page_size=size)] == [first, second]
    await review(fake_wechat, first)
    assert [card async for card in api.card.all([CardStatus.VERIFY_OK])] == [first]
    await api.card.delete(first)
    assert (await api.card.get(first)).status == CardStatus.DELETE
    assert await errcode_of(api.card.qrcode(CardQrCode(cards=[QrCard(card_id=first)]))) == 40078
    assert await errcode_of(api.card.get("pNoSuchCard")) == INVALID_CARD_ID
    page = LandingPage.model_validate({
        "banner": "http://mmbiz.qpic.cn/b", "page_title": "优惠", "can_share": True, "scene": "SCENE_H5",
        "card_list": [{"card_id": second, "thumb_url": "http://mmbiz.qpic.cn/t"}]})  # fmt: skip
    assert await errcode_of(api.card.landing_page(page)) == 40078  # still in review
    await review(fake_wechat, second)
    url, page_id = await api.card.landing_page(page)
    assert (page_id, url.endswith("page_id=1")) == (1, True)
    assert second in await api.card.article_html(second)


async def test_imported_codes_bound_the_stock_and_a_given_code_changes_until_it_is_made_unavailable(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    deposit = {"use_custom_code": True, "get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT"}
    base = {**BASE, **deposit, "sku": {"quantity": 0}}
    card_id = await api.card.create(CardDefinition(card_type=CardType.GENERAL_COUPON, base_info=base,
                                                   default_detail="全场九折"))  # fmt: skip
    await review(fake_wechat, card_id)
    codes = [f"C{n:05d}" for n in range(150)]
    added = await api.card.codes.deposit(card_id, codes)  # two calls: 100, then 50
    assert (len(added.succ_code), added.duplicate_code) == (150, [])
    assert (await api.card.codes.deposit(card_id, ["C00000", "NEW1"])).duplicate_code == ["C00000"]
    assert await api.card.codes.deposit_count(card_id) == 151
    check = await api.card.codes.check(card_id, ["C00001", "NOPE"])
    assert (check.exist_code, check.not_exist_code) == (["C00001"], ["NOPE"])
    assert await errcode_of(api.card.modify_stock(card_id, increase=152)) == 40122  # more than imported
    await api.card.modify_stock(card_id, increase=151)

    code = (await take(fake_wechat, card_id, "oUser"))["code"]
    assert code == "C00000"
    await take(fake_wechat, card_id, "oOther")  # 149 of the 151 imported codes are left, and 149 in stock
    assert await errcode_of(api.card.modify_stock(card_id, increase=1)) == 40122  # more than the codes left
    await api.card.codes.mark(code, card_id, "oUser")
    assert await errcode_of(api.card.codes.mark(code, card_id, "oOther")) == INVALID_ARGS
    await api.card.codes.change(code, card_id, "D00000")
    assert await errcode_of(api.card.codes.get(code, card_id)) == INVALID_SERIAL_CODE
    await api.card.codes.make_unavailable("D00000", card_id, reason="退款")
    assert await errcode_of(api.card.codes.get("D00000", card_id)) == 40127
    assert (await api.card.codes.get("D00000", card_id, check_consume=False)).user_card_status == "UNAVAILABLE"
    assert await errcode_of(api.card.codes.consume("D00000", card_id)) == 40127


MEMBER = CardDefinition.model_validate({
    "card_type": "MEMBER_CARD", "prerogative": "会员九折", "supply_bonus": True, "supply_balance": True,
    "base_info": {**BASE, "title": "咖啡会员卡", "date_info": {"type": "DATE_TYPE_PERMANENT"}},
})  # fmt: skip


async def test_a_member_fills_the_form_is_activated_and_earns_and_spends(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    card_id = await api.card.create(MEMBER)
    await review(fake_wechat, card_id)
    form = {"required_form": {"common_field_id_list": ["USER_FORM_INFO_FLAG_MOBILE"]}}
    await api.card.members.set_activation_form(ActivationForm.model_validate({"card_id": card_id, **form}))
    assert "card_id=" + card_id in await api.card.members.activation_url(card_id, "from-menu")
    code = (await take(fake_wechat, card_id, "oMember"))["code"]
    filled = {"app_id": fake_wechat.app_id, "code": code, "fields": {"USER_FORM_INFO_FLAG_MOBILE": "13800000000"}}
    ticket = (await fake_wechat.control("card/fill", filled))["activate_ticket"]
    info = await api.card.members.activation_info(ticket)
    assert info["common_field_list"] == [{"name": "USER_FORM_INFO_FLAG_MOBILE", "value": "13800000000"}]

    activation = Activation(card_id=card_id, code=code, membership_number="M001", init_bonus=10, init_balance=500)
    await api.card.members.activate(activation)
    assert await errcode_of(api.card.members.activate(activation)) == INVALID_ARGS  # once
    earned = await api.card.members.change(MemberChange(card_id=card_id, code=code, add_bonus=5, add_balance=-200))
    assert (earned.result_bonus, earned.result_balance, earned.openid) == (15, 300, "oMember")
    overdrawn = MemberChange(card_id=card_id, code=code, add_balance=-301)
    assert await errcode_of(api.card.members.change(overdrawn)) == INVALID_ARGS
    member = await api.card.members.get(code, card_id)
    assert (member.membership_number, member.bonus, member.balance, member.has_active) == ("M001", 15, 300, True)
    await fake_wechat.control("card/drop", {"app_id": fake_wechat.app_id, "code": code})
    assert await errcode_of(api.card.members.change(MemberChange(card_id=card_id, code=code, bonus=0))) == 40127
    assert (await api.card.members.get(code, card_id)).user_card_status == "DELETE"


async def test_a_ticket_is_updated_only_by_its_own_kind_and_bad_cards_reach_no_one(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    movie = CardDefinition(card_type=CardType.MOVIE_TICKET, base_info={**BASE, "title": "电影票"}, detail="观影")
    card_id = await api.card.create(movie)
    await review(fake_wechat, card_id)
    code = (await take(fake_wechat, card_id, "oViewer"))["code"]
    seats = {"card_id": card_id, "code": code, "ticket_class": "3D", "show_time": NOW + 3600, "duration": 120,
             "screening_room": "5号厅", "seat_number": ["5排14号"]}  # fmt: skip
    assert await api.call("card/movieticket/updateuser", json=seats) == {"errcode": 0, "errmsg": "ok"}
    meeting = {"card_id": card_id, "code": code, "zone": "C区", "entrance": "东门", "seat_number": "2排15号"}
    assert await errcode_of(api.call("card/meetingticket/updateuser", json=meeting)) == 40071
    sent = len(wire(fake_wechat))

    with pytest.raises(ValidationError):
        CardDefinition(card_type=CardType.CASH, base_info={**BASE, "title": "一" * 10}, reduce_cost=100)
    with pytest.raises(ValidationError):
        CardQrCode(cards=[QrCard(card_id=card_id)] * 6)
    with pytest.raises(ValueError):
        await api.card.codes.deposit(card_id, [])
    assert len(wire(fake_wechat)) == sent
    too_long = CASH.body()
    too_long["card"]["cash"]["base_info"]["title"] = "一" * 10
    assert await errcode_of(api.call("card/create", json=too_long)) == 45021
    no_type = {"card": {"card_type": "LUCKY_MONEY", "lucky_money": {}}}
    assert await errcode_of(api.call("card/create", json=no_type)) == 40071


async def test_a_card_given_to_a_friend_moves_to_their_card_bag(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    card_id = await api.card.create(CASH.model_copy(update={"base_info": CASH.base_info.model_copy(
        update={"can_give_friend": True})}))  # fmt: skip
    await review(fake_wechat, card_id)
    old = (await take(fake_wechat, card_id, "oGiver"))["code"]
    await fake_wechat.control("card/gift", {"app_id": fake_wechat.app_id, "code": old})
    assert (await api.card.codes.get(old, check_consume=False)).user_card_status == "GIFTING"
    accepted = {"app_id": fake_wechat.app_id, "code": old, "openid": "oFriend"}
    new = (await fake_wechat.control("card/accept", accepted))["code"]
    assert await errcode_of(api.card.codes.get(old)) == INVALID_SERIAL_CODE
    assert [(held.card_id, held.code) for held in await api.card.codes.of_user("oFriend", card_id)] == [(card_id, new)]
    assert await api.card.codes.of_user("oGiver") == []


async def test_a_store_mini_program_store_offers_one_card(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await approved_merchant(api, fake_wechat)
    audit_id = await api.poi.add(draft())
    await fake_wechat.control("stores/review", {"app_id": fake_wechat.app_id, "audit_id": audit_id})
    [store] = [store async for store in api.poi.stores()]
    assert await api.card.store_card(store["poi_id"]) is None
    card_id = await api.card.create(CASH)
    await api.card.set_store_card(store["poi_id"], card_id)
    assert await api.card.store_card(int(store["poi_id"])) == card_id
    assert await errcode_of(api.card.set_store_card("1", card_id)) == 65115
    assert await errcode_of(api.card.set_store_card(store["poi_id"], "pNoSuchCard")) == INVALID_CARD_ID
    with pytest.raises(ValueError, match="poi_id"):
        await api.card.store_card("store-1")


async def test_the_card_reports_list_the_cards_the_account_made(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    card_id = await api.card.create(CASH)
    yesterday = date(2023, 11, 14)  # the fake's manual clock: 2023-11-15 in China
    (row,) = await api.datacube.across(CARD_INFO, yesterday, yesterday, cond_source=1)
    assert (row.card_id, row.card_type) == (card_id, 1)  # 代金券
