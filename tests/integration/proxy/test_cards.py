"""卡券's core (group ``card``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed ``CardApi`` over ``ProxyTransport`` driving a
coupon through review, stock, a QR code and redemption, imported codes, and a member card through
activation and bonus and balance changes."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.errors import WeChatError
from shared.wechat.models.card import CardChange, CardDefinition, CardStatus, CardType, CodeType
from shared.wechat.models.card_codes import CardQrCode, LandingPage, QrCard
from shared.wechat.transport import ProxyTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
INVALID_SERIAL_CODE, INVALID_CARD_ID, INVALID_ARGS = 40056, 40073, 40097
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
}  # fmt: skip


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with aiohttp.ClientSession() as session:
        transport = ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY)
        yield WeChatApi(transport, fake_wechat.app_id)


async def errcode_of(call: Any) -> int:
    with pytest.raises(WeChatError) as error:
        await call
    return error.value.errcode


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    endpoints = default_catalogue().in_group("card")
    answered: dict[str, int] = {}
    for endpoint in endpoints:
        response = await proxy.post(f"/v1/apps/{app_id}/wechat/{endpoint.path}", json=endpoint.example, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answered[endpoint.path] = (await response.json())["errcode"]
    assert answered == {endpoint.path: FRESH_REFUSALS.get(endpoint.path, 0) for endpoint in endpoints}
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{endpoint.path}" for endpoint in endpoints]
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

    given = await take(fake_wechat, card_id, "oUser")
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
