"""The fake WeChat keeps WeChat's promises: tokens, quotas, stable tokens, tickets, sends, menus, QR codes,
fault and latency injection, and the control API. Time moves with a manual clock, never by sleeping."""

import asyncio
import os
import socket
import subprocess
import sys
import time
from typing import Any

import pytest
from structlog.testing import capture_logs

from sandbox.fake_wechat import FakeWeChatConfig, ManualClock
from sandbox.fake_wechat.settings import FakeWeChatSettings
from sandbox.fake_wechat.tokens import TOKEN_SHAPE
from tests.conftest import FakeWeChat

OPENID = "oABCD1234567890abcdefghijklm"
TEMPLATE = {"touser": OPENID, "template_id": "tpl-order", "data": {"first": {"value": "Paid"}}}
FRESH_TOKEN_SHAPED = "86_" + "A" * 128


async def call(fake: FakeWeChat, method: str, path: str, token: str | None = None, **kwargs: Any) -> dict[str, Any]:
    params = dict(kwargs.pop("params", {}))
    if token is not None:
        params["access_token"] = token
    response = await fake.client.request(method, path, params=params, **kwargs)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def stable(fake: FakeWeChat, *, force: bool = False) -> dict[str, Any]:
    body = {"grant_type": "client_credential", "appid": fake.app_id, "secret": fake.app_secret, "force_refresh": force}
    return await call(fake, "POST", "/cgi-bin/stable_token", json=body)


