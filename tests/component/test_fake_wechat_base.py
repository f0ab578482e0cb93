"""The fake WeChat's base endpoints (addresses, network check, API quota and its reset, rids), QR code
pictures, short keys and conditional menus keep WeChat's shapes and codes. Time moves with the manual clock."""

import io
from typing import Any
from urllib.parse import quote

import pytest
import zxingcpp
from PIL import Image

from sandbox.fake_wechat.qrimage import qr_png
from tests.component.fake_account import OK, Api

QUOTA, RID, CLEAR = "/cgi-bin/openapi/quota/get", "/cgi-bin/openapi/rid/get", "/cgi-bin/clear_quota"
MENU = {"button": [{"type": "click", "name": "Default", "key": "DEFAULT"}]}
VIP_MENU = {"button": [{"type": "click", "name": "VIP", "key": "VIP"}], "matchrule": {"tag_id": "100"}}
IOS_MENU = {"button": [{"type": "click", "name": "iOS", "key": "IOS"}], "matchrule": {"client_platform_type": "1"}}


def decoded(png: bytes) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


# -- addresses and the network check -------------------------------------------------------------


async def test_wechat_addresses_are_loopback_by_default_and_set_by_control(api: Api) -> None:
    assert await api.get("/cgi-bin/getcallbackip") == {"ip_list": ["127.0.0.1"]}
    assert await api.get("/cgi-bin/get_api_domain_ip") == {"ip_list": ["127.0.0.1"]}
    await api.fake.control("network", {"callback_ips": ["101.226.103.0/25"], "api_domain_ips": ["101.89.47.18"]})
    assert await api.get("/cgi-bin/getcallbackip") == {"ip_list": ["101.226.103.0/25"]}
    assert await api.get("/cgi-bin/get_api_domain_ip") == {"ip_list": ["101.89.47.18"]}
    without_token = await (await api.fake.client.get("/cgi-bin/getcallbackip")).json()
    assert without_token == {"errcode": 41001, "errmsg": "access_token missing"}


async def test_callback_check_resolves_and_pings_the_callback_host(api: Api) -> None:
    answer = await api.post("/cgi-bin/callback/check", {"action": "all", "check_operator": "UNICOM"})
    assert answer == {
        "dns": [{"ip": "127.0.0.1", "real_operator": "CAP"}],
        "ping": [{"ip": "127.0.0.1", "from_operator": "UNICOM", "package_loss": "0%", "time": "0.050ms"}],
    }
    assert (await api.post("/cgi-bin/callback/check", {"action": "dns", "check_operator": "DEFAULT"}))["ping"] == []


@pytest.mark.parametrize(
    ("body", "errcode"),
    [({"action": "trace", "check_operator": "DEFAULT"}, 40202), ({"action": "all", "check_operator": "X"}, 40203)],
)
async def test_callback_check_refuses_bad_actions_and_operators(api: Api, body: dict[str, Any], errcode: int) -> None:
    assert await api.errcode("/cgi-bin/callback/check", body) == errcode


async def test_callback_check_without_a_callback_url_is_40201(api: Api) -> None:
    await api.fake.control("network", {"server_ips": []})
    assert await api.errcode("/cgi-bin/callback/check", {"action": "all", "check_operator": "DEFAULT"}) == 40201


# -- API quota, its reset, rids ------------------------------------------------------------------


async def test_quota_get_reports_todays_calls_against_the_documented_limit(api: Api) -> None:
    for _ in range(3):
        await api.get("/cgi-bin/user/get")
    answer = await api.post(QUOTA, {"cgi_path": "/cgi-bin/user/get"})
    assert answer == {**OK, "quota": {"daily_limit": 500, "used": 3, "remain": 497}}
    token = await api.post(QUOTA, {"cgi_path": "/cgi-bin/token"})
    assert token["quota"] == {"daily_limit": 2000, "used": 1, "remain": 1999}
    api.fake.clock.advance(86_400)  # a new Beijing day
    await api.renew()
    assert (await api.post(QUOTA, {"cgi_path": "/cgi-bin/user/get"}))["quota"]["used"] == 0


@pytest.mark.parametrize(
    ("cgi_path", "errcode"),
    [("/cgi-bin/nothing", 76021), ("cgi-bin/user/get", 76021), (None, 76021), ("/sns/oauth2/access_token", 76022)],
)
async def test_quota_get_refuses_paths_it_does_not_know(api: Api, cgi_path: object, errcode: int) -> None:
    assert await api.errcode(QUOTA, {"cgi_path": cgi_path}) == errcode


