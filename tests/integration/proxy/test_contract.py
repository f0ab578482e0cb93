"""SPEC's API proxy contract, promise by promise: the proxy in process, real Redis, the token service
in process, the fake WeChat behind them."""

import json
from typing import Any

import pytest

from shared.wechat.catalogue import default_catalogue
from tests.conftest import FakeWeChat
from tests.integration.proxy.conftest import AUTH, Client, ProxyFactory, raw_request, wire

MENU = {"button": [{"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"}]}


def url(app_id: str, path: str) -> str:
    return f"/v1/apps/{app_id}/wechat/{path}"


async def error_of(response: Any) -> str:
    body = await response.json()
    assert set(body) >= {"error", "message"}, body
    return str(body["error"])


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-key"}, {"Authorization": "Basic x"}])
@pytest.mark.parametrize("target", ["wechat/cgi-bin/menu/get", "quota", "wechat/cgi-bin/nowhere"])
async def test_without_the_bearer_key_401(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, headers: dict[str, str], target: str
) -> None:
    response = await proxy.get(f"/v1/apps/{app_id}/{target}", headers=headers)
    assert response.status == 401
    assert await error_of(response) == "unauthorized"
    assert (await proxy.get("/v1/endpoints", headers=headers)).status == 401
    assert wire(fake_wechat) == []


async def test_an_unknown_app_is_404(proxy: Client, fake_wechat: FakeWeChat) -> None:
    response = await proxy.get(url("wxnosuchapp", "cgi-bin/menu/get"), headers=AUTH)
    assert response.status == 404
    assert await error_of(response) == "unknown_app"
    response = await proxy.get("/v1/apps/wxnosuchapp/quota", headers=AUTH)
    assert (response.status, await error_of(response)) == (404, "unknown_app")
    assert wire(fake_wechat) == []


@pytest.mark.parametrize("path", ["cgi-bin/token", "cgi-bin/nowhere", "sns/oauth2/access_token", "cgi-bin/menu"])
async def test_a_path_outside_the_catalogue_is_404_and_reaches_nobody(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, path: str
) -> None:
    for method in ("GET", "POST"):
        response = await proxy.request(method, url(app_id, path), headers=AUTH)
        assert response.status == 404
        assert await error_of(response) == "unknown_endpoint"
    assert wire(fake_wechat) == []


TRICKS = [
    "cgi-bin/menu/../menu/get",
    "cgi-bin/user/../menu/get",
    "cgi-bin/./menu/get",
    "cgi-bin/menu/%2E%2E/menu/get",
    "cgi-bin/menu/%2e%2e/menu/get",
    "cgi-bin%2Fmenu%2Fget",
    "cgi-bin/menu%2fget",
    "%63gi-bin/menu/get",
    "cgi-bin//menu/get",
    "/cgi-bin/menu/get",
    "cgi-bin/menu/get/",
    "http://evil.example/cgi-bin/menu/get",
    "https:%2F%2Fevil.example%2Fcgi-bin%2Fmenu%2Fget",
    "//evil.example/cgi-bin/menu/get",
    "cgi-bin/menu/get%00",
    "cgi-bin/menu/get;x=1",
    "cgi-bin\\menu\\get",
    "..%2F..%2F..%2Fcgi-bin%2Fmenu%2Fget",
]


@pytest.mark.parametrize("trick", TRICKS)
async def test_path_tricks_never_resolve_and_reach_nobody(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, trick: str
) -> None:
    status, body = await raw_request(proxy, url(app_id, trick))
    assert (status, json.loads(body)["error"]) == (400, "malformed_path")
    assert wire(fake_wechat) == []


@pytest.mark.parametrize(
    "target",
    [
        "/v1/apps/{app}/wechat/../wechat/cgi-bin/menu/get",
        "/v1/apps/{app}/wechat/../../{app}/wechat/cgi-bin/menu/get",
        "/v1/apps/%77%78{rest}/wechat/cgi-bin/menu/get",
        "http://evil.example/v1/apps/{app}/wechat/cgi-bin/menu/get",
    ],
)
async def test_tricks_in_the_proxys_own_prefix_reach_nobody(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, target: str
) -> None:
    status, body = await raw_request(proxy, target.format(app=app_id, rest=app_id[2:]))
    assert (status, json.loads(body)["error"]) == (400, "malformed_path")
    assert wire(fake_wechat) == []