async def errcode_of(fake: FakeWeChat, token: str) -> int:
    """What a token-taking endpoint says about the token (0 when it is accepted)."""
    return int((await call(fake, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"}))["errcode"])


# -- /cgi-bin/token ---------------------------------------------------------------------------


async def test_token_issues_a_new_wechat_shaped_token_on_every_call(fake_wechat: FakeWeChat) -> None:
    query = {"grant_type": "client_credential", "appid": fake_wechat.app_id, "secret": fake_wechat.app_secret}
    first = await call(fake_wechat, "GET", "/cgi-bin/token", params=query)
    second = await call(fake_wechat, "GET", "/cgi-bin/token", params=query)
    assert first["expires_in"] == second["expires_in"] == 7200
    assert first["access_token"] != second["access_token"]
    assert TOKEN_SHAPE.fullmatch(first["access_token"])


@pytest.mark.parametrize(
    ("change", "errcode"),
    [
        ({"appid": "wxnobody"}, 40013),
        ({"secret": "wrong"}, 40125),
        ({"grant_type": "password"}, 40002),
        ({"appid": ""}, 41002),
        ({"secret": ""}, 41004),
    ],
)
async def test_token_refuses_bad_credentials(fake_wechat: FakeWeChat, change: dict[str, str], errcode: int) -> None:
    query = {"grant_type": "client_credential", "appid": fake_wechat.app_id, "secret": fake_wechat.app_secret}
    answer = await call(fake_wechat, "GET", "/cgi-bin/token", params=query | change)
    assert answer["errcode"] == errcode
    assert "access_token" not in answer
    assert fake_wechat.app_secret not in str(answer)


async def test_previous_token_stays_valid_for_five_minutes_then_answers_40001(fake_wechat: FakeWeChat) -> None:
    old = await fake_wechat.access_token()
    new = await fake_wechat.access_token()
    fake_wechat.clock.advance(299)
    assert await errcode_of(fake_wechat, old) == 0
    fake_wechat.clock.advance(1)
    answer = await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", old, params={"type": "jsapi"})
    assert answer == {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
    assert await errcode_of(fake_wechat, new) == 0


async def test_only_the_newest_two_tokens_are_valid(fake_wechat: FakeWeChat) -> None:
    oldest, previous, newest = [await fake_wechat.access_token() for _ in range(3)]
    assert await errcode_of(fake_wechat, oldest) == 40001
    assert await errcode_of(fake_wechat, previous) == 0
    assert await errcode_of(fake_wechat, newest) == 0


async def test_token_past_its_expiry_answers_42001(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    fake_wechat.clock.advance(7199)
    assert await errcode_of(fake_wechat, token) == 0
    fake_wechat.clock.advance(1)
    answer = await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"})
    assert answer == {"errcode": 42001, "errmsg": "access_token expired"}


@pytest.mark.parametrize(
    ("token", "errcode"), [(None, 41001), ("", 41001), ("not-a-token", 40014), (FRESH_TOKEN_SHAPED, 40001)]
)
async def test_tokens_never_issued_here_are_refused(fake_wechat: FakeWeChat, token: str | None, errcode: int) -> None:
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=TEMPLATE)
    assert answer["errcode"] == errcode
    assert await fake_wechat.control("sent") == []


async def test_daily_token_quota_answers_45009_until_the_next_beijing_day(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("quota", {"daily_token_calls": 2})
    query = {"grant_type": "client_credential", "appid": fake_wechat.app_id, "secret": fake_wechat.app_secret}
    answers = [await call(fake_wechat, "GET", "/cgi-bin/token", params=query) for _ in range(3)]
    assert [a.get("errcode", 0) for a in answers] == [0, 0, 45009]
    assert answers[2]["errmsg"] == "reach max api daily quota limit"
    fake_wechat.clock.advance(86400)
    assert "access_token" in await call(fake_wechat, "GET", "/cgi-bin/token", params=query)


async def test_default_daily_quota_is_2000(fake_wechat: FakeWeChat) -> None:
    settings = await fake_wechat.control("settings")
    assert settings["policy"]["daily_token_calls"] == 2000


# -- /cgi-bin/stable_token ----------------------------------------------------------------------


async def test_stable_token_normal_mode_returns_the_current_token_with_remaining_lifetime(
    fake_wechat: FakeWeChat,
) -> None:
    first = await stable(fake_wechat)
    fake_wechat.clock.advance(100)
    again = await stable(fake_wechat)
    assert again == {"access_token": first["access_token"], "expires_in": 7100}
    fake_wechat.clock.advance(7100)
    renewed = await stable(fake_wechat)
    assert renewed["access_token"] != first["access_token"]
    assert renewed["expires_in"] == 7200


async def test_stable_token_force_refresh_issues_a_new_one_and_the_old_keeps_its_grace(
    fake_wechat: FakeWeChat,
) -> None:
    old = (await stable(fake_wechat))["access_token"]
    new = (await stable(fake_wechat, force=True))["access_token"]
    assert new != old
    assert (await stable(fake_wechat))["access_token"] == new
    fake_wechat.clock.advance(299)
    assert await errcode_of(fake_wechat, old) == 0
    fake_wechat.clock.advance(1)
    assert await errcode_of(fake_wechat, old) == 40001


async def test_force_refresh_closer_than_30_seconds_answers_45011(fake_wechat: FakeWeChat) -> None:
    await stable(fake_wechat, force=True)
    fake_wechat.clock.advance(29)
    answer = await stable(fake_wechat, force=True)
    assert answer == {"errcode": 45011, "errmsg": "api minute-quota reach limit mustslower retry next minute"}
    fake_wechat.clock.advance(1)
    assert "access_token" in await stable(fake_wechat, force=True)


async def test_force_refresh_is_limited_to_20_a_day(fake_wechat: FakeWeChat) -> None:
    for _ in range(20):
        assert "access_token" in await stable(fake_wechat, force=True)
        fake_wechat.clock.advance(30)
    assert (await stable(fake_wechat, force=True))["errcode"] == 45009
    assert "access_token" in await stable(fake_wechat)  # normal mode is still served


async def test_stable_and_plain_tokens_are_separate_families_both_accepted(fake_wechat: FakeWeChat) -> None:
    stable_token = (await stable(fake_wechat))["access_token"]
    for _ in range(3):
        plain = await fake_wechat.access_token()
    assert (await stable(fake_wechat))["access_token"] == stable_token
    assert await errcode_of(fake_wechat, stable_token) == 0
    assert await errcode_of(fake_wechat, plain) == 0


async def test_stable_token_calls_count_in_the_daily_token_quota(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("quota", {"daily_token_calls": 2})
    await fake_wechat.access_token()
    await stable(fake_wechat)
    assert (await stable(fake_wechat))["errcode"] == 45009


async def test_stable_token_malformed_body_answers_47001(fake_wechat: FakeWeChat) -> None:
    answer = await call(fake_wechat, "POST", "/cgi-bin/stable_token", data=b"{not json")
    assert answer["errcode"] == 47001


# -- tickets -----------------------------------------------------------------------------------


async def test_getticket_issues_a_new_jsapi_ticket_per_call_and_keeps_the_last(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    first = await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"})
    second = await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"})
    assert first["errcode"] == 0 and first["errmsg"] == "ok" and first["expires_in"] == 7200
    assert first["ticket"] != second["ticket"]
    kept = await fake_wechat.control(f"tickets?app_id={fake_wechat.app_id}")
    assert [t["ticket"] for t in kept] == [second["ticket"]]
    bad = await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "nope"})
    assert bad["errcode"] == 40097


# -- template messages -------------------------------------------------------------------------


async def test_template_send_answers_a_msgid_and_is_recorded(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    body = TEMPLATE | {"url": "https://example.com/o/1", "miniprogram": {"appid": "wxmini", "pagepath": "p"}}
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=body)
    assert answer["errcode"] == 0 and answer["errmsg"] == "ok" and isinstance(answer["msgid"], int)
    [record] = await fake_wechat.control(f"sent?app_id={fake_wechat.app_id}&kind=template")
    assert record["body"] == body and record["access_token"] == token and record["msgid"] == answer["msgid"]
    assert record["wall"] == fake_wechat.clock.time() and record["monotonic"] == fake_wechat.clock.monotonic()


async def test_template_client_msg_id_is_idempotent_within_its_window(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    body = TEMPLATE | {"client_msg_id": "order-42"}
    first = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=body)
    again = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=body)
    assert again["msgid"] == first["msgid"]
    assert len(await fake_wechat.control("sent?kind=template")) == 1
    other_user = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=body | {"touser": "o2"})
    assert other_user["msgid"] != first["msgid"]
    fake_wechat.clock.advance(600)  # WeChat keeps openid + client_msg_id for 10 minutes
    token = await fake_wechat.access_token()
    later = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=body)
    assert later["msgid"] != first["msgid"]


@pytest.mark.parametrize(
    ("change", "errcode"),
    [
        ({"touser": "xNotAnOpenid"}, 40003),
        ({"touser": "oConfiguredInvalid"}, 40003),
        ({"touser": "oUnsubscribed"}, 43004),
        ({"template_id": "tpl-revoked"}, 40037),
        ({"template_id": ""}, 40037),
        ({"data": {"first": "not an object"}}, 47001),
    ],
)
async def test_template_send_errors(fake_wechat: FakeWeChat, change: dict[str, Any], errcode: int) -> None:
    await fake_wechat.control(
        "subscribers",
        {
            "unsubscribed": ["oUnsubscribed"],
            "invalid_openids": ["oConfiguredInvalid"],
            "invalid_template_ids": ["tpl-revoked"],
        },
    )
    token = await fake_wechat.access_token()
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=TEMPLATE | change)
    assert answer["errcode"] == errcode
    assert await fake_wechat.control("sent") == []


async def test_template_send_malformed_json_answers_47001(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, data=b'{"touser": ')
    assert answer == {"errcode": 47001, "errmsg": "data format error"}


async def test_subscriber_settings_are_scoped_to_their_app(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("subscribers", {"app_id": "wxsomeoneelse", "unsubscribed": [OPENID]})
    token = await fake_wechat.access_token()
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/template/send", token, json=TEMPLATE)
    assert answer["errcode"] == 0


# -- customer-service messages -----------------------------------------------------------------

CUSTOM_BODIES = {
    "text": {"content": "hi"},
    "image": {"media_id": "m1"},
    "voice": {"media_id": "m1"},
    "video": {"media_id": "m1", "thumb_media_id": "t1", "title": "T", "description": "D"},
    "music": {"title": "T", "musicurl": "http://m", "hqmusicurl": "http://hq", "thumb_media_id": "t1"},
    "news": {"articles": [{"title": "T", "description": "D", "url": "http://u", "picurl": "http://p"}]},
    "mpnews": {"media_id": "m1"},
    "msgmenu": {"head_content": "?", "list": [{"id": "1", "content": "yes"}], "tail_content": "."},
}


@pytest.mark.parametrize("msgtype", sorted(CUSTOM_BODIES))
async def test_custom_send_accepts_each_message_type_and_records_it(fake_wechat: FakeWeChat, msgtype: str) -> None:
    token = await fake_wechat.access_token()
    body = {"touser": OPENID, "msgtype": msgtype, msgtype: CUSTOM_BODIES[msgtype]}
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/custom/send", token, json=body)
    assert answer == {"errcode": 0, "errmsg": "ok"}
    [record] = await fake_wechat.control("sent?kind=custom")
    assert record["body"] == body and record["access_token"] == token


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"touser": "oOutside", "msgtype": "text", "text": {"content": "late"}}, 45015),
        ({"touser": "oGone", "msgtype": "text", "text": {"content": "bye"}}, 45015),
        ({"touser": "bad", "msgtype": "text", "text": {"content": "x"}}, 40003),
        ({"touser": OPENID, "msgtype": "fax", "fax": {}}, 40008),
        ({"touser": OPENID, "msgtype": "text", "text": {}}, 47001),
        ({"touser": OPENID, "msgtype": "news", "news": {"articles": [{}, {}]}}, 45008),
    ],
)
async def test_custom_send_errors(fake_wechat: FakeWeChat, body: dict[str, Any], errcode: int) -> None:
    await fake_wechat.control("subscribers", {"outside_window": ["oOutside"], "unsubscribed": ["oGone"]})
    token = await fake_wechat.access_token()
    answer = await call(fake_wechat, "POST", "/cgi-bin/message/custom/send", token, json=body)
    assert answer["errcode"] == errcode
    assert await fake_wechat.control("sent") == []