async def test_an_enforced_daily_limit_answers_45009_until_clear_quota(api: Api) -> None:
    await api.fake.control("api-quota", {"path": "/cgi-bin/tags/get", "daily_limit": 2})
    assert [(await api.get("/cgi-bin/tags/get")).get("errcode", 0) for _ in range(3)] == [0, 0, 45009]
    assert (await api.post(QUOTA, {"cgi_path": "/cgi-bin/tags/get"}))["quota"] == {
        "daily_limit": 2,
        "used": 3,
        "remain": 0,
    }
    assert await api.post(CLEAR, {"appid": api.app_id}) == OK
    assert "tags" in await api.get("/cgi-bin/tags/get")


async def test_clear_quota_works_10_times_a_month_for_the_callers_own_appid(api: Api) -> None:
    assert await api.errcode(CLEAR, {"appid": "wxsomeoneelse"}) == 40013
    assert await api.errcode(CLEAR, {}) == 41002
    for _ in range(10):
        assert await api.post(CLEAR, {"appid": api.app_id}) == OK
    assert await api.errcode(CLEAR, {"appid": api.app_id}) == 48006
    api.fake.clock.advance(31 * 86_400)  # next month
    await api.renew()
    assert await api.post(CLEAR, {"appid": api.app_id}) == OK


async def test_clear_quota_also_resets_the_token_quota(api: Api) -> None:
    await api.fake.control("quota", {"daily_token_calls": 1})  # the fixture's token used it
    query = {"grant_type": "client_credential", "appid": api.app_id, "secret": api.fake.app_secret}
    assert (await (await api.fake.client.get("/cgi-bin/token", params=query)).json())["errcode"] == 45009
    assert await api.post(CLEAR, {"appid": api.app_id}) == OK
    assert "access_token" in await (await api.fake.client.get("/cgi-bin/token", params=query)).json()


async def test_quota_clear_resets_only_the_named_api_50_times_a_month(api: Api) -> None:
    path_clear = "/cgi-bin/openapi/quota/clear"
    for _ in range(2):
        await api.get("/cgi-bin/user/get")
        await api.get("/cgi-bin/tags/get")
    assert await api.post(path_clear, {"cgi_path": "/cgi-bin/user/get"}) == OK
    assert (await api.post(QUOTA, {"cgi_path": "/cgi-bin/user/get"}))["quota"]["used"] == 0
    assert (await api.post(QUOTA, {"cgi_path": "/cgi-bin/tags/get"}))["quota"]["used"] == 2
    assert await api.errcode(path_clear, {"cgi_path": "/cgi-bin/nothing"}) == 76021
    assert await api.errcode(path_clear, {"cgi_path": "/sns/oauth2/access_token"}) == 76022
    for _ in range(49):
        assert await api.post(path_clear, {"cgi_path": "/cgi-bin/tags/get"}) == OK
    assert await api.errcode(path_clear, {"cgi_path": "/cgi-bin/tags/get"}) == 48006
    api.fake.clock.advance(31 * 86_400)  # next month
    await api.renew()
    assert await api.post(path_clear, {"cgi_path": "/cgi-bin/tags/get"}) == OK


async def test_rid_get_tells_what_a_failed_call_was(api: Api) -> None:
    await api.fake.control("rids", {"in_errmsg": True})
    failed = await api.get("/cgi-bin/user/info", openid="oNobody")
    errmsg, rid = failed["errmsg"].split(" rid: ")
    assert (failed["errcode"], errmsg) == (40003, "invalid openid")
    answer = await api.post(RID, {"rid": rid})
    request = answer.pop("request")
    assert answer == OK
    assert request["invoke_time"] == int(api.fake.clock.time())
    assert "openid=oNobody" in request["request_url"] and "access_token=" in request["request_url"]
    assert api.token not in request["request_url"] and "xxxx" in request["request_url"]
    assert '"errcode":40003' in request["response_body"] and request["client_ip"] == "127.0.0.1"


