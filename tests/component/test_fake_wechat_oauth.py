"""The fake WeChat's web authorization keeps WeChat's promises: the consent page checks the request as
WeChat does; codes are single-use and live 5 minutes; sns/userinfo, sns/auth and the refresh_token
behave as documented; the sns/ calls get faults, latency and counts like /cgi-bin/; the JS-SDK check."""

from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from sandbox.fake_wechat.oauth_book import CODE_LIFETIME, REFRESH_LIFETIME, WEB_TOKEN_LIFETIME, openid_for, unionid_for
from shared.jssdk import jsapi_signature
from tests.conftest import FakeWeChat

CALLBACK = "https://web.example.com/oauth/APP/callback"


def authorize_path(app_id: str, *, scope: str = "snsapi_userinfo", state: str = "S1", order: str = "wechat") -> str:
    params = [
        ("appid", app_id),
        ("redirect_uri", quote(CALLBACK, safe="")),
        ("response_type", "code"),
        ("scope", scope),
        ("state", state),
    ]
    if order != "wechat":
        params.reverse()
    return "/connect/oauth2/authorize?" + "&".join(f"{k}={v}" for k, v in params)


async def decide(fake: FakeWeChat, decision: str = "allow", **fields: str) -> str:
    form = {"appid": fake.app_id, "redirect_uri": CALLBACK, "response_type": "code", "scope": "snsapi_userinfo",
            "state": "S1", "person": "alice", "decision": decision, **fields}  # fmt: skip
    response = await fake.client.post("/connect/oauth2/authorize", data=form, allow_redirects=False)
    assert response.status == 302, await response.text()
    return response.headers["Location"]


async def code_for(fake: FakeWeChat, scope: str = "snsapi_userinfo", person: str = "alice") -> str:
    answer = await fake.control("oauth/codes", {"app_id": fake.app_id, "scope": scope, "person": person})
    return str(answer["codes"][0])


async def sns(fake: FakeWeChat, path: str, **params: str) -> dict[str, Any]:
    response = await fake.client.get(f"/sns/{path}", params=params)
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return body


async def exchange(fake: FakeWeChat, code: str, overrides: dict[str, str] | None = None) -> dict[str, Any]:
    params = {"appid": fake.app_id, "secret": fake.app_secret, "code": code, "grant_type": "authorization_code"}
    return await sns(fake, "oauth2/access_token", **(params | (overrides or {})))


# -- the consent page ----------------------------------------------------------------------------