# -- menus and QR codes ------------------------------------------------------------------------

MENU: dict[str, Any] = {
    "button": [
        {"type": "click", "name": "Today", "key": "V1001_TODAY"},
        {"name": "More", "sub_button": [{"type": "view", "name": "Site", "url": "https://example.com"}]},
    ]
}


async def test_menu_create_get_delete(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    assert (await call(fake_wechat, "GET", "/cgi-bin/menu/get", token))["errcode"] == 46003
    assert await call(fake_wechat, "POST", "/cgi-bin/menu/create", token, json=MENU) == {"errcode": 0, "errmsg": "ok"}
    assert await call(fake_wechat, "GET", "/cgi-bin/menu/get", token) == {"menu": MENU}
    info = await call(fake_wechat, "GET", "/cgi-bin/get_current_selfmenu_info", token)
    assert info["is_menu_open"] == 1
    assert info["selfmenu_info"]["button"][1]["sub_button"]["list"] == MENU["button"][1]["sub_button"]
    assert (await call(fake_wechat, "GET", "/cgi-bin/menu/delete", token))["errcode"] == 0
    answer = await call(fake_wechat, "GET", "/cgi-bin/get_current_selfmenu_info", token)
    assert answer == {"errcode": 46003, "errmsg": "menu no exist"}


@pytest.mark.parametrize(
    ("menu", "errcode"),
    [
        ({"button": [MENU["button"][0]] * 4}, 40016),
        ({"button": []}, 40016),
        ({"button": [{"name": "M", "sub_button": [{"type": "click", "name": "s", "key": "k"}] * 6}]}, 40023),
        ({"button": [{"type": "teleport", "name": "x"}]}, 40017),
        ({"button": [{"type": "click", "name": "x"}]}, 40019),
        ({"button": [{"name": "M", "sub_button": [{"type": "warp", "name": "s"}]}]}, 40024),
    ],
)
async def test_menu_create_validates_buttons(fake_wechat: FakeWeChat, menu: dict[str, Any], errcode: int) -> None:
    token = await fake_wechat.access_token()
    assert (await call(fake_wechat, "POST", "/cgi-bin/menu/create", token, json=menu))["errcode"] == errcode
    assert (await call(fake_wechat, "GET", "/cgi-bin/menu/get", token))["errcode"] == 46003


async def test_qrcode_create_answers_a_ticket_and_remembers_its_scene(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    temporary = {"expire_seconds": 604800, "action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 123}}}
    permanent = {"action_name": "QR_LIMIT_STR_SCENE", "action_info": {"scene": {"scene_str": "poster"}}}
    first = await call(fake_wechat, "POST", "/cgi-bin/qrcode/create", token, json=temporary)
    second = await call(fake_wechat, "POST", "/cgi-bin/qrcode/create", token, json=permanent)
    assert first["expire_seconds"] == 604800 and first["url"].startswith("http://weixin.qq.com/q/")
    assert "expire_seconds" not in second
    codes = {c["ticket"]: c for c in await fake_wechat.control(f"qrcodes?app_id={fake_wechat.app_id}")}
    assert codes[first["ticket"]]["scene"] == 123 and codes[second["ticket"]]["scene"] == "poster"
    bad = {"action_name": "QR_LIMIT_SCENE", "action_info": {"scene": {"scene_id": 100001}}}
    assert (await call(fake_wechat, "POST", "/cgi-bin/qrcode/create", token, json=bad))["errcode"] == 40053
    unknown = {"action_name": "QR_MAGIC", "action_info": {"scene": {"scene_id": 1}}}
    assert (await call(fake_wechat, "POST", "/cgi-bin/qrcode/create", token, json=unknown))["errcode"] == 40097


# -- injection ---------------------------------------------------------------------------------


async def test_fail_makes_the_next_n_calls_answer_the_error(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/token", "errcode": -1, "errmsg": "system error", "count": 2})
    query = {"grant_type": "client_credential", "appid": fake_wechat.app_id, "secret": fake_wechat.app_secret}
    answers = [await call(fake_wechat, "GET", "/cgi-bin/token", params=query) for _ in range(3)]
    assert answers[:2] == [{"errcode": -1, "errmsg": "system error"}] * 2
    assert "access_token" in answers[2]


async def test_fail_can_target_one_app(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("apps", {"app_id": "wxother", "app_secret": "other-secret"})
    await fake_wechat.control("fail", {"path": "/cgi-bin/token", "errcode": 40001, "app_id": fake_wechat.app_id})
    other = {"grant_type": "client_credential", "appid": "wxother", "secret": "other-secret"}
    assert "access_token" in await call(fake_wechat, "GET", "/cgi-bin/token", params=other)
    query = other | {"appid": fake_wechat.app_id, "secret": fake_wechat.app_secret}
    assert (await call(fake_wechat, "GET", "/cgi-bin/token", params=query))["errcode"] == 40001


async def test_fail_with_status_answers_at_the_http_level(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "status": 500})
    url = f"/cgi-bin/message/template/send?access_token={token}"
    assert (await fake_wechat.client.post(url, json=TEMPLATE)).status == 500
    assert (await fake_wechat.client.post(url, json=TEMPLATE)).status == 200
    assert len(await fake_wechat.control("sent")) == 1


async def test_latency_delays_every_call_or_one_path(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("latency", {"ms": 50})
    started = time.monotonic()
    await fake_wechat.access_token()
    assert time.monotonic() - started >= 0.05
    await fake_wechat.control("latency", {"ms": 0})
    await fake_wechat.control("latency", {"ms": 80, "path": "/cgi-bin/menu/get"})
    token = await fake_wechat.access_token()
    started = time.monotonic()
    await call(fake_wechat, "GET", "/cgi-bin/menu/get", token)
    assert time.monotonic() - started >= 0.08


async def test_latency_does_not_serialise_concurrent_calls(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    await fake_wechat.control("latency", {"ms": 20})
    body = TEMPLATE | {"data": {}}
    url = "/cgi-bin/message/template/send"
    answers = await asyncio.gather(*(call(fake_wechat, "POST", url, token, json=body) for _ in range(50)))
    assert len({a["msgid"] for a in answers}) == 50
    assert len(await fake_wechat.control("sent")) == 50


# -- control API -------------------------------------------------------------------------------


async def test_calls_counts_per_path_and_app(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    await fake_wechat.access_token()
    await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"})
    await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", "garbage", params={"type": "jsapi"})
    assert await fake_wechat.control("calls") == {
        "/cgi-bin/token": {fake_wechat.app_id: 2},
        "/cgi-bin/ticket/getticket": {fake_wechat.app_id: 1, "unknown": 1},
    }


async def test_unknown_path_is_404(fake_wechat: FakeWeChat) -> None:
    assert (await fake_wechat.client.get("/cgi-bin/no/such/api")).status == 404
    assert await fake_wechat.control("calls") == {}


async def test_expire_ends_the_apps_tokens_and_tickets_now(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    stable_token = (await stable(fake_wechat))["access_token"]
    await call(fake_wechat, "GET", "/cgi-bin/ticket/getticket", token, params={"type": "jsapi"})
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    assert await errcode_of(fake_wechat, token) == 42001
    assert await errcode_of(fake_wechat, stable_token) == 42001
    assert (await stable(fake_wechat))["access_token"] != stable_token
    [ticket] = await fake_wechat.control(f"tickets?app_id={fake_wechat.app_id}")
    assert ticket["status"] == "expired"


async def test_token_lifetime_and_grace_are_configurable(fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("token-lifetime", {"seconds": 5, "grace_seconds": 1})
    old = await fake_wechat.access_token()
    new = await fake_wechat.access_token()
    fake_wechat.clock.advance(1)
    assert await errcode_of(fake_wechat, old) == 40001
    fake_wechat.clock.advance(4)
    assert await errcode_of(fake_wechat, new) == 42001


async def test_tokens_lists_each_token_with_its_state(fake_wechat: FakeWeChat) -> None:
    first, second, third = [await fake_wechat.access_token() for _ in range(3)]
    listed = {t["access_token"]: t["status"] for t in await fake_wechat.control(f"tokens?app_id={fake_wechat.app_id}")}
    assert listed == {first: "superseded", second: "grace", third: "valid"}
    fake_wechat.clock.advance(7200)
    listed = {t["access_token"]: t["status"] for t in await fake_wechat.control("tokens")}
    assert listed[third] == "expired"


async def test_reset_forgets_everything_but_the_configured_apps(fake_wechat: FakeWeChat) -> None:
    token = await fake_wechat.access_token()
    await fake_wechat.control("apps", {"apps": [{"app_id": "wxadded", "app_secret": "s"}]})
    await fake_wechat.control("quota", {"daily_token_calls": 0})
    await fake_wechat.control("reset", {})
    assert await fake_wechat.control("calls") == {}
    assert await errcode_of(fake_wechat, token) == 40001
    settings = await fake_wechat.control("settings")
    assert settings["apps"] == [fake_wechat.app_id] and settings["policy"]["daily_token_calls"] == 2000


async def test_control_refuses_bad_bodies_without_echoing_them(fake_wechat: FakeWeChat) -> None:
    response = await fake_wechat.client.post("/_control/apps", json={"app_id": "wx1", "app_secret": 5, "x": "hush"})
    assert response.status == 400 and "hush" not in await response.text()
    response = await fake_wechat.client.post("/_control/expire", json={"app_id": "wxnobody"})
    assert response.status == 404


async def test_secrets_and_tokens_are_never_logged(fake_wechat: FakeWeChat) -> None:
    with capture_logs() as logs:
        await fake_wechat.control("apps", {"app_id": "wxlogged", "app_secret": "logged-secret-9f8e"})
        token = await fake_wechat.access_token()
        await fake_wechat.control("fail", {"path": "/cgi-bin/token", "errcode": -1})
    text = repr(logs)
    assert logs and "logged-secret-9f8e" not in text and fake_wechat.app_secret not in text and token not in text


async def test_control_clock_moves_time_forward(fake_wechat: FakeWeChat, wechat_clock: ManualClock) -> None:
    token = await fake_wechat.access_token()
    answer = await fake_wechat.control("clock", {"advance_seconds": 7200})
    assert answer["time"] == wechat_clock.time()
    assert await errcode_of(fake_wechat, token) == 42001


# -- python -m sandbox.fake_wechat -------------------------------------------------------------


def test_settings_gather_apps_from_env_and_file(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    apps_file = tmp_path / "apps.yaml"
    apps_file.write_text("apps:\n  - {name: a, app_id: wxfile, app_secret: file-secret, token: t}\n")
    monkeypatch.setenv("WECHAT_APPS_FILE", str(apps_file))
    monkeypatch.setenv("FAKE_WECHAT_APPS", "wxenv1:s1, wxenv2:s2")
    monkeypatch.delenv("PORT", raising=False)
    settings = FakeWeChatSettings()
    config: FakeWeChatConfig = settings.config()
    assert settings.port == 8091
    assert {a.app_id: a.app_secret.get_secret_value() for a in config.apps} == {
        "wxfile": "file-secret",
        "wxenv1": "s1",
        "wxenv2": "s2",
    }
    monkeypatch.setenv("FAKE_WECHAT_APPS", "wxbroken")
    with pytest.raises(ValueError, match="entry 1"):
        FakeWeChatSettings().config()


async def test_module_serves_on_port(tmp_path: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PORT": str(port), "FAKE_WECHAT_APPS": "wxproc:proc-secret", "LOG_FORMAT": "json"}
    env.pop("WECHAT_APPS_FILE", None)
    process = subprocess.Popen(  # noqa: ASYNC220 - a child to talk to over HTTP, reaped below
        [sys.executable, "-m", "sandbox.fake_wechat"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        query = "grant_type=client_credential&appid=wxproc&secret=proc-secret"
        answer = await _poll_json(f"http://127.0.0.1:{port}/cgi-bin/token?{query}", deadline=10.0)
        assert answer["expires_in"] == 7200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert b"proc-secret" not in output and answer["access_token"].encode() not in output


async def _poll_json(url: str, *, deadline: float) -> dict[str, Any]:
    import aiohttp

    give_up = time.monotonic() + deadline
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.get(url) as response:
                    body: dict[str, Any] = await response.json()
                    return body
            except aiohttp.ClientConnectionError:
                if time.monotonic() > give_up:
                    raise
                await asyncio.sleep(0.05)