async def test_a_malformed_path_is_400_naming_the_problem(proxy: Client, app_id: str) -> None:
    response = await proxy.get(url(app_id, "cgi-bin/menu/get.php"), headers=AUTH)
    assert (response.status, await error_of(response)) == (400, "malformed_path")


@pytest.mark.parametrize(
    ("path", "replacement"),
    [
        ("cgi-bin/shorturl", "cgi-bin/shorten/gen"),
        ("cgi-bin/material/add_news", "cgi-bin/draft/add"),
        ("cgi-bin/material/update_news", "cgi-bin/draft/update"),
        ("customservice/msgrecord/getrecord", "customservice/msgrecord/getmsglist"),
        ("merchant/order/getbyfilter", "channels/ec/*"),  # no replacement here: the note names the successor
    ],
)
async def test_a_deprecated_endpoint_is_410_naming_its_replacement(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, path: str, replacement: str
) -> None:
    response = await proxy.post(url(app_id, path), headers=AUTH, json={"long_url": "https://example.com"})
    assert response.status == 410
    body = await response.json()
    assert body["error"] == "deprecated_endpoint"
    assert replacement in body["message"]
    assert wire(fake_wechat) == []


async def test_the_wrong_method_is_405_with_the_right_one(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    response = await proxy.get(url(app_id, "cgi-bin/menu/create"), headers=AUTH)
    assert (response.status, await error_of(response)) == (405, "method_not_allowed")
    assert response.headers["Allow"] == "POST"
    response = await proxy.post(url(app_id, "cgi-bin/menu/get"), headers=AUTH, json={})
    assert (response.status, response.headers["Allow"]) == (405, "GET")
    assert wire(fake_wechat) == []


@pytest.mark.parametrize("name", ["access_token", "ACCESS_TOKEN"])
async def test_a_caller_sent_access_token_is_400(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, name: str
) -> None:
    token = await fake_wechat.access_token()
    response = await proxy.get(url(app_id, "cgi-bin/menu/get"), params={name: token}, headers=AUTH)
    assert (response.status, await error_of(response)) == (400, "bad_request")
    assert token not in await response.text()
    assert wire(fake_wechat) == []


async def test_the_token_is_added_and_never_shown(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    created = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (created.status, await created.json()) == (200, {"errcode": 0, "errmsg": "ok"})
    got = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert got.status == 200
    answer = await got.json()
    assert answer["menu"]["button"][0]["key"] == "V1001_TODAY_MUSIC"
    tokens = {t["access_token"] for t in await fake_wechat.control(f"tokens?app_id={app_id}")}
    sent = [seen.access_token for seen in wire(fake_wechat)]
    assert len(sent) == 2 and set(sent) <= tokens  # the account's own token, added by the proxy
    for text in (await created.text(), await got.text(), str(dict(got.headers))):
        assert not any(token in text for token in tokens)


async def test_the_query_and_the_json_body_reach_wechat_as_sent(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    body = b'{"expire_seconds": 60, "action_name": "QR_SCENE", "action_info": {"scene": {"scene_id": 7}}}'
    response = await proxy.post(
        url(app_id, "cgi-bin/qrcode/create"), headers=AUTH | {"Content-Type": "application/json"}, data=body,
        params={"extra": "kept"},
    )  # fmt: skip
    assert response.status == 200
    assert "ticket" in await response.json()
    [seen] = wire(fake_wechat)
    assert seen.raw_path.startswith("/cgi-bin/qrcode/create?extra=kept&access_token=")
    [code] = await fake_wechat.control(f"qrcodes?app_id={app_id}")
    assert (code["action_name"], code["scene"]) == ("QR_SCENE", 7)


async def test_wechats_error_comes_back_as_it_is_with_200(proxy: Client, app_id: str) -> None:
    response = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json={"button": []})
    assert response.status == 200
    body = await response.json()
    assert body["errcode"] not in (0, 40001, 42001, 40014)
    assert "errmsg" in body


@pytest.mark.parametrize("errcode", [40001, 42001, 40014])
async def test_a_token_error_is_refreshed_once_and_retried_unseen(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str, errcode: int
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "errcode": errcode, "count": 1})
    response = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (response.status, await response.json()) == (200, {"errcode": 0, "errmsg": "ok"})
    first, second = wire(fake_wechat)
    assert first.path == second.path == "/cgi-bin/menu/create"  # a write: repeated only after a token error
    assert first.access_token != second.access_token
    assert len(wire(fake_wechat, tokens=True)) - 2 == 2  # the token service fetched once more


async def test_an_expired_token_is_refreshed(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    assert (await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)).status == 200
    await fake_wechat.control("expire", {"app_id": app_id})
    response = await proxy.get(url(app_id, "cgi-bin/get_current_selfmenu_info"), headers=AUTH)
    assert (response.status, (await response.json())["errcode"]) == (200, 46003)  # no menu: WeChat's answer
    calls = [seen.path for seen in wire(fake_wechat)]
    assert calls == ["/cgi-bin/menu/get", "/cgi-bin/get_current_selfmenu_info", "/cgi-bin/get_current_selfmenu_info"]


async def test_a_second_token_error_comes_back_not_looped(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "errcode": 40001, "count": 5})
    response = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (response.status, (await response.json())["errcode"]) == (200, 40001)
    assert len(wire(fake_wechat)) == 2


