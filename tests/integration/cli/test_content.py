"""``wxmp tags``, ``blacklist``, ``media``, ``material``, ``draft``, ``publish`` and ``template send``."""

import asyncio
import os
from pathlib import Path
from typing import Any

from tests.integration.cli.conftest import Stack
from tests.waiting import eventually

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # ~10 KB: a thumb's size


async def test_tags_create_add_members_remove_and_delete(stack: Stack, tmp_path: Path) -> None:
    openids = [f"oTag{index:024d}" for index in range(120)]
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": openids})
    tag = (await stack.ok("tags", "create", "VIP", "--json")).json
    listing = tmp_path / "vips.txt"
    listing.write_text("# campaign 12\n" + "\n".join(openids) + "\n\n")
    assert (await stack.ok("tags", "add", "VIP", str(listing), "--json")).json == {"tag": tag["id"], "tagged": 120}
    assert (await stack.fake.control("calls"))["/cgi-bin/tags/members/batchtagging"][stack.app_id] == 3  # by 50
    assert (await stack.ok("tags", "members", str(tag["id"]))).out.split() == openids
    rows = (await stack.ok("tags", "list", "--json")).json["tags"]
    assert {"id": tag["id"], "name": "VIP", "count": 120} in rows
    await stack.ok("tags", "remove", "VIP", "-", stdin="\n".join(openids[:100]).encode())
    assert (await stack.ok("tags", "members", "VIP", "--json")).json["openids"] == openids[100:]
    unknown = await stack.wxmp("tags", "add", "Gold", str(listing))
    assert unknown.code == 2 and "no tag named 'Gold'" in unknown.err
    await stack.ok("tags", "delete", "VIP", "--yes")
    assert "VIP" not in (await stack.ok("tags", "list")).out


async def test_a_bad_openid_list_is_refused_before_anything_is_sent(stack: Stack, tmp_path: Path) -> None:
    await stack.ok("tags", "create", "VIP")
    listing = tmp_path / "bad.txt"
    listing.write_text("oOne\noTwo, oThree\n")
    ran = await stack.wxmp("tags", "add", "VIP", str(listing))
    assert ran.code == 2 and "not an openid" in ran.err
    assert "/cgi-bin/tags/members/batchtagging" not in await stack.fake.control("calls")


async def test_blacklist_add_list_remove(stack: Stack) -> None:
    openids = [f"oBad{index:024d}" for index in range(25)]
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": openids})
    await stack.ok("blacklist", "add", "-", stdin="\n".join(openids).encode())
    assert (await stack.fake.control("calls"))["/cgi-bin/tags/members/batchblacklist"][stack.app_id] == 2  # by 20
    assert sorted((await stack.ok("blacklist", "list")).out.split()) == openids
    await stack.ok("blacklist", "remove", "-", stdin=openids[0].encode())
    assert sorted((await stack.ok("blacklist", "list", "--json")).json["openids"]) == openids[1:]


async def test_media_upload_and_the_material_library(stack: Stack, tmp_path: Path) -> None:
    photo = tmp_path / "banner.png"
    photo.write_bytes(os.urandom(3000))
    temporary = (await stack.ok("media", "upload", str(photo), "--json")).json
    assert temporary["kind"] == "image" and temporary["permanent"] is False and temporary["media_id"]
    permanent = (await stack.ok("media", "upload", str(photo), "--permanent", "--json")).json
    assert permanent["url"].startswith("http")
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(JPEG)
    thumb = (await stack.ok("media", "upload", str(cover), "--type", "thumb", "--permanent", "--json")).json
    counts = (await stack.ok("material", "count", "--json")).json
    assert counts["image_count"] == 2  # thumbs count as images
    listed = (await stack.ok("material", "list", "--type", "image", "--json")).json["items"]
    assert {item["media_id"] for item in listed} == {permanent["media_id"], thumb["media_id"]}
    await stack.ok("material", "delete", permanent["media_id"], "--yes")
    assert (await stack.ok("material", "count", "--json")).json["image_count"] == 1
    too_big = tmp_path / "huge.jpg"
    too_big.write_bytes(JPEG * 10)
    refused = await stack.wxmp("media", "upload", str(too_big), "--type", "thumb")
    assert refused.code == 2 and "thumb" in refused.err and "64 KB" in refused.err
    unknown = await stack.wxmp("media", "upload", str(tmp_path / "notes.txt"))
    assert unknown.code == 2


