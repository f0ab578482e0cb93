"""The token service in process, over real Redis and the fake WeChat."""

import asyncio
import hashlib
from typing import Any

import pytest
import structlog
from aiohttp.test_utils import TestClient

from services.token.app import create_app
from services.token.settings import TokenSettings
from shared.accounts import ConfigError
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH, token_settings

# The shipped floor, not the 0 of the shared harness: a passive refresh must not depend on it.
SHIPPED_MIN_INTERVAL = TokenSettings.model_fields["min_refresh_interval_seconds"].default


@pytest.fixture
async def make_service(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> Any:
    async def make(**overrides: Any) -> TestClient[Any, Any]:
        settings = token_settings(fake_wechat, **({"min_refresh_interval_seconds": SHIPPED_MIN_INTERVAL} | overrides))
        client: TestClient[Any, Any] = await aiohttp_client(create_app(settings))
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


async def refresh(client: TestClient[Any, Any], app_id: str, stale: str) -> tuple[int, dict[str, Any]]:
    response = await client.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json={"stale_token": stale})
    body: dict[str, Any] = await response.json()
    if response.status != 200:
        body["retry_after_header"] = response.headers.get("Retry-After")
    return response.status, body


async def token_status(fake: FakeWeChat, value: str) -> str:
    """What the fake WeChat says of ``value``: valid, grace, superseded (40001) or expired."""
    [status] = [t["status"] for t in await fake.control(f"tokens?app_id={fake.app_id}") if t["access_token"] == value]
    return str(status)


async def knock_out(fake: FakeWeChat) -> None:
    """Someone else fetches twice with the same AppSecret: the token issued before is rejected (40001) at once."""
    await fake.access_token()
    await fake.access_token()


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


async def test_a_token_rejected_right_after_its_fetch_is_replaced_at_once(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service()
    stale = (await get_token(service, app_id))["access_token"]
    await knock_out(fake_wechat)
    assert await token_status(fake_wechat, stale) == "superseded"  # WeChat answers 40001 for it
    status, body = await refresh(service, app_id, stale)
    assert status == 200 and body["refreshed"] is True
    assert body["access_token"] != stale
    assert await token_status(fake_wechat, body["access_token"]) == "valid"
    assert await fetches(fake_wechat) == 1 + 2 + 1  # the first fetch, the outsider's two, one refresh
    assert (await get_token(service, app_id))["access_token"] == body["access_token"]


async def test_a_token_rejected_right_after_a_refresh_is_replaced_at_once(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service()
    first = (await get_token(service, app_id))["access_token"]
    _, second = await refresh(service, app_id, first)
    _, third = await refresh(service, app_id, second["access_token"])
    assert third["refreshed"] is True
    assert len({first, second["access_token"], third["access_token"]}) == 3
    assert await fetches(fake_wechat) == 3


@pytest.mark.parametrize("body", [None, {}, {"stale_token": ""}, {"stale_token": 5}, "text"])
async def test_refresh_without_a_stale_token_is_a_bad_request(make_service: Any, app_id: str, body: Any) -> None:
    service = await make_service()
    response = await service.post(f"/v1/apps/{app_id}/access-token/refresh", headers=AUTH, json=body)
    assert response.status == 400
    assert "stale_token" in (await response.json())["message"]


async def test_quota_guard_refuses_beyond_the_daily_limit(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(daily_fetch_limit=2)
    first = (await get_token(service, app_id))["access_token"]
    _, refreshed = await refresh(service, app_id, first)
    assert refreshed["refreshed"] is True  # the second fetch of the day is within the limit
    status, body = await refresh(service, app_id, refreshed["access_token"])
    assert status == 429
    assert body["error"] == "quota_guard" and "access_token" not in body  # an error, not the rejected token
    assert 0 < int(body["retry_after_header"]) <= 86_400  # the quota turns at midnight in China
    assert await fetches(fake_wechat) == 2
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


async def test_stable_token_mode_forces_at_once_when_wechat_hands_back_the_rejected_token(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(token_upstream_mode="stable_token")
    first = (await get_token(service, app_id))["access_token"]
    status, forced = await refresh(service, app_id, first)
    assert status == 200 and forced["refreshed"] is True and forced["access_token"] != first
    # Right after the fetch: a normal call (WeChat hands back the same token), then one forced call.
    assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 1 + 2
    assert await token_status(fake_wechat, forced["access_token"]) == "valid"


async def test_stable_token_mode_takes_a_token_wechat_renewed_without_forcing(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    service = await make_service(token_upstream_mode="stable_token")
    first = (await get_token(service, app_id))["access_token"]
    force = {
        "grant_type": "client_credential",
        "appid": app_id,
        "secret": fake_wechat.app_secret,
        "force_refresh": True,
    }
    renewed = await (await fake_wechat.client.post("/cgi-bin/stable_token", json=force)).json()  # someone else forces
    status, body = await refresh(service, app_id, first)
    assert (status, body["access_token"], body["refreshed"]) == (200, renewed["access_token"], True)
    assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 1 + 1 + 1  # ours, the outsider's, one normal


@pytest.mark.parametrize(
    ("overrides", "retry_after_at_most"),
    [
        ({"stable_force_min_interval_seconds": 30}, 30),  # WeChat's 30 s between forced refreshes
        ({"stable_force_min_interval_seconds": 0, "stable_force_daily_limit": 1}, 86_400),  # the day's budget
    ],
)
async def test_stable_token_mode_past_the_force_budget_answers_an_error_never_the_rejected_token(
    make_service: Any, fake_wechat: FakeWeChat, app_id: str, overrides: dict[str, Any], retry_after_at_most: int
) -> None:
    service = await make_service(token_upstream_mode="stable_token", **overrides)
    first = (await get_token(service, app_id))["access_token"]
    _, forced = await refresh(service, app_id, first)
    assert forced["refreshed"] is True
    status, body = await refresh(service, app_id, forced["access_token"])
    assert status == 429
    assert body["error"] == "force_refresh_limit" and "access_token" not in body
    assert 0 < int(body["retry_after_header"]) <= retry_after_at_most
    assert body["retry_after"] == int(body["retry_after_header"])
    # Refused before asking WeChat to force: only the normal call went out.
    assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 1 + 2 + 1
    # The refusal is remembered for that token: reporting it again asks WeChat nothing more.
    again, body = await refresh(service, app_id, forced["access_token"])
    assert (again, body["error"]) == (429, "force_refresh_limit")
    assert await fetches(fake_wechat, "/cgi-bin/stable_token") == 1 + 2 + 1
    # A plain GET serves what there is; only the refresh, told the token was rejected, refuses.
    assert (await get_token(service, app_id))["access_token"] == forced["access_token"]


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
