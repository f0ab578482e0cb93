"""The web service (SPEC "Web pages") in process, against the token service, the fake WeChat and Redis:
every promise of the contract, from the login redirect to the ticket's one redemption."""

import asyncio
import hashlib
import re
import time
import uuid
from typing import Any

import aiohttp
import pytest
import structlog
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from sandbox.fake_wechat.oauth import OAUTH
from sandbox.fake_wechat.oauth_book import openid_for, unionid_for
from services.web import state as web_state
from services.web.context import WEB
from services.web.exchange import Exchanges
from services.web.records import Identity, Refused, encode_outcome
from services.web.store import TICKET_PREFIX
from services.web.token_client import TokenServiceClient
from shared.accounts import ConfigError
from tests.conftest import FakeWeChat, matching_keys
from tests.integration.conftest import API_KEY
from tests.integration.web_helpers import (
    SESSION_SECRET,
    SHOP,
    land,
    make_web,
    redeem,
    result_of,
    sns_calls,
    start_login,
    walk,
    web_settings,
)

Client = TestClient[Any, Any]


@pytest.fixture
async def web(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, token_service: Client) -> Client:
    return await make_web(aiohttp_client, web_settings(fake_wechat, token_service))


# -- the login redirect ----------------------------------------------------------------------------


async def test_login_redirects_to_wechats_authorize_url_with_its_parameters_in_order(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    location = await start_login(web, app_id, scope="snsapi_base")
    callback = f"https%3A%2F%2Fweb.test%2Foauth%2F{app_id}%2Fcallback"
    prefix = (
        f"{fake_wechat.base_url}/connect/oauth2/authorize?appid={app_id}&redirect_uri={callback}"
        "&response_type=code&scope=snsapi_base&state="
    )
    assert location.startswith(prefix), location
    state, _, fragment = location[len(prefix) :].partition("#")
    assert fragment == "wechat_redirect"
    assert re.fullmatch(r"[A-Za-z0-9]{1,128}", state)


async def test_scope_defaults_to_snsapi_base(web: Client, app_id: str) -> None:
    response = await web.get(f"/oauth/{app_id}/login", params={"return_to": f"{SHOP}/"}, allow_redirects=False)
    assert "&scope=snsapi_base&" in response.headers["Location"]


@pytest.mark.parametrize(
    "return_to",
    [
        "",
        "javascript:alert(1)//shop.example.com",
        "//shop.example.com/",
        "https:shop.example.com/",
        "https://evil.example.net/",
        "https://shop.example.com.evil.net/",
        "https://evilshop.example.com/",
        "https://shop.example.com@evil.net/",
        "https://user:pw@shop.example.com/",
        "https://shop.example.com\\@evil.net/",
        "https://shop.example.com./",
        "https://shop.example.com%2eevil.net/",
        "ftp://shop.example.com/",
        "https://pages.example.com/",  # *.pages.example.com: subdomains only
        "https://shop.example.com/ spaced",
    ],
)
async def test_a_return_to_off_the_allowed_hosts_is_400_and_starts_nothing(
    web: Client, app_id: str, return_to: str
) -> None:
    response = await web.get(f"/oauth/{app_id}/login", params={"return_to": return_to}, allow_redirects=False)
    assert response.status == 400
    assert "Location" not in response.headers
    body = await response.json()
    assert body["error"] == "bad_return_to"
    assert return_to not in body["message"] or not return_to


async def test_an_unknown_scope_is_400(web: Client, app_id: str) -> None:
    response = await web.get(
        f"/oauth/{app_id}/login", params={"return_to": f"{SHOP}/", "scope": "snsapi_login"}, allow_redirects=False
    )
    assert response.status == 400


async def test_an_unknown_app_is_404(web: Client) -> None:
    response = await web.get("/oauth/wxnobody/login", params={"return_to": f"{SHOP}/"}, allow_redirects=False)
    assert response.status == 404
    assert (await response.json())["error"] == "unknown_app"


# -- the callback ------------------------------------------------------------------------------


async def test_a_userinfo_login_ends_with_a_ticket_that_redeems_to_the_follower_once(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id, return_to=f"{SHOP}/orders?id=7#top", person="alice")
    location = await land(web, walked)
    assert location.startswith(f"{SHOP}/orders?id=7&wx_ticket=") and location.endswith("#top")
    status, identity = await redeem(web, result_of(location)["wx_ticket"])
    assert status == 200
    assert identity["app_id"] == app_id
    assert identity["openid"] == openid_for(app_id, "alice")
    assert identity["unionid"] == unionid_for("alice")
    assert identity["scope"] == "snsapi_userinfo"
    assert identity["user"]["nickname"] == "Alice"
    assert identity["user"]["openid"] == identity["openid"]
    assert set(identity) == {"app_id", "openid", "unionid", "scope", "user"}
    again, body = await redeem(web, result_of(location)["wx_ticket"])
    assert again == 404 and body["error"] == "unknown_ticket"


async def test_a_base_login_has_the_openid_and_no_profile(web: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    walked = await walk(web, fake_wechat, app_id, scope="snsapi_base", person="bob")
    _, identity = await redeem(web, result_of(await land(web, walked))["wx_ticket"])
    assert identity == {
        "app_id": app_id,
        "openid": openid_for(app_id, "bob"),
        "unionid": None,
        "scope": "snsapi_base",
        "user": None,
    }
    assert await sns_calls(fake_wechat, "/sns/userinfo") == 0


async def test_a_follower_who_refuses_lands_on_return_to_with_access_denied(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id, return_to=f"{SHOP}/cart?wx_error=old", decision="refuse")
    assert "code" not in walked.query
    assert await land(web, walked) == f"{SHOP}/cart?wx_error=access_denied"
    assert await sns_calls(fake_wechat) == 0


async def test_the_same_code_twice_gives_the_same_identity_and_one_exchange(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    first, second = await land(web, walked), await land(web, walked)  # the reload
    tickets = result_of(first)["wx_ticket"], result_of(second)["wx_ticket"]
    assert tickets[0] != tickets[1]
    identities = [(await redeem(web, ticket))[1] for ticket in tickets]
    assert identities[0] == identities[1]
    assert await sns_calls(fake_wechat) == 1


async def test_concurrent_callbacks_with_one_code_exchange_it_once(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("latency", {"ms": 100, "path": "/sns/oauth2/access_token"})
    walked = await walk(web, fake_wechat, app_id)
    locations = await asyncio.gather(*(land(web, walked) for _ in range(5)))
    openids = {(await redeem(web, result_of(location)["wx_ticket"]))[1]["openid"] for location in locations}
    assert openids == {openid_for(app_id, "alice")}
    assert await sns_calls(fake_wechat) == 1


async def test_callbacks_with_one_code_at_two_replicas_exchange_it_once(
    web: Client, aiohttp_client: Any, fake_wechat: FakeWeChat, token_service: Client, app_id: str
) -> None:
    other = await make_web(aiohttp_client, web_settings(fake_wechat, token_service))  # shares only Redis
    await fake_wechat.control("latency", {"ms": 100, "path": "/sns/oauth2/access_token"})
    walked = await walk(web, fake_wechat, app_id)
    locations = await asyncio.gather(land(web, walked), land(other, walked), land(other, walked))
    openids = {(await redeem(web, result_of(location)["wx_ticket"]))[1]["openid"] for location in locations}
    assert openids == {openid_for(app_id, "alice")}
    assert await sns_calls(fake_wechat) == 1


async def test_a_callback_that_read_the_login_before_another_kept_the_result_does_not_exchange_again(
    web: Client, fake_wechat: FakeWeChat, token_service: Client, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    await land(web, walked)  # the first callback: exchanged, its result kept, its claim let go
    store = web.app[WEB].store
    code = walked.query["code"][0]
    async with aiohttp.ClientSession() as session:
        base_url = web_settings(fake_wechat, token_service).token_service_url  # the web service's own
        client = TokenServiceClient(session, base_url=base_url, api_key=API_KEY, exchange_timeout=5)
        # A second callback that found no result with its login, a moment before the first kept it.
        late = await Exchanges(store, client, hold_seconds=5).outcome(app_id, code, store.code_key(app_id, code), None)
    assert isinstance(late, Identity) and late.openid == openid_for(app_id, "alice")
    assert await sns_calls(fake_wechat) == 1
    assert "wx_ticket" in result_of(await land(web, walked))  # the reload still finds the identity


async def test_a_kept_result_is_never_replaced(web: Client) -> None:
    store, code_key = web.app[WEB].store, uuid.uuid4().hex
    identity = encode_outcome(Identity("o-1", None, "snsapi_base", None))
    await store.settle(code_key, identity)
    await store.settle(code_key, encode_outcome(Refused()))  # WeChat's "code been used" for a late exchange
    assert await store.result(code_key) == (identity, False)


async def test_a_code_wechat_refuses_lands_on_return_to_with_invalid_code(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    forged = walked.callback_path.replace(walked.query["code"][0], "0" * 32)
    response = await web.get(forged, allow_redirects=False)
    assert response.headers["Location"] == f"{SHOP}/orders?wx_error=invalid_code"


async def test_a_code_used_elsewhere_first_is_invalid_code_not_an_error_page(
    web: Client, fake_wechat: FakeWeChat, app_id: str, token_service: Client
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    used = await token_service.post(
        f"/v1/apps/{app_id}/oauth/exchange", json={"code": walked.query["code"][0]}, headers=headers
    )
    assert used.status == 200
    assert await land(web, walked) == f"{SHOP}/orders?wx_error=invalid_code"


async def test_wechat_down_lands_on_return_to_with_temporarily_unavailable(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    await fake_wechat.control("fail", {"path": "/sns/oauth2/access_token", "status": 503, "count": 1})
    assert await land(web, walked) == f"{SHOP}/orders?wx_error=temporarily_unavailable"


def _tampered(state: str) -> str:
    index = web_state.REFERENCE_LENGTH + 5  # inside the expiry
    return state[:index] + ("1" if state[index] != "1" else "2") + state[index + 1 :]


@pytest.mark.parametrize("change", ["forged", "altered", "truncated", "empty", "symbols"])
async def test_a_bad_state_is_400_and_exchanges_nothing(
    web: Client, fake_wechat: FakeWeChat, app_id: str, change: str
) -> None:
    walked = await walk(web, fake_wechat, app_id)
    state = walked.query["state"][0]
    bad = {
        "forged": web_state.seal(b"another secret", app_id, now=1e10 - 1000, ttl=600).state,
        "altered": _tampered(state),
        "truncated": state[:-1],
        "empty": "",
        "symbols": state[:-1] + "-",
    }[change]
    response = await web.get(
        f"/oauth/{app_id}/callback", params={"code": walked.query["code"][0], "state": bad}, allow_redirects=False
    )
    assert response.status == 400
    assert "Location" not in response.headers
    assert await sns_calls(fake_wechat) == 0


async def test_a_state_made_for_another_app_is_400(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, token_service: Client, app_id: str, tmp_path: Any
) -> None:
    apps = tmp_path / "apps.yaml"
    apps.write_text(f"apps:\n  - {{name: a, app_id: {app_id}}}\n  - {{name: b, app_id: wxother000000001}}\n")
    web = await make_web(
        aiohttp_client, web_settings(fake_wechat, token_service, wechat_app_id=None, wechat_apps_file=apps)
    )
    walked = await walk(web, fake_wechat, app_id)
    response = await web.get(walked.callback_path.replace(f"/oauth/{app_id}/", "/oauth/wxother000000001/"))
    assert response.status == 400
    assert await sns_calls(fake_wechat) == 0


async def test_an_expired_state_is_400(web: Client, app_id: str) -> None:
    stale = web_state.seal(SESSION_SECRET.encode(), app_id, now=time.time() - 601, ttl=600).state
    response = await web.get(f"/oauth/{app_id}/callback", params={"code": "x" * 32, "state": stale})
    assert response.status == 400
    assert (await response.json())["error"] == "expired_state"


async def test_a_state_whose_login_redis_no_longer_holds_is_400(web: Client, app_id: str) -> None:
    unknown = web_state.seal(SESSION_SECRET.encode(), app_id, now=time.time(), ttl=600).state
    response = await web.get(f"/oauth/{app_id}/callback", params={"code": "x" * 32, "state": unknown})
    assert response.status == 400


# -- tickets -------------------------------------------------------------------------------------


async def test_two_concurrent_redeems_give_one_identity_and_one_404(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    ticket = result_of(await land(web, await walk(web, fake_wechat, app_id)))["wx_ticket"]
    answers = await asyncio.gather(*(redeem(web, ticket) for _ in range(2)))
    assert sorted(status for status, _ in answers) == [200, 404]


async def test_a_ticket_lives_five_minutes_in_redis_under_a_hash(
    web: Client, fake_wechat: FakeWeChat, redis: Redis, app_id: str
) -> None:
    ticket = result_of(await land(web, await walk(web, fake_wechat, app_id)))["wx_ticket"]
    keys = await matching_keys(redis, f"{TICKET_PREFIX}*")
    assert all(ticket.encode() not in key for key in keys)
    key = TICKET_PREFIX + hashlib.sha256(ticket.encode()).hexdigest()
    assert 290 <= await redis.ttl(key) <= 300


async def test_redeeming_needs_the_bearer_key(web: Client) -> None:
    response = await web.get("/v1/web/tickets/" + "a" * 32)
    assert response.status == 401


async def test_an_unknown_or_malformed_ticket_is_404(web: Client) -> None:
    for ticket in ("a" * 32, "short", "a" * 31 + "-"):
        status, body = await redeem(web, ticket)
        assert status == 404 and body["error"] == "unknown_ticket"


# -- secrets -------------------------------------------------------------------------------------


async def test_no_code_ticket_web_token_or_secret_is_logged_or_answered(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    with structlog.testing.capture_logs() as logs:
        walked = await walk(web, fake_wechat, app_id)
        location = await land(web, walked)
        ticket = result_of(location)["wx_ticket"]
        _, identity = await redeem(web, ticket)
        refused = await web.get(walked.callback_path.replace(walked.query["code"][0], "1" * 32), allow_redirects=False)
        bad_state = await web.get(f"/oauth/{app_id}/callback", params={"code": walked.query["code"][0], "state": "x"})
    book = fake_wechat.app[OAUTH]
    web_tokens = list(book.tokens) + list(book.refreshes)
    secrets = [walked.query["code"][0], ticket, SESSION_SECRET, API_KEY, fake_wechat.app_secret, *web_tokens]
    logged = repr(logs)
    bodies = repr(identity) + await refused.text() + await bad_state.text()
    for secret in secrets:
        assert secret not in logged
        assert secret not in bodies


# -- operations ----------------------------------------------------------------------------------


async def test_health_readiness_and_login_metrics(web: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    assert (await web.get("/healthz")).status == 200
    assert (await web.get("/readyz")).status == 200
    await land(web, await walk(web, fake_wechat, app_id))
    await land(web, await walk(web, fake_wechat, app_id, decision="refuse"))
    text = await (await web.get("/metrics")).text()
    assert 'wxmp_web_logins_started_total{scope="snsapi_userinfo"} 2.0' in text
    assert 'wxmp_web_logins_completed_total{scope="snsapi_userinfo"} 1.0' in text
    assert 'wxmp_web_logins_refused_total{reason="access_denied"} 1.0' in text
    assert 'wxmp_web_logins_refused_total{reason="invalid_code"} 0.0' in text


def test_the_service_refuses_to_start_without_a_session_secret(fake_wechat: FakeWeChat) -> None:
    from services.web.app import create_app
    from services.web.settings import WebSettings

    settings = WebSettings(wechat_app_id=fake_wechat.app_id, internal_api_key=API_KEY, wechat_apps_file=None)
    with pytest.raises(ConfigError, match="WEB_SESSION_SECRET"):
        create_app(settings)


# -- the JS-SDK config ---------------------------------------------------------------------------


async def _check_at_wechat(fake: FakeWeChat, config: dict[str, Any], page: str) -> str:
    """What WeChat's client (the sandbox's stand-in) says of ``wx.config`` on ``page``."""
    response = await fake.client.post("/_client/jssdk/config", json={**config, "url": page})
    return str((await response.json())["errMsg"])


@pytest.mark.parametrize(
    "page",
    [
        f"{SHOP}/cart?item=%E4%BD%A0%E5%A5%BD&q=a%2Bb#/checkout",
        "https://a.pages.example.com:8443/x/y?z=1",
        f"{SHOP}/",
    ],
)
async def test_the_config_signs_the_page_url_wechat_checks(
    web: Client, fake_wechat: FakeWeChat, app_id: str, page: str
) -> None:
    response = await web.get(f"/jssdk/{app_id}/config", params={"url": page})
    assert response.status == 200
    config = await response.json()
    assert set(config) == {"appId", "timestamp", "nonceStr", "signature"} and config["appId"] == app_id
    assert abs(config["timestamp"] - time.time()) < 60
    assert await _check_at_wechat(fake_wechat, config, page) == "config:ok"
    if "%2B" in page:  # signed as sent, never decoded again: with a "+" it is another page
        assert await _check_at_wechat(fake_wechat, config, page.replace("%2B", "+")) == "config:invalid signature"


async def test_the_config_is_cors_for_the_accounts_pages_only(web: Client, app_id: str) -> None:
    params = {"url": f"{SHOP}/"}
    allowed = await web.get(f"/jssdk/{app_id}/config", params=params, headers={"Origin": SHOP})
    assert allowed.headers["Access-Control-Allow-Origin"] == SHOP
    other = await web.get(f"/jssdk/{app_id}/config", params=params, headers={"Origin": "https://evil.example.net"})
    assert other.status == 200 and "Access-Control-Allow-Origin" not in other.headers
    preflight = await web.options(
        f"/jssdk/{app_id}/config", headers={"Origin": SHOP, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status == 204 and preflight.headers["Access-Control-Allow-Origin"] == SHOP


@pytest.mark.parametrize("url", ["", "https://evil.example.net/", "javascript:alert(1)", "//shop.example.com/"])
async def test_the_config_for_a_page_off_the_allowed_hosts_is_400(
    web: Client, fake_wechat: FakeWeChat, app_id: str, url: str
) -> None:
    response = await web.get(f"/jssdk/{app_id}/config", params={"url": url})
    assert response.status == 400 and (await response.json())["error"] == "bad_url"
    assert "/cgi-bin/ticket/getticket" not in await fake_wechat.control("calls")


async def test_the_config_of_an_unknown_app_is_404(web: Client) -> None:
    assert (await web.get("/jssdk/wxnobody/config", params={"url": f"{SHOP}/"})).status == 404


async def test_the_ticket_is_asked_of_the_token_service_once_for_many_configs(
    web: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    for _ in range(5):
        assert (await web.get(f"/jssdk/{app_id}/config", params={"url": f"{SHOP}/"})).status == 200
    calls = await fake_wechat.control("calls")
    assert calls["/cgi-bin/ticket/getticket"] == {app_id: 1}


async def test_no_ticket_to_sign_with_is_502(web: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/ticket/getticket", "errcode": 40164, "count": 10})
    response = await web.get(f"/jssdk/{app_id}/config", params={"url": f"{SHOP}/"})
    assert response.status == 502 and (await response.json())["error"] == "upstream_unavailable"


async def test_without_redis_a_login_is_503_and_the_service_not_ready(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, token_service: Client, app_id: str
) -> None:
    web = await make_web(aiohttp_client, web_settings(fake_wechat, token_service, redis_url="redis://127.0.0.1:1/0"))
    response = await web.get(f"/oauth/{app_id}/login", params={"return_to": f"{SHOP}/"}, allow_redirects=False)
    assert response.status == 503 and (await response.json())["error"] == "unavailable"
    assert "Location" not in response.headers
    assert (await web.get("/readyz")).status == 503