async def test_rid_get_refuses_bad_unknown_foreign_and_old_rids(api: Api, other_api: Api) -> None:
    await other_api.get("/cgi-bin/user/info", openid="oNobody")
    (theirs,) = await api.fake.control(f"rids?app_id={other_api.app_id}")
    assert await api.errcode(RID, {"rid": "not-a-rid"}) == 76002
    assert await api.errcode(RID, {"rid": "61725984-6126f6f9-040f19c4"}) == 76001
    assert await api.errcode(RID, {"rid": theirs["rid"]}) == 76003
    assert (await other_api.post(RID, {"rid": theirs["rid"]}))["errcode"] == 0
    api.fake.clock.advance(7 * 86_400 + 1)
    await other_api.renew()
    assert (await other_api.post(RID, {"rid": theirs["rid"]}))["errcode"] == 76001


# -- QR code pictures ----------------------------------------------------------------------------


def test_the_png_encodes_the_url() -> None:
    png = qr_png("http://weixin.qq.com/q/02abcDEF")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert decoded(png) == ["http://weixin.qq.com/q/02abcDEF"]


async def test_showqrcode_answers_the_codes_picture_without_a_token_until_it_expires(api: Api) -> None:
    body = {"expire_seconds": 60, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": "c1"}}}
    code = await api.post("/cgi-bin/qrcode/create", body)
    response = await api.fake.client.get("/cgi-bin/showqrcode", params={"ticket": code["ticket"]})
    assert response.status == 200 and response.content_type == "image/png"
    assert decoded(await response.read()) == [code["url"]]
    api.fake.clock.advance(60)
    expired = await api.fake.client.get(f"/cgi-bin/showqrcode?ticket={quote(code['ticket'], safe='')}")
    assert expired.status == 404


async def test_showqrcode_of_an_unknown_ticket_is_404_and_a_permanent_code_never_expires(api: Api) -> None:
    assert (await api.fake.client.get("/cgi-bin/showqrcode", params={"ticket": "gQnothing"})).status == 404
    assert (await api.fake.client.get("/cgi-bin/showqrcode")).status == 404
    body = {"action_name": "QR_LIMIT_SCENE", "action_info": {"scene": {"scene_id": 7}}}
    code = await api.post("/cgi-bin/qrcode/create", body)
    api.fake.clock.advance(365 * 86_400)  # showqrcode takes no token
    assert (await api.fake.client.get("/cgi-bin/showqrcode", params={"ticket": code["ticket"]})).status == 200


# -- short keys ----------------------------------------------------------------------------------


async def test_a_short_key_gives_back_its_data_until_it_expires(api: Api) -> None:
    key = (await api.post("/cgi-bin/shorten/gen", {"long_data": "loooooong data", "expire_seconds": 100}))["short_key"]
    assert len(key) == 15 and key.isalnum()
    api.fake.clock.advance(40)
    fetched = await api.post("/cgi-bin/shorten/fetch", {"short_key": key})
    created = int(api.fake.clock.time()) - 40
    assert fetched == {**OK, "long_data": "loooooong data", "create_time": created, "expire_seconds": 60}
    api.fake.clock.advance(60)
    assert await api.errcode("/cgi-bin/shorten/fetch", {"short_key": key}) == 9410012


async def test_a_short_key_lives_30_days_by_default_and_only_for_its_account(api: Api, other_api: Api) -> None:
    key = (await api.post("/cgi-bin/shorten/gen", {"long_data": "x"}))["short_key"]
    assert (await api.post("/cgi-bin/shorten/fetch", {"short_key": key}))["expire_seconds"] == 2_592_000
    assert await other_api.errcode("/cgi-bin/shorten/fetch", {"short_key": key}) == 9410012
    assert await api.errcode("/cgi-bin/shorten/fetch", {"short_key": "nope"}) == 9410012


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"long_data": "x" * 4097}, 9410010),
        ({"long_data": "x", "expire_seconds": 2_592_001}, 9410011),
        ({}, 47003),
        ({"long_data": "x", "expire_seconds": 0}, 47003),
    ],
)
async def test_shorten_gen_refuses_what_wechat_refuses(api: Api, body: dict[str, Any], errcode: int) -> None:
    assert await api.errcode("/cgi-bin/shorten/gen", body) == errcode


async def test_shorturl_is_shut_down(api: Api) -> None:
    body = {"action": "long2short", "long_url": "https://example.com/"}
    assert await api.post("/cgi-bin/shorturl", body) == {"errcode": 45103, "errmsg": "This API has been unsupported"}


# -- conditional menus ---------------------------------------------------------------------------