async def test_a_write_answered_minus_one_is_not_repeated(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "errcode": -1, "count": 3})
    response = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (response.status, (await response.json())["errcode"]) == (200, -1)
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/create"][app_id] == 1


async def test_a_get_that_changes_something_is_not_repeated(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/delete", "errcode": -1, "count": 3})
    response = await proxy.get(url(app_id, "cgi-bin/menu/delete"), headers=AUTH)
    assert (response.status, (await response.json())["errcode"]) == (200, -1)
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/delete"][app_id] == 1


async def test_a_read_answered_minus_one_is_retried(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "errcode": -1, "count": 2})
    response = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert response.status == 200
    assert (await response.json()).get("errcode", 0) != -1
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/get"][app_id] == 3


async def test_a_read_still_busy_after_three_attempts_comes_back_as_it_is(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "errcode": -1, "count": 10})
    response = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert (response.status, (await response.json())["errcode"]) == (200, -1)
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/get"][app_id] == 3


async def test_http_5xx_is_retried_for_a_read_then_502(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/get", "status": 503, "count": 10})
    response = await proxy.get(url(app_id, "cgi-bin/menu/get"), headers=AUTH)
    assert (response.status, await error_of(response)) == (502, "upstream_unavailable")
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/get"][app_id] == 3


async def test_http_5xx_on_a_write_is_502_at_once(proxy: Client, fake_wechat: FakeWeChat, app_id: str) -> None:
    await fake_wechat.control("fail", {"path": "/cgi-bin/menu/create", "status": 502, "count": 10})
    response = await proxy.post(url(app_id, "cgi-bin/menu/create"), headers=AUTH, json=MENU)
    assert (response.status, await error_of(response)) == (502, "upstream_unavailable")
    assert (await fake_wechat.control("calls"))["/cgi-bin/menu/create"][app_id] == 1


async def test_wechat_unreachable_is_502_without_the_token(make_proxy: ProxyFactory, app_id: str) -> None:
    proxy = await make_proxy(wechat_api_base="http://127.0.0.1:9")  # discard: nothing listens
    for method, path in (("GET", "cgi-bin/menu/get"), ("POST", "cgi-bin/menu/create")):
        response = await proxy.request(method, url(app_id, path), headers=AUTH, json=MENU)
        assert (response.status, await error_of(response)) == (502, "upstream_unavailable")
        assert "access_token" not in await response.text()


async def test_the_endpoints_listing_is_the_catalogue(proxy: Client) -> None:
    response = await proxy.get("/v1/endpoints", headers=AUTH)
    assert response.status == 200
    listing = (await response.json())["endpoints"]
    assert listing == [endpoint.describe() for endpoint in default_catalogue()]
    [shorturl] = [row for row in listing if row["path"] == "cgi-bin/shorturl"]
    assert shorturl["deprecated"] is True and shorturl["replacement"] == "cgi-bin/shorten/gen"