async def test_draft_add_then_publish_waits_for_the_jobs_end(stack: Stack, tmp_path: Path) -> None:
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(JPEG)
    thumb = (await stack.ok("media", "upload", str(cover), "--type", "thumb", "--permanent", "--json")).json
    draft = tmp_path / "weekly.yaml"
    article = f"  - title: 本周新品\n    content: <p>Hello</p>\n    thumb_media_id: {thumb['media_id']}\n"
    draft.write_text("articles:\n" + article)
    media_id = (await stack.ok("draft", "add", str(draft), "--json")).json["media_id"]
    assert (await stack.ok("draft", "list", "--json")).json["drafts"][0]["media_id"] == media_id
    refused = await stack.wxmp("publish", media_id)
    assert refused.code == 2 and "--yes" in refused.err

    running = asyncio.create_task(stack.wxmp("publish", media_id, "--yes", "--wait", "--every", "0.05", "--json"))

    async def submitted() -> bool:
        library: dict[str, Any] = await stack.fake.control(f"library?app_id={stack.app_id}")
        return bool(library[stack.app_id]["publish_jobs"])

    await eventually(submitted, within=15, what="the publish job submitted")
    await stack.fake.control("publish/finish", {"app_id": stack.app_id})
    ran = await asyncio.wait_for(running, 30)
    assert ran.code == 0, ran.err
    assert ran.json["state"] == "succeeded" and len(ran.json["urls"]) == 1 and ran.json["article_id"]


async def test_an_invalid_draft_is_refused_before_anything_is_sent(stack: Stack, tmp_path: Path) -> None:
    draft = tmp_path / "bad.yaml"
    draft.write_text("title: x\ncontent: <p>no cover</p>\n")
    ran = await stack.wxmp("draft", "add", str(draft))
    assert ran.code == 2 and "thumb_media_id" in ran.err
    assert "/cgi-bin/draft/add" not in await stack.fake.control("calls")


async def test_template_send_through_the_notifier_to_wechat(with_notifier: Stack) -> None:
    stack = with_notifier
    args = ["template", "send", "--to", "oFollower1", "--template-id", "TPL-1", "--field", "thing1=Shipped"]
    answer = (await stack.ok(*args, "--url", "https://example.com/o/1", "--wait", "--json")).json
    assert answer["status"] == "sent" and answer["wechat_msgid"]
    sent = await stack.fake.control(f"sent?app_id={stack.app_id}&kind=template")
    assert sent[-1]["body"]["data"] == {"thing1": {"value": "Shipped"}}
    assert sent[-1]["body"]["url"] == "https://example.com/o/1"
    status = (await stack.ok("template", "status", answer["id"], "--json")).json
    assert status["status"] == "sent"
    no_data = await stack.wxmp("template", "send", "--to", "oFollower1", "--template-id", "TPL-1")
    assert no_data.code == 2 and "--field" in no_data.err


async def test_template_list_shows_the_accounts_templates(stack: Stack) -> None:
    token = await stack.fake.access_token()
    industry = {"industry_id1": 1, "industry_id2": 2}
    await stack.fake.client.post("/cgi-bin/template/api_set_industry", params={"access_token": token}, json=industry)
    pick = {"template_id_short": "47123", "keyword_name_list": ["时间", "金额"]}
    added = await (
        await stack.fake.client.post("/cgi-bin/template/api_add_template", params={"access_token": token}, json=pick)
    ).json()
    templates = (await stack.ok("template", "list", "--json")).json["templates"]
    assert [template["template_id"] for template in templates] == [added["template_id"]]
    table = (await stack.ok("template", "list")).out
    assert added["template_id"] in table and "订单支付成功通知" in table and "time1" in table


async def test_mass_send_previews_asks_and_broadcasts(stack: Stack, tmp_path: Path) -> None:
    openids = ["oMass1", "oMass2", "oMass3"]
    await stack.fake.control("followers", {"app_id": stack.app_id, "openids": openids})
    preview = (await stack.ok("mass", "send", "--text", "Spring sale", "--preview", "oMass1", "--json")).json
    assert preview["preview"] == "oMass1" and preview["msg_id"]
    refused = await stack.wxmp("mass", "send", "--all", "--text", "Spring sale")
    assert refused.code == 2 and "--yes" in refused.err
    both = await stack.wxmp("mass", "send", "--all", "--tag", "2", "--text", "x", "--yes")
    assert both.code == 2 and "one audience" in both.err
    sent = (await stack.ok("mass", "send", "--all", "--text", "Spring sale", "--yes", "--json")).json
    status = (await stack.ok("mass", "status", str(sent["msg_id"]), "--json")).json
    assert status["msg_status"] in {"SENDING", "SEND_SUCCESS"}
    listing = tmp_path / "winners.txt"
    listing.write_text("oMass2\noMass3\n")
    to_two = await stack.ok(
        "mass", "send", "--to-file", str(listing), "--text", "You won", "--clientmsgid", "w1", "--yes"
    )
    assert "sent to 2 followers" in to_two.out
    messaging = await stack.fake.control(f"messaging?app_id={stack.app_id}")
    assert "Spring sale" in str(messaging) and "You won" in str(messaging)


async def test_kf_add_and_list(stack: Stack) -> None:
    await stack.ok("kf", "add", "anna@gh_shop", "--nickname", "Anna")
    listed = (await stack.ok("kf", "list", "--json")).json
    assert [account["kf_account"] for account in listed["accounts"]] == ["anna@gh_shop"]
    assert "Anna" in (await stack.ok("kf", "list")).out
    bad = await stack.wxmp("kf", "add", "no-at-sign", "--nickname", "X")
    assert bad.code == 2 and bad.err.startswith("wxmp: ")
