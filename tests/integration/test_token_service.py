"""The token service in process, over real Redis and the fake WeChat."""

import asyncio
import hashlib
from typing import Any

import pytest
import structlog
from aiohttp.test_utils import TestClient

from services.token.app import create_app
from shared.accounts import ConfigError
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH, token_settings


@pytest.fixture
async def make_service(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> Any:
    async def make(**overrides: Any) -> TestClient[Any, Any]:
        client: TestClient[Any, Any] = await aiohttp_client(create_app(token_settings(fake_wechat, **overrides)))
        return client

    return make


async def fetches(fake: FakeWeChat, path: str = "/cgi-bin/token") -> int:
    calls = await fake.control("calls")
    return int(calls.get(path, {}).get(fake.app_id, 0))


async def get_token(client: TestClient[Any, Any], app_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/apps/{app_id}/access-token", headers=AUTH)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def test_missing_internal_api_key_refuses_to_start(fake_wechat: FakeWeChat) -> None:
    with pytest.raises(ConfigError, match="INTERNAL_API_KEY"):
        create_app(token_settings(fake_wechat, internal_api_key=None))


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}])
async def test_without_the_bearer_key_401(make_service: Any, app_id: str, headers: dict[str, str]) -> None:
    service = await make_service()
    response = await service.get(f"/v1/apps/{app_id}/access-token", headers=headers)
    assert response.status == 401
    assert (await response.json())["error"] == "unauthorized"


async def test_unknown_app_404(make_service: Any) -> None:
    service = await make_service()
    for method, path in [("GET", "access-token"), ("POST", "access-token/refresh"), ("GET", "jsapi-ticket")]:
        response = await service.request(method, f"/v1/apps/wxnobody/{path}", headers=AUTH, json={"stale_token": "x"})
        assert response.status == 404
        assert (await response.json())["error"] == "unknown_app"


async def test_serves_the_token_wechat_issued(make_service: Any, fake_wechat: FakeWeChat, app_id: str) -> None:
    service = await make_service()
    body = await get_token(service, app_id)
    [issued] = await fake_wechat.control(f"tokens?app_id={app_id}")
    assert body["access_token"] == issued["access_token"] if "access_token" in issued else issued["token"]
    assert abs(body["expires_at"] - (await get_token(service, app_id))["expires_at"]) <= 1
    assert await fetches(fake_wechat) == 1


