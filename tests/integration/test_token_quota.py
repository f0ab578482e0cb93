"""The token service's quota reset (POST /v1/apps/{app_id}/quota/clear): WeChat's clear_quota/v2 with the
AppSecret, sent once; WeChat's refusals as clear 4xx/502 errors; the AppSecret never answered or logged."""

from typing import Any

import structlog
from aiohttp.test_utils import TestClient

from services.token.app import create_app
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH, token_settings

Client = TestClient[Any, Any]
CLEAR_V2 = "/cgi-bin/clear_quota/v2"


async def clear(client: Client, app_id: str, headers: dict[str, str] = AUTH) -> tuple[int, Any]:
    response = await client.post(f"/v1/apps/{app_id}/quota/clear", headers=headers)
    return response.status, await response.json()


async def test_a_reset_clears_the_spent_token_quota_until_the_months_10_are_used(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("quota", {"daily_token_calls": 0})  # no token to call clear_quota with
    with structlog.testing.capture_logs() as logs:
        answers = [await clear(token_service, app_id) for _ in range(11)]
    assert answers[:10] == [(200, {"cleared": True})] * 10
    status, refused = answers[10]
    assert (status, refused["error"], refused["errcode"]) == (429, "clear_quota_limit", 48006)
    assert (await fake_wechat.control("calls"))[CLEAR_V2] == {app_id: 11}  # each once, none retried
    assert fake_wechat.app_secret not in repr(logs) + repr(answers)


async def test_a_rejected_app_secret_is_403_without_the_secret(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    client = await aiohttp_client(create_app(token_settings(fake_wechat, wechat_app_secret="not-the-secret")))
    with structlog.testing.capture_logs() as logs:
        status, body = await clear(client, app_id)
    assert (status, body["error"], body["errcode"]) == (403, "invalid_app_secret", 40125)
    assert "not-the-secret" not in repr(body) + repr(logs)


async def test_an_ip_off_the_whitelist_is_403(token_service: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": CLEAR_V2, "errcode": 40164, "count": 1})
    status, body = await clear(token_service, app_id)
    assert (status, body["error"], body["errcode"]) == (403, "ip_not_whitelisted", 40164)


async def test_wechat_unreachable_is_502_and_not_retried(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": CLEAR_V2, "errcode": -1, "count": 1})
    status, body = await clear(token_service, app_id)
    assert (status, body["error"]) == (502, "upstream_unavailable")
    assert (await fake_wechat.control("calls"))[CLEAR_V2] == {app_id: 1}


async def test_bearer_and_unknown_app(token_service: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    assert (await clear(token_service, app_id, headers={}))[0] == 401
    status, body = await clear(token_service, "wxnobody")
    assert (status, body["error"]) == (404, "unknown_app")
    assert CLEAR_V2 not in await fake_wechat.control("calls")