async def test_the_consent_page_lets_the_developer_choose_a_follower(fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.get(authorize_path(fake_wechat.app_id))
    page = await response.text()
    assert response.status == 200
    assert 'id="allow"' in page and 'id="refuse"' in page and 'id="person-alice"' in page
    assert openid_for(fake_wechat.app_id, "alice") in page


@pytest.mark.parametrize(
    ("change", "number"),
    [({"order": "reversed"}, 10003), ({"scope": "snsapi_login"}, 10005), ({"scope": ""}, 10010),
     ({"state": "a-b"}, 10003), ({"state": "a" * 129}, 10003)],
)  # fmt: skip
async def test_a_request_wechat_would_refuse_gets_its_error_page(
    fake_wechat: FakeWeChat, change: dict[str, str], number: int
) -> None:
    response = await fake_wechat.client.get(authorize_path(fake_wechat.app_id, **change))
    assert response.status == 400
    assert f'data-code="{number}"' in await response.text()


async def test_an_unknown_appid_gets_the_error_page(fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.get(authorize_path("wxnobody"))
    assert 'data-code="10016"' in await response.text()


async def test_allow_redirects_with_code_and_state_and_refuse_with_state_only(fake_wechat: FakeWeChat) -> None:
    allowed = await decide(fake_wechat)
    assert allowed.startswith(f"{CALLBACK}?code=") and allowed.endswith("&state=S1")
    assert await decide(fake_wechat, "refuse") == f"{CALLBACK}?state=S1"
    with_query = await decide(fake_wechat, redirect_uri=CALLBACK + "?x=1")
    assert with_query.startswith(f"{CALLBACK}?x=1&code=")
    decided = await fake_wechat.control(f"oauth/authorizations?app_id={fake_wechat.app_id}")
    assert [d["decision"] for d in decided] == ["allow", "refuse", "allow"]
    assert decided[0]["redirect"] == allowed


async def test_an_openid_of_ones_own_is_the_one_given(fake_wechat: FakeWeChat) -> None:
    location = await decide(fake_wechat, openid="o_console_follower")
    code = parse_qs(urlsplit(location).query)["code"][0]
    assert (await exchange(fake_wechat, code))["openid"] == "o_console_follower"


# -- sns/oauth2/access_token -----------------------------------------------------------------------


async def test_a_code_gives_the_web_token_once(fake_wechat: FakeWeChat) -> None:
    code = await code_for(fake_wechat)
    grant = await exchange(fake_wechat, code)
    assert set(grant) == {"access_token", "expires_in", "refresh_token", "openid", "scope", "unionid"}
    assert grant["expires_in"] == WEB_TOKEN_LIFETIME
    assert grant["openid"] == openid_for(fake_wechat.app_id, "alice") and grant["scope"] == "snsapi_userinfo"
    assert grant["unionid"] == unionid_for("alice")
    assert await exchange(fake_wechat, code) == {"errcode": 40163, "errmsg": "code been used"}


async def test_a_base_grant_has_no_unionid(fake_wechat: FakeWeChat) -> None:
    grant = await exchange(fake_wechat, await code_for(fake_wechat, "snsapi_base"))
    assert "unionid" not in grant and grant["scope"] == "snsapi_base"


@pytest.mark.parametrize(
    ("overrides", "errcode"),
    [({"code": "0" * 32}, 40029), ({"code": ""}, 41008), ({"secret": "wrong"}, 40125), ({"appid": ""}, 41002),
     ({"appid": "wxnobody"}, 40013), ({"grant_type": "client_credential"}, 40002)],
)  # fmt: skip
async def test_exchange_errors_are_wechats(fake_wechat: FakeWeChat, overrides: dict[str, str], errcode: int) -> None:
    assert (await exchange(fake_wechat, await code_for(fake_wechat), overrides))["errcode"] == errcode


async def test_a_code_lives_five_minutes(fake_wechat: FakeWeChat) -> None:
    code = await code_for(fake_wechat)
    fake_wechat.clock.advance(CODE_LIFETIME)
    assert (await exchange(fake_wechat, code))["errcode"] == 40029


# -- sns/userinfo, sns/auth, refresh ---------------------------------------------------------------


async def test_userinfo_shows_the_profile_for_snsapi_userinfo_only(fake_wechat: FakeWeChat) -> None:
    grant = await exchange(fake_wechat, await code_for(fake_wechat))
    profile = await sns(fake_wechat, "userinfo", access_token=grant["access_token"], openid=grant["openid"])
    assert profile["nickname"] == "Alice" and profile["unionid"] == unionid_for("alice")
    assert {"sex", "province", "city", "country", "headimgurl", "privilege"} <= set(profile)
    base = await exchange(fake_wechat, await code_for(fake_wechat, "snsapi_base"))
    refused = await sns(fake_wechat, "userinfo", access_token=base["access_token"], openid=base["openid"])
    assert refused["errcode"] == 48001


async def test_auth_checks_the_web_token_against_the_openid(fake_wechat: FakeWeChat) -> None:
    grant = await exchange(fake_wechat, await code_for(fake_wechat))
    token, openid = grant["access_token"], grant["openid"]
    assert await sns(fake_wechat, "auth", access_token=token, openid=openid) == {"errcode": 0, "errmsg": "ok"}
    assert (await sns(fake_wechat, "auth", access_token=token, openid="o_someone_else"))["errcode"] == 40003
    assert (await sns(fake_wechat, "auth", access_token="86_nothing", openid=openid))["errcode"] == 40001
    fake_wechat.clock.advance(WEB_TOKEN_LIFETIME)
    assert (await sns(fake_wechat, "auth", access_token=token, openid=openid))["errcode"] == 42001


async def test_refresh_renews_a_live_token_and_replaces_an_expired_one(fake_wechat: FakeWeChat) -> None:
    grant = await exchange(fake_wechat, await code_for(fake_wechat))
    params = {"appid": fake_wechat.app_id, "grant_type": "refresh_token", "refresh_token": grant["refresh_token"]}
    fake_wechat.clock.advance(100)
    renewed = await sns(fake_wechat, "oauth2/refresh_token", **params)
    assert renewed["access_token"] == grant["access_token"] and renewed["expires_in"] == WEB_TOKEN_LIFETIME
    fake_wechat.clock.advance(WEB_TOKEN_LIFETIME)
    replaced = await sns(fake_wechat, "oauth2/refresh_token", **params)
    assert replaced["access_token"] != grant["access_token"] and replaced["openid"] == grant["openid"]
    assert (await sns(fake_wechat, "oauth2/refresh_token", **(params | {"refresh_token": "x"})))["errcode"] == 40030
    assert (await sns(fake_wechat, "oauth2/refresh_token", **(params | {"refresh_token": ""})))["errcode"] == 41003
    fake_wechat.clock.advance(REFRESH_LIFETIME)
    assert (await sns(fake_wechat, "oauth2/refresh_token", **params))["errcode"] == 42002


# -- the edge: faults, latency, counts -------------------------------------------------------------


async def test_sns_calls_get_faults_and_are_counted(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("fail", {"path": "/sns/oauth2/access_token", "errcode": -1, "count": 1})
    code = await code_for(fake_wechat)
    assert (await exchange(fake_wechat, code))["errcode"] == -1
    assert "openid" in await exchange(fake_wechat, code)  # the fault answered before the code was looked at
    calls = await fake_wechat.control("calls")
    assert calls["/sns/oauth2/access_token"] == {fake_wechat.app_id: 2}


# -- the JS-SDK stand-in ---------------------------------------------------------------------------


async def test_the_jssdk_check_accepts_the_signature_over_the_apps_ticket(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    ticket = await (await fake_wechat.client.get(f"/cgi-bin/ticket/getticket?type=jsapi&access_token={token}")).json()
    page = "https://shop.example.com/p?x=1"
    signature = jsapi_signature(ticket=ticket["ticket"], nonce="n0nce", timestamp=1700000000, url=page)
    config = {"appId": fake_wechat.app_id, "timestamp": 1700000000, "nonceStr": "n0nce", "url": page + "#top"}
    ok = await fake_wechat.client.post("/_client/jssdk/config", json=config | {"signature": signature})
    assert await ok.json() == {"errMsg": "config:ok"}
    bad = await fake_wechat.client.post("/_client/jssdk/config", json=config | {"signature": "0" * 40})
    assert await bad.json() == {"errMsg": "config:invalid signature"}
    script = await fake_wechat.client.get("/open/js/jweixin-1.6.0.js")
    assert script.status == 200 and "window.wx" in await script.text()
