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
