"""The typed API's messaging groups (kf, template, subscribe, mass, ocr, img, voice) against the fake
WeChat through ``DirectTransport`` (tokens from the real token service over real Redis): the happy
paths, WeChat's refusals as ``WeChatError`` with its errcode, and a broadcast whose answer is lost:
never sent again by the transport, resolved by its clientmsgid."""

from collections.abc import AsyncIterator
from typing import Any

import pytest

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.draft import Article
from shared.wechat.models.mass import Broadcast, Images, MpNews, MpVideo, Text
from shared.wechat.transport import Upload
from tests.component.wechat_content import JPEG
from tests.conftest import FakeWeChat
from tests.integration.wechat_api import calls, direct_api

SENDALL = "/cgi-bin/message/mass/sendall"


@pytest.fixture
async def api(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with direct_api(aiohttp_client, fake_wechat) as api:
        yield api


async def followers(fake: FakeWeChat, count: int) -> list[str]:
    openids: list[str] = (await fake.control("followers", {"app_id": fake.app_id, "count": count}))["openids"]
    return openids


async def errcode_of(call: Any) -> int:
    with pytest.raises(WeChatError) as error:
        await call
    return error.value.errcode


# -- customer service ----------------------------------------------------------------------------


async def test_an_account_with_its_worker_serves_a_follower(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    account = "care@gh_integration"
    await api.kf.add_account(account, "客服小美")
    await api.kf.upload_headimg(account, Upload("me.jpg", JPEG, "image/jpeg"))
    await api.kf.invite_worker(account, "worker_wx1")
    [listed] = await api.kf.accounts()
    assert (listed["kf_nick"], listed["invite_status"]) == ("客服小美", "waiting") and listed["kf_headimgurl"]
    assert await errcode_of(api.kf.create_session(account, "oFollower1")) == 65402

    await fake_wechat.control("kf/invitation", {"app_id": fake_wechat.app_id, "kf_account": account})
    await fake_wechat.control("kf/online", {"app_id": fake_wechat.app_id, "kf_account": account})
    await fake_wechat.control("kf/waiting", {"app_id": fake_wechat.app_id, "openids": ["oFollower1"]})
    assert (await api.kf.waiting()).count == 1
    await api.kf.create_session(account, "oFollower1")
    assert (await api.kf.session("oFollower1")).kf_account == account
    assert [s["openid"] for s in await api.kf.sessions(account)] == ["oFollower1"]
    assert [a["accepted_case"] for a in await api.kf.online()] == [1]
    await api.kf.close_session(account, "oFollower1")
    assert await errcode_of(api.kf.close_session(account, "oFollower1")) == 65413
    await api.kf.update_account(account, "客服小丽")
    await api.kf.delete_account(account)
    assert await api.kf.accounts() == []


async def test_the_chat_record_page_after_page_and_typing(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    start = int(fake_wechat.clock.time())
    lines = [{"openid": "oFollower1", "worker": "care@gh_x", "text": f"{n}", "time": start + n} for n in range(7)]
    await fake_wechat.control("kf/records", {"app_id": fake_wechat.app_id, "records": lines})
    texts = [record["text"] async for record in api.kf.records(start, start + 3600, number=3)]
    assert texts == [str(n) for n in range(7)]
    assert await calls(fake_wechat, "/customservice/msgrecord/getmsglist") == 3

    assert await errcode_of(api.kf.typing("oFollower1")) == 45080
    await fake_wechat.control("kf/exchanges", {"app_id": fake_wechat.app_id, "openids": ["oFollower1"]})
    await api.kf.typing("oFollower1")
    await api.kf.typing("oFollower1", typing=False)


# -- templates and subscriptions -----------------------------------------------------------------


async def test_industries_and_a_category_template_with_its_keywords(api: WeChatApi) -> None:
    await api.template.set_industry(1, 13)
    assert (await api.template.industry())["secondary_industry"]["second_class"] == "快递"
    template_id = await api.template.add("43216", ["快递公司", "快递单号"])
    [template] = await api.template.all()
    assert template["template_id"] == template_id
    assert "{{character_string2.DATA}}" in template["content"]
    assert await errcode_of(api.template.add("43216", ["不是这个模板的"])) == 40246
    await api.template.delete(template_id)
    assert await api.template.all() == []


async def test_a_template_message_wechat_intercepted(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    template_id = await api.template.add("43216", ["快递公司", "快递单号"])
    [openid] = await followers(fake_wechat, 1)
    message = {"touser": openid, "template_id": template_id, "data": {"thing1": {"value": "顺丰"}}}
    sent = await api.call("cgi-bin/message/template/send", json=message)
    assert isinstance(sent, dict)
    assert await api.template.blocked(template_id) is None
    block = {"app_id": fake_wechat.app_id, "msgid": sent["msgid"]}
    record = await fake_wechat.control("templates/block", block)
    info = await api.template.blocked(template_id)
    assert info is not None
    assert info == record and info["openid"] == openid and info["title"] == "快递发货提醒"
    assert await api.template.blocked(template_id, largest_id=info["id"]) is None
    with pytest.raises(ValueError, match="limit"):
        await api.template.blocked(template_id, limit=101)


async def test_a_notification_to_a_follower_who_subscribed(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    [category] = await api.subscribe.categories()
    titles = [title async for title in api.subscribe.all_titles([category["id"]])]
    payment = next(t for t in titles if t["title"] == "付款成功通知")
    keywords = await api.subscribe.keywords(payment["tid"])
    kids = [k["kid"] for k in keywords if k["rule"] in ("thing", "time", "amount")]
    template_id = await api.subscribe.add_template(payment["tid"], kids, "付款后通知")
    [template] = await api.subscribe.templates()
    assert template["priTmplId"] == template_id

    data = {"thing1": "咖啡", "time2": "2024年1月1日 12:00", "amount3": "¥29.90"}
    assert await errcode_of(api.subscribe.send("oFollower1", template_id, data)) == 43101
    grant = {"app_id": fake_wechat.app_id, "openid": "oFollower1", "template_id": template_id}
    await fake_wechat.control("subscribe/grant", grant)
    sent = await api.subscribe.send("oFollower1", template_id, data, page="https://example.com/order/1")
    assert sent["msgid"] > 0
    await api.subscribe.delete_template(template_id)


async def test_the_one_time_message_for_the_scene_the_follower_allowed(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    allow = {"app_id": fake_wechat.app_id, "openid": "oFollower1", "template_id": "ONCE", "scene": 7}
    await fake_wechat.control("subscribe/once", allow)
    await api.subscribe.send_once("oFollower1", "ONCE", scene=7, title="到货提醒", content="您关注的商品到货了")
    again = api.subscribe.send_once("oFollower1", "ONCE", scene=7, title="到货提醒", content="再一次")
    assert await errcode_of(again) == 43101


# -- broadcasts ----------------------------------------------------------------------------------


async def draft_of(api: WeChatApi) -> str:
    cover = (await api.material.add("thumb", Upload("cover.jpg", JPEG))).media_id
    return await api.draft.add([Article(title="本周推荐", content="<p>正文</p>", thumb_media_id=cover)])


async def test_articles_to_a_tag_then_status_and_deletion(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    openids = await followers(fake_wechat, 3)
    tag = await api.tags.create("VIP")
    await api.tags.tag(tag.id, openids[:2])
    await api.mass.preview(MpNews(media_id=await draft_of(api)), openid=openids[0])
    job = await api.mass.send_to_tag(tag.id, MpNews(media_id=await draft_of(api)), clientmsgid="weekly-1")
    assert job.msg_data_id is not None
    assert (await api.mass.status(job.msg_id)).msg_status == "SENDING"
    await fake_wechat.control("mass/finish", {"msg_id": job.msg_id})
    assert (await api.mass.status(job.msg_id)).msg_status == "SEND_SUCCESS"
    await api.mass.delete(job.msg_id)
    assert (await api.mass.status(job.msg_id)).msg_status == "DELETE"


async def test_pictures_text_and_a_video_to_everyone_or_openids(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    openids = await followers(fake_wechat, 2)
    image = (await api.material.add("image", Upload("a.jpg", JPEG))).media_id
    await api.mass.send_to_all(Images(media_ids=[image], recommend="看看"))
    await api.mass.send_to_openids(openids, Text(content="只发给你们"))
    video = await api.media.upload("video", Upload("v.mp4", b"\x00" * 4096))
    mpvideo = await api.mass.upload_video(video.media_id, "发布会", "全程回放")
    await api.mass.send_to_all(MpVideo(media_id=mpvideo), clientmsgid="video-1")
    assert await errcode_of(api.mass.send(Broadcast(content=Text(content="x"), tag_id=999))) == 40152
    await api.mass.set_speed(2)
    assert (await api.mass.speed()).realspeed == 45


async def test_a_broadcast_whose_answer_is_lost_is_sent_once(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await followers(fake_wechat, 2)
    await fake_wechat.control("fail", {"path": SENDALL, "drop": True})
    broadcast = Broadcast(content=Text(content="限时活动"), to_all=True, clientmsgid="campaign-42")
    error = await errcode_of(api.mass.send(broadcast))
    assert error == -1  # unreachable, as far as the caller can tell
    assert await calls(fake_wechat, SENDALL) == 1  # a change: the transport never sends it again
    # Asking again with the same clientmsgid sends nothing: too fast now, the first job's msg_id later.
    assert await errcode_of(api.mass.send(broadcast)) == 45066
    fake_wechat.clock.advance(61)
    with pytest.raises(WeChatError) as repeated:
        await api.mass.send(broadcast)
    assert repeated.value.errcode == 45065
    [job] = (await fake_wechat.control(f"messaging?app_id={fake_wechat.app_id}"))[fake_wechat.app_id]["mass"]["jobs"]
    assert (await api.mass.status(job["msg_id"])).msg_status in ("SENDING", "SEND_SUCCESS")


# -- smart interfaces ----------------------------------------------------------------------------


async def test_ocr_codes_crops_and_voices(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    card = Upload("card.jpg", JPEG, "image/jpeg")
    assert (await api.ocr.idcard(card))["type"] == "Front"
    assert (await api.ocr.bankcard(card))["number"]
    assert (await api.ocr.driving(card))["plate_num"]
    assert (await api.ocr.driving_license(card))["car_class"]
    assert (await api.ocr.biz_license(card))["reg_num"]
    assert (await api.ocr.printed_text(card))["items"]
    assert (await api.img.qrcode(card))[0]["data"] == "https://www.qq.com"
    crops = await api.img.aicrop(card, ratios=[1, 2.35])
    assert len(crops.results) == 2 and crops.img_size == {"w": 966, "h": 728}

    await api.voice.upload(Upload("hello.mp3", b"ID3" + bytes(2048), "audio/mpeg"), "voice-1")
    assert await api.voice.text("voice-1")
    await fake_wechat.control("smart", {"source": "你好", "translation": "Hello"})
    assert await api.voice.translate("你好") == "Hello"
    assert await errcode_of(api.voice.text("voice-unknown")) == 40097
