"""Endpoints the audit found missing, in groups without an every-example test of their own (base,
template, draft, publisher, cityservice): every catalogued example through the API proxy, answered as
WeChat answers a fresh account, and their typed methods over ``ProxyTransport``."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.transport import ProxyTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
PATHS = ("cgi-bin/openapi/quota/clear", "wxa/sec/queryblocktmplmsg")
# What a fresh account answers each example: 0 unless named here.
FRESH_REFUSALS: dict[str, int] = {}


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with aiohttp.ClientSession() as session:
        transport = ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY)
        yield WeChatApi(transport, fake_wechat.app_id)


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    catalogue = default_catalogue()
    endpoints = [catalogue[path] for path in PATHS]
    answered: dict[str, int] = {}
    for endpoint in endpoints:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, params=endpoint.example or {}, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answered[endpoint.path] = (await response.json()).get("errcode", 0)
    assert answered == {path: FRESH_REFUSALS.get(path, 0) for path in PATHS}
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{path}" for path in PATHS]


async def test_one_apis_quota_is_reset_through_the_proxy(api: WeChatApi) -> None:
    await api.base.callback_ips()
    assert (await api.base.quota("cgi-bin/getcallbackip")).used == 1
    await api.base.clear_api_quota("cgi-bin/getcallbackip")
    assert (await api.base.quota("cgi-bin/getcallbackip")).used == 0


async def test_an_intercepted_template_message_through_the_proxy(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    template_id = await api.template.add("47123", ["时间", "金额"])
    [openid] = (await fake_wechat.control("followers", {"app_id": fake_wechat.app_id, "count": 1}))["openids"]
    message = {"touser": openid, "template_id": template_id, "data": {"time1": {"value": "12:00"}}}
    sent = await api.call("cgi-bin/message/template/send", json=message)
    assert isinstance(sent, dict)
    record = await fake_wechat.control("templates/block", {"app_id": fake_wechat.app_id, "msgid": sent["msgid"]})
    assert await api.template.blocked(template_id) == record
    assert await api.template.blocked(template_id, largest_id=record["id"]) is None
