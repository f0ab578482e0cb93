"""微信连Wi-Fi (group ``wifi``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving a store
from an empty network through password devices, connections, its pages and card placement, then
emptied and turned into a portal store."""

from typing import Any

from aiohttp.test_utils import TestClient

from shared.wechat.catalogue import default_catalogue
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("wifi")
# In catalogue order on a fresh account (its two example stores without networks): the device/add example
# makes 429620 a password store and apportal/register 7921527 a portal one; 0 for the rest.
FRESH_ACCOUNT = {
    "bizwifi/device/delete": 9002017,  # nobody has connected through that device
    "bizwifi/account/get_connecturl": 9002025,  # 7921527 is a portal store
}
# What a successful call answers besides errcode/errmsg: WeChat wraps every answer in "data".
WITH_DATA = {
    f"bizwifi/{action}"
    for action in (
        "openplugin/token", "shop/list", "shop/get", "apportal/register", "device/list", "qrcode/get",
        "homepage/get", "statistics/list", "couponput/get", "account/get_connecturl",
    )
}  # fmt: skip


async def test_every_endpoint_reaches_the_fake_and_answers_in_wechats_shape(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    assert len(ENDPOINTS) == 18
    answered: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answer = await response.json()
        assert wire(fake_wechat)[-1].path == f"/{endpoint.path}"
        answered[endpoint.path] = answer["errcode"]
        if answer["errcode"] == 0:
            assert ("data" in answer) == (endpoint.path in WITH_DATA), answer
    assert answered == {endpoint.path: FRESH_ACCOUNT.get(endpoint.path, 0) for endpoint in ENDPOINTS}
