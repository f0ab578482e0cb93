"""The token service's code exchange (POST /v1/apps/{app_id}/oauth/exchange): the identity for a code,
WeChat's refusals as clear 4xx errors, and the user's web tokens never answered or logged."""

from typing import Any

import pytest
import structlog
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat.oauth import OAUTH
from sandbox.fake_wechat.oauth_book import openid_for, unionid_for
from services.token.app import create_app
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH, token_settings

Client = TestClient[Any, Any]


async def code_for(fake: FakeWeChat, scope: str = "snsapi_userinfo", person: str = "bob") -> str:
    answer = await fake.control("oauth/codes", {"app_id": fake.app_id, "scope": scope, "person": person})
    return str(answer["codes"][0])


async def exchange(client: Client, app_id: str, body: Any, headers: dict[str, str] = AUTH) -> tuple[int, Any]:
    response = await client.post(f"/v1/apps/{app_id}/oauth/exchange", json=body, headers=headers)
    return response.status, await response.json()


async def test_a_userinfo_code_gives_the_identity_and_the_profile(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    status, identity = await exchange(token_service, app_id, {"code": await code_for(fake_wechat)})
    assert status == 200
    assert set(identity) == {"openid", "unionid", "scope", "user"}
    assert identity["openid"] == openid_for(app_id, "bob") and identity["unionid"] == unionid_for("bob")
    assert identity["scope"] == "snsapi_userinfo"
    assert identity["user"]["nickname"] == "Bob" and "headimgurl" in identity["user"]
    assert "errcode" not in identity["user"]


async def test_a_base_code_gives_the_openid_without_asking_for_the_profile(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    _, identity = await exchange(token_service, app_id, {"code": await code_for(fake_wechat, "snsapi_base")})
    assert identity == {"openid": openid_for(app_id, "bob"), "unionid": None, "scope": "snsapi_base", "user": None}
    assert "/sns/userinfo" not in await fake_wechat.control("calls")


async def test_wechats_refusals_are_clear_4xx_errors(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    code = await code_for(fake_wechat)
    assert (await exchange(token_service, app_id, {"code": code}))[0] == 200
    status, used = await exchange(token_service, app_id, {"code": code})
    assert (status, used["error"], used["errcode"]) == (409, "code_used", 40163)
    status, invalid = await exchange(token_service, app_id, {"code": "0" * 32})
    assert (status, invalid["error"], invalid["errcode"]) == (400, "invalid_code", 40029)


async def test_a_rejected_app_secret_is_403(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, app_id: str
) -> None:
    client = await aiohttp_client(create_app(token_settings(fake_wechat, wechat_app_secret="not-the-secret")))
    status, body = await exchange(client, app_id, {"code": await code_for(fake_wechat)})
    assert (status, body["error"], body["errcode"]) == (403, "invalid_app_secret", 40125)
    assert "not-the-secret" not in repr(body)


async def test_wechat_unreachable_is_502(token_service: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/sns/oauth2/access_token", "status": 503, "count": 1})
    status, body = await exchange(token_service, app_id, {"code": await code_for(fake_wechat)})
    assert (status, body["error"]) == (502, "upstream_unavailable")
    calls = await fake_wechat.control("calls")
    assert calls["/sns/oauth2/access_token"] == {app_id: 1}  # sent once: a code is never retried


async def test_the_profile_read_is_retried_on_a_transient_error(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": "/sns/userinfo", "errcode": -1, "count": 1})
    status, identity = await exchange(token_service, app_id, {"code": await code_for(fake_wechat)})
    assert status == 200 and identity["user"]["nickname"] == "Bob"


@pytest.mark.parametrize("body", [None, {}, {"code": ""}, {"code": 7}, {"code": "x" * 513}, {"code": "a\nb"}])
async def test_a_missing_or_malformed_code_is_400_and_wechat_is_not_asked(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str, body: Any
) -> None:
    assert (await exchange(token_service, app_id, body))[0] == 400
    assert "/sns/oauth2/access_token" not in await fake_wechat.control("calls")


async def test_bearer_and_unknown_app(token_service: Client, app_id: str) -> None:
    assert (await exchange(token_service, app_id, {"code": "c"}, headers={}))[0] == 401
    status, body = await exchange(token_service, "wxnobody", {"code": "c"})
    assert (status, body["error"]) == (404, "unknown_app")


async def test_the_users_web_tokens_and_the_code_are_never_answered_or_logged(
    token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    code = await code_for(fake_wechat)
    with structlog.testing.capture_logs() as logs:
        _, identity = await exchange(token_service, app_id, {"code": code})
        _, refused = await exchange(token_service, app_id, {"code": code})
    book = fake_wechat.app[OAUTH]
    secrets = [code, fake_wechat.app_secret, *book.tokens, *book.refreshes]
    assert book.tokens  # the web access_token was issued, and used for sns/userinfo
    for secret in secrets:
        assert secret not in repr(identity) + repr(refused)
        assert secret not in repr(logs)
