"""微信连Wi-Fi (group ``wifi``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving a store
from an empty network through password devices, connections, its pages and card placement, then
emptied and turned into a portal store."""

from datetime import date
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pydantic import ValidationError

from sandbox.fake_wechat import ManualClock
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.wifi import PASSWORD, PORTAL, CouponPut, FinishPage, Homepage
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("wifi")
NANSHAN, BAOAN = 429620, 7921527  # the stores every account of the fake starts with
DAY = 86400
TODAY = date(2023, 11, 15)  # in China, at the fake's manual clock
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


async def connect(fake: FakeWeChat, shop_id: int, ssid: str, bssid: str, openid: str) -> None:
    body = {"app_id": fake.app_id, "shop_id": shop_id, "ssid": ssid, "bssid": bssid, "openid": openid}
    await fake.control("wifi/connect", body)


async def test_a_password_store_gets_devices_is_renamed_counted_and_emptied_into_a_portal_store(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    wifi = api.wifi
    assert [(shop.shop_id, shop.protocol_type) async for shop in wifi.shops()] == [(NANSHAN, 0), (BAOAN, 0)]
    await wifi.add_password_network(NANSHAN, "WX-cafe", "coffee-2026")
    assert await errcode_of(wifi.add_password_network(NANSHAN, "WX-cafe", "coffee-2026")) == 9007001
    assert await errcode_of(wifi.register_portal(NANSHAN, "WX-portal")) == 9002028  # one kind of network a store
    await connect(fake_wechat, NANSHAN, "WX-cafe", "00:1f:7a:ad:5c:a8", "o-ann")
    await connect(fake_wechat, NANSHAN, "WX-cafe", "00:1f:7a:ad:5c:a9", "o-bob")
    await connect(fake_wechat, NANSHAN, "WX-cafe", "00:1f:7a:ad:5c:a9", "o-ann")
    await wifi.change_network(NANSHAN, "WX-cafe", "WX-cafe-2", password="new-pass-99")
    shop = await wifi.shop(NANSHAN)
    assert (shop.protocol_type, shop.ap_count, shop.ssid_list) == (PASSWORD, 2, ["WX-cafe-2"])
    assert shop.ssid_password_list == [{"ssid": "WX-cafe-2", "password": "new-pass-99"}]
    assert {(d.bssid, d.ssid) async for d in wifi.devices(NANSHAN)} == {
        ("00:1f:7a:ad:5c:a8", "WX-cafe-2"), ("00:1f:7a:ad:5c:a9", "WX-cafe-2"),
    }  # fmt: skip
    assert (await wifi.qrcode_url(NANSHAN, "WX-cafe-2", img_id=1)).startswith("https://")
    assert await errcode_of(wifi.qrcode_url(NANSHAN, "WX-cafe", img_id=1)) == 9007004  # renamed
    assert (await wifi.connect_url()).startswith("https://")  # the only store with a network is a password one
    figures = await wifi.statistics(TODAY, TODAY)
    assert [(row.total_user, row.wxconnect_user, row.shop_id) for row in figures] == [(2, 2, "-1")]
    await wifi.delete_device("00:1F:7A:AD:5C:A8")  # a router's upper case names the same device
    assert await errcode_of(wifi.delete_device("00:1f:7a:ad:5c:a8")) == 9002017
    await wifi.clean(NANSHAN)
    assert [d async for d in wifi.devices()] == []
    key = await wifi.register_portal(NANSHAN, "WX-portal")
    assert (
        await wifi.register_portal(NANSHAN, "WX-portal")
        == key
        != await wifi.register_portal(NANSHAN, "WX-portal", reset=True)
    )
    assert (await wifi.shop(NANSHAN)).protocol_type == PORTAL
    assert await errcode_of(wifi.change_network(NANSHAN, "WX-portal", "WX-portal-2", password="new-pass-99")) == (
        9002037  # a portal network has no password
    )
    assert await errcode_of(wifi.connect_url()) == 9002025


async def test_a_stores_pages_and_card_placement_follow_the_clock(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    wifi, clock = api.wifi, fake_wechat.clock
    assert isinstance(clock, ManualClock)
    await wifi.set_homepage(Homepage.web(NANSHAN, "https://shop.example.com/home"))
    assert (await wifi.homepage(NANSHAN)).model_dump(exclude_defaults=True) == {
        "shop_id": NANSHAN, "template_id": 1, "url": "https://shop.example.com/home",
    }  # fmt: skip
    await wifi.set_bar(NANSHAN, 3)
    await wifi.set_finish_page(FinishPage(shop_id=NANSHAN, finishpage_type=0, finishpage_url="https://x.example.com"))
    shop = await wifi.shop(NANSHAN)
    assert (shop.homepage_url, shop.bar_type, shop.finishpage_url) == (
        "https://shop.example.com/home", 3, "https://x.example.com",
    )  # fmt: skip
    added = await fake_wechat.control(
        "wifi/shop", {"app_id": fake_wechat.app_id, "shop_name": "新店", "audited": False}
    )
    assert await errcode_of(wifi.set_bar(added["shop_id"], 1)) == 9002008  # a store under review is not named
    await wifi.set_bar(added["shop_id"], 2)
    now = int(clock.time())
    card = "pBnTrjvZJXkZsPGwfq9F0Hl0WqE"
    await wifi.put_coupon(
        CouponPut(shop_id=0, card_id=card, card_describe="10元代金券", start_time=now + DAY, end_time=now + 3 * DAY)
    )
    every_store = await wifi.coupon(NANSHAN)  # a placement for every store (0) applies to this one
    assert (every_store.shop_id, every_store.card_id) == (0, card)
    statuses = []
    for _ in range(3):
        statuses.append((await wifi.coupon(0)).card_status)
        clock.advance(2 * DAY)
    assert statuses == [1, 0, 2]  # not yet, on, over


async def test_bad_calls_are_refused_before_anything_is_sent(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    sent = len(wire(fake_wechat))
    with pytest.raises(ValidationError):
        await api.wifi.add_password_network(NANSHAN, "cafe", "coffee-2026")  # neither starts with WX
    with pytest.raises(ValueError, match="after"):
        await api.wifi.statistics(TODAY, date(2023, 11, 1))
    assert len(wire(fake_wechat)) == sent