async def test_a_conditional_menu_needs_a_default_menu_and_a_matchrule(api: Api) -> None:
    assert await api.errcode("/cgi-bin/menu/addconditional", VIP_MENU) == 65303
    await api.post("/cgi-bin/menu/create", MENU)
    assert await api.errcode("/cgi-bin/menu/addconditional", {**VIP_MENU, "matchrule": {}}) == 65304
    assert await api.errcode("/cgi-bin/menu/addconditional", {**VIP_MENU, "matchrule": {"sex": "1"}}) == 65320
    assert await api.errcode("/cgi-bin/menu/addconditional", {"button": [], "matchrule": {"tag_id": "1"}}) == 40016
    menuid = (await api.post("/cgi-bin/menu/addconditional", VIP_MENU))["menuid"]
    assert isinstance(menuid, str) and menuid.isdigit()


async def test_menu_get_lists_conditional_menus_and_delete_removes_them_all(api: Api) -> None:
    await api.post("/cgi-bin/menu/create", MENU)
    menuid = int((await api.post("/cgi-bin/menu/addconditional", VIP_MENU))["menuid"])
    menus = await api.get("/cgi-bin/menu/get")
    assert menus["menu"]["button"] == MENU["button"] and isinstance(menus["menu"]["menuid"], int)
    assert menus["conditionalmenu"] == [{**VIP_MENU, "menuid": menuid}]
    assert await api.post("/cgi-bin/menu/delconditional", {"menuid": str(menuid)}) == OK
    assert await api.errcode("/cgi-bin/menu/delconditional", {"menuid": str(menuid)}) == 65301
    assert await api.get("/cgi-bin/menu/get") == {"menu": MENU}
    await api.post("/cgi-bin/menu/addconditional", VIP_MENU)
    await api.get("/cgi-bin/menu/delete")
    assert (await api.get("/cgi-bin/menu/get"))["errcode"] == 46003


async def test_trymatch_shows_the_newest_matching_menu_by_tag_and_platform(api: Api) -> None:
    await api.post("/cgi-bin/menu/create", MENU)
    await api.post("/cgi-bin/tags/create", {"tag": {"name": "vip"}})
    await api.seed(openids=["oVip"], tagid_list=[100])
    await api.seed(openids=["oIphone"], client_platform_type=1)
    await api.seed(openids=["oPlain"])
    await api.post("/cgi-bin/menu/addconditional", VIP_MENU)
    await api.post("/cgi-bin/menu/addconditional", IOS_MENU)
    trymatch = "/cgi-bin/menu/trymatch"
    assert await api.post(trymatch, {"user_id": "oVip"}) == {"button": VIP_MENU["button"]}
    assert await api.post(trymatch, {"user_id": "oIphone"}) == {"button": IOS_MENU["button"]}
    assert await api.post(trymatch, {"user_id": "oPlain"}) == {"button": MENU["button"]}
    assert await api.errcode(trymatch, {"user_id": "oNobody"}) == 65302
    assert await api.errcode(trymatch, {}) == 40003


async def test_clear_quota_v2_takes_the_appsecret_instead_of_a_token_and_shares_the_10(api: Api) -> None:
    fake = api.fake

    async def by_secret(**query: str) -> int:
        answer = await (await fake.client.post(CLEAR + "/v2", params=query)).json()
        return int(answer["errcode"])

    assert await by_secret(appsecret=fake.app_secret) == 41002
    assert await by_secret(appid="wxsomeoneelse", appsecret=fake.app_secret) == 40013
    assert await by_secret(appid=api.app_id) == 41004
    assert await by_secret(appid=api.app_id, appsecret="not-the-secret") == 40125
    await fake.control("quota", {"daily_token_calls": 1})  # the fixture's token used it
    assert await by_secret(appid=api.app_id, appsecret=fake.app_secret) == 0
    token = {"grant_type": "client_credential", "appid": api.app_id, "secret": fake.app_secret}
    assert "access_token" in await (await fake.client.get("/cgi-bin/token", params=token)).json()
    body = {"appid": api.app_id, "appsecret": fake.app_secret}  # the newer doc's JSON body works too
    assert (await (await fake.client.post(CLEAR + "/v2", json=body)).json())["errcode"] == 0
    for _ in range(8):
        assert await api.post(CLEAR, {"appid": api.app_id}) == OK
    assert await by_secret(appid=api.app_id, appsecret=fake.app_secret) == 48006  # 10 a month, both ways
