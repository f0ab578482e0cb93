"""The shared WeChat client and token provider, through the real token service, against the fake WeChat."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from services.token.app import create_app
from services.token.settings import TokenSettings
from shared.wechat.client import WeChatClient
from shared.wechat.errors import WeChatError
from shared.wechat.token_provider import TokenProvider, TokenServiceError
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, token_settings

TEXT = {"touser": "oFollower1", "msgtype": "text", "text": {"content": "hi"}}


@pytest.fixture
async def client(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatClient]:
    service = await aiohttp_client(create_app(token_settings(fake_wechat)))
    async with aiohttp.ClientSession() as session:
        tokens = TokenProvider(session, base_url=str(service.make_url("")), api_key=API_KEY)
        yield WeChatClient(session, tokens, base_url=fake_wechat.base_url, backoff_seconds=0.01)


async def sent(fake: FakeWeChat) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = await fake.control(f"sent?app_id={fake.app_id}&kind=custom")
    return result


async def test_a_call_carries_a_token_the_fake_accepts(client: WeChatClient, fake_wechat: FakeWeChat) -> None:
    assert (await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT))["errcode"] == 0
    [record] = await sent(fake_wechat)
    assert record["body"] == TEXT


@pytest.mark.parametrize("errcode", [40001, 42001, 40014])
async def test_a_token_error_refreshes_once_then_succeeds(
    client: WeChatClient, fake_wechat: FakeWeChat, errcode: int
) -> None:
    await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/custom/send", "errcode": errcode, "count": 1})
    await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    records = await sent(fake_wechat)
    assert len(records) == 2
    assert records[0]["access_token"] != records[1]["access_token"]  # the retry used the refreshed token
    calls = await fake_wechat.control("calls")
    assert calls["/cgi-bin/token"][fake_wechat.app_id] == 2


async def test_a_token_error_after_the_refresh_is_raised_not_looped(
    client: WeChatClient, fake_wechat: FakeWeChat
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/custom/send", "errcode": 40001, "count": 5})
    with pytest.raises(WeChatError) as err:
        await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    assert err.value.errcode == 40001
    assert (await fake_wechat.control("calls"))["/cgi-bin/message/custom/send"][fake_wechat.app_id] == 2


async def test_system_busy_is_retried(client: WeChatClient, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/custom/send", "errcode": -1, "count": 2})
    await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    assert len(await sent(fake_wechat)) == 1


@pytest.mark.parametrize(("errcode", "retryable"), [(45009, False), (45015, False), (-1, True)])
async def test_other_errors_are_typed(
    client: WeChatClient, fake_wechat: FakeWeChat, errcode: int, retryable: bool
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/custom/send", "errcode": errcode, "count": 10})
    with pytest.raises(WeChatError) as err:
        await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    assert (err.value.errcode, err.value.retryable) == (errcode, retryable)


async def test_the_provider_caches_the_token(client: WeChatClient, fake_wechat: FakeWeChat) -> None:
    for _ in range(5):
        await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/custom/send", json=TEXT)
    assert len({record["access_token"] for record in await sent(fake_wechat)}) == 1


async def test_an_unreachable_token_service_is_a_typed_error(fake_wechat: FakeWeChat) -> None:
    async with aiohttp.ClientSession() as session:
        tokens = TokenProvider(session, base_url="http://127.0.0.1:1", api_key=API_KEY)
        with pytest.raises(TokenServiceError) as err:
            await tokens.token(fake_wechat.app_id)
    assert err.value.status == 0


TEMPLATE = {"touser": "oFollower1", "template_id": "TPL-1", "data": {"first": {"value": "Your order shipped"}}}


async def test_a_template_send_whose_token_wechat_rejected_goes_out_once_old_once_new(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat
) -> None:
    """The notifier's path (client + provider + token service with its shipped settings): the token
    WeChat rejects right after it was fetched costs one call, the refreshed one makes the second."""
    shipped_floor = TokenSettings.model_fields["min_refresh_interval_seconds"].default
    service = await aiohttp_client(create_app(token_settings(fake_wechat, min_refresh_interval_seconds=shipped_floor)))
    async with aiohttp.ClientSession() as session:
        tokens = TokenProvider(session, base_url=str(service.make_url("")), api_key=API_KEY)
        client = WeChatClient(session, tokens, base_url=fake_wechat.base_url, backoff_seconds=0.01)
        old = await tokens.token(fake_wechat.app_id)
        await fake_wechat.access_token()  # someone else fetches twice with the AppSecret: `old` is now 40001
        await fake_wechat.access_token()
        answer = await client.call(fake_wechat.app_id, "POST", "/cgi-bin/message/template/send", json=TEMPLATE)
        new = await tokens.token(fake_wechat.app_id)
    assert answer["errcode"] == 0
    calls = await fake_wechat.control("calls")
    assert calls["/cgi-bin/message/template/send"][fake_wechat.app_id] == 2  # once with the old, once with the new
    [delivered] = await fake_wechat.control(f"sent?app_id={fake_wechat.app_id}&kind=template")
    assert delivered["access_token"] == new != old
    assert calls["/cgi-bin/token"][fake_wechat.app_id] == 1 + 2 + 1  # ours, the outsider's two, one refresh