async def test_passive_refresh_of_the_current_token_fetches_once(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service()
    stale = (await get_token(service, app_id))["access_token"]
    responses = await asyncio.gather(
        *(
            service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": stale})
            for _ in range(50)
        )
    )
    bodies = [await r.json() for r in responses]
    assert {r.status for r in responses} == {200}
    assert len({b["access_token"] for b in bodies}) == 1 and bodies[0]["access_token"] != stale
    assert await fetches(fake_wechat) == 2
    assert (await get_token(service, app_id))["access_token"] == bodies[0]["access_token"]


async def test_passive_refresh_naming_a_replaced_token_fetches_nothing(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service()
    current = (await get_token(service, app_id))["access_token"]
    response = await service.post(
        f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": "an-older-token"}
    )
    assert (await response.json()) | {"expires_at": 0} == {"access_token": current, "expires_at": 0, "refreshed": False}
    assert await fetches(fake_wechat) == 1


async def test_passive_refresh_respects_the_minimum_interval(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(min_refresh_interval_seconds=60)
    current = (await get_token(service, app_id))["access_token"]
    response = await service.post(
        f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": current}
    )
    assert (await response.json())["refreshed"] is False
    assert await fetches(fake_wechat) == 1


@pytest.mark.parametrize("body", [None, {}, {"stale_token": ""}, {"stale_token": 5}, "text"])
async def test_refresh_without_a_stale_token_is_a_bad_request(make_service: Any, app_id: str, body: Any) -> None:
    service = await make_service()
    response = await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json=body)
    assert response.status == 400
    assert "stale_token" in (await response.json())["message"]


async def test_quota_guard_refuses_beyond_the_daily_limit(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(daily_fetch_limit=1)
    stale = (await get_token(service, app_id))["access_token"]
    response = await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": stale})
    assert response.status == 429
    assert (await response.json())["error"] == "quota_guard"
    assert await fetches(fake_wechat) == 1
    metrics = await (await service.get("/metrics")).text()
    assert 'wxmp_token_quota_guard_refusals_total{kind="access_token"} 1.0' in metrics


async def test_upstream_errors_carry_wechats_errcode_and_never_the_secret(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(wechat_app_secret="not-the-secret")
    with structlog.testing.capture_logs() as logs:
        response = await service.get(f"/v1/apps/{app_id}/access-token", headers=AUTH)
    body = await response.json()
    assert response.status == 502
    assert (body["error"], body["errcode"]) == ("upstream_error", 40125)
    assert "not-the-secret" not in repr(body) + repr(logs)


async def test_transient_upstream_errors_are_retried(make_service: Any, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/token", "errcode": -1, "count": 2})
    service = await make_service()
    assert (await get_token(service, app_id))["access_token"]
    assert await fetches(fake_wechat) == 3


async def test_stable_token_mode_forces_only_when_wechat_returns_the_failed_token(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(token_upstream_mode="stable_token", stable_force_min_interval_seconds=30)
    first = (await get_token(service, app_id))["access_token"]
    refresh = {"stale_token": first}
    forced = await (await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json=refresh)).json()
    assert forced["refreshed"] is True and forced["access_token"] != first
    # Normal call, then a forced one: two stable_token calls for that refresh.
    assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 3
    again = {"stale_token": forced["access_token"]}
    response = await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json=again)
    assert response.status == 429  # a second force within 30 s is WeChat's limit: refused before asking
    assert (await response.json())["error"] == "force_refresh_limit"


async def test_jsapi_signature_equals_an_independent_computation(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service()
    url = "https://shop.example.com/item?id=7#reviews"
    response = await service.post(f"/v1/apps/{app_id}/jsapi-signature", headers=AUTH, json={"url": url})
    body = await response.json()
    ticket = (await (await service.get(f"/v1/apps/{app_id}/jsapi-ticket", headers=AUTH)).json())["ticket"]
    plain = f"jsapi_ticket={ticket}&noncestr={body['nonce_str']}&timestamp={body['timestamp']}&url={url.split('#')[0]}"
    assert body["signature"] == hashlib.sha1(plain.encode()).hexdigest()
    assert body["app_id"] == app_id
    assert await fetches(fake_wechat, "/cgi-bin/ticket/getticket") == 1


@pytest.mark.parametrize("url", ["", "/relative/path", "javascript:alert(1)", "ftp://x.com/a"])
async def test_jsapi_signature_needs_an_absolute_http_url(make_service: Any, app_id: str, url: str) -> None:
    service = await make_service()
    response = await service.post(f"/v1/apps/{app_id}/jsapi-signature", headers=AUTH, json={"url": url})
    assert response.status == 400


async def test_no_token_ticket_or_secret_in_captured_logs(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    with structlog.testing.capture_logs() as logs:
        service = await make_service()
        token = (await get_token(service, app_id))["access_token"]
        await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": token})
        ticket = (await (await service.get(f"/v1/apps/{app_id}/jsapi-ticket", headers=AUTH)).json())["ticket"]
    text = repr(logs)
    assert logs, "the service logged nothing to check"
    for secret in (token, ticket, fake_wechat.app_secret, API_KEY):
        assert secret not in text


async def test_a_valid_token_is_still_served_while_wechat_is_down(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(upstream_attempts=2)
    token = (await get_token(service, app_id))["access_token"]
    await fake_wechat.control("fail", {"path": "/cgi-bin/token", "status": 500, "count": 100})
    refresh = await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": token})
    assert refresh.status == 502
    assert (await refresh.json())["errcode"] == -1
    assert (await get_token(service, app_id))["access_token"] == token
    metrics = await (await service.get("/metrics")).text()
    assert 'wxmp_token_upstream_fetches_total{kind="access_token",result="error"} 1.0' in metrics
