"""What the chat page shows of the account as the services set it up through the API: the menu the
follower sees (conditional menus matched against their tags), the QR codes with their pictures; and the
fake's follower list follows the phone's follows and unfollows."""

import io
from typing import Any

import zxingcpp
from PIL import Image

from sandbox.fake_wechat import FAKE
from tests.component.console.conftest import MENU, Sandbox

OPENID, OTHER = "o_sandbox_tester", "o_sandbox_other"
VIP_MENU = {"button": [{"type": "click", "name": "VIP", "key": "VIP_ONLY"}], "matchrule": {"tag_id": "100"}}


async def followers(sandbox: Sandbox) -> list[str]:
    answer = await sandbox.wechat("GET", "/cgi-bin/user/get")
    return list(answer.get("data", {}).get("openid", []))


async def user_info(sandbox: Sandbox, openid: str) -> dict[str, Any]:
    return await sandbox.wechat("GET", f"/cgi-bin/user/info?openid={openid}")


async def test_following_on_the_phone_puts_the_follower_on_user_get_and_unfollowing_takes_them_off(
    sandbox: Sandbox,
) -> None:
    await sandbox.send(action="subscribe")
    assert await followers(sandbox) == [OPENID]
    info = await user_info(sandbox, OPENID)
    assert info["subscribe"] == 1 and info["subscribe_scene"] == "ADD_SCENE_SEARCH"
    await sandbox.send(action="unsubscribe")
    assert await followers(sandbox) == []
    assert (await user_info(sandbox, OPENID))["subscribe"] == 0


async def test_a_scan_that_follows_records_the_qr_scene(sandbox: Sandbox) -> None:
    await sandbox.send(action="scan", scene="spring-sale")
    info = await user_info(sandbox, OPENID)
    assert (info["subscribe_scene"], info["qr_scene"], info["qr_scene_str"]) == (
        "ADD_SCENE_QR_CODE",
        0,
        "spring-sale",
    )
    await sandbox.send(openid=OTHER, action="scan", scene="42")
    assert (await user_info(sandbox, OTHER))["qr_scene"] == 42
    await sandbox.send(action="text", content="still here")  # a message changes nobody's subscribe time
    assert await followers(sandbox) == [OPENID, OTHER]


async def test_the_menu_shown_is_the_conditional_one_that_matches_the_followers_tags(sandbox: Sandbox) -> None:
    app_id = sandbox.account.app_id
    await sandbox.wechat("POST", "/cgi-bin/menu/create", MENU)
    await sandbox.wechat("POST", "/cgi-bin/tags/create", {"tag": {"name": "vip"}})
    menuid = int((await sandbox.wechat("POST", "/cgi-bin/menu/addconditional", VIP_MENU))["menuid"])
    await sandbox.send(action="subscribe")
    await sandbox.send(openid=OTHER, action="subscribe")
    await sandbox.wechat("POST", "/cgi-bin/tags/members/batchtagging", {"openid_list": [OPENID], "tagid": 100})
    vip = await sandbox.get("/sandbox/api/menu", app_id=app_id, openid=OPENID)
    assert vip == {
        "app_id": app_id,
        "menu": {"button": VIP_MENU["button"]},
        "conditional": {"menuid": menuid, "matchrule": {"tag_id": "100"}},
    }
    trymatch = await sandbox.wechat("POST", "/cgi-bin/menu/trymatch", {"user_id": OPENID})
    assert trymatch["button"] == vip["menu"]["button"]
    plain = await sandbox.get("/sandbox/api/menu", app_id=app_id, openid=OTHER)
    assert plain["menu"] == MENU and plain["conditional"] is None
    await sandbox.send(action="unsubscribe")  # someone who left sees the default menu again
    assert (await sandbox.get("/sandbox/api/menu", app_id=app_id, openid=OPENID))["conditional"] is None
    assert (await sandbox.get("/sandbox/api/menu", expect=400, app_id=app_id, openid="x"))["field"] == "openid"


async def test_the_qr_codes_created_through_the_api_are_listed_with_their_pictures(sandbox: Sandbox) -> None:
    app_id = sandbox.account.app_id
    temporary = {"expire_seconds": 300, "action_name": "QR_STR_SCENE", "action_info": {"scene": {"scene_str": "s1"}}}
    permanent = {"action_name": "QR_LIMIT_SCENE", "action_info": {"scene": {"scene_id": 7}}}
    first = await sandbox.wechat("POST", "/cgi-bin/qrcode/create", temporary)
    second = await sandbox.wechat("POST", "/cgi-bin/qrcode/create", permanent)
    listed = (await sandbox.get("/sandbox/api/qrcodes", app_id=app_id))["qrcodes"]
    assert [(c["ticket"], c["scene"], c["expired"]) for c in listed] == [
        (second["ticket"], "7", False),
        (first["ticket"], "s1", False),
    ]
    assert listed[0]["expire_seconds"] is None and listed[1]["expire_seconds"] == 300
    picture = await sandbox.client.get(listed[1]["image_url"])
    assert picture.status == 200 and picture.content_type == "image/png"
    image = Image.open(io.BytesIO(await picture.read()))
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [first["url"]]
    sandbox.app[FAKE].clock.advance(300)
    listed = (await sandbox.get("/sandbox/api/qrcodes", app_id=app_id))["qrcodes"]
    assert [c["expired"] for c in listed] == [False, True]
    assert (await sandbox.client.get(listed[1]["image_url"])).status == 404
    assert (await sandbox.get("/sandbox/api/qrcodes", app_id=sandbox.plain.app_id))["qrcodes"] == []
    assert (await sandbox.get("/sandbox/api/qrcodes", expect=404, app_id="wxnobody"))["error"] == "unknown_app"
