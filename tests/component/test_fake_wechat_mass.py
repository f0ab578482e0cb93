"""The fake WeChat's broadcasts keep WeChat's shapes and codes: jobs to everyone, a tag (40152) or 2–10,000
openids (40130, 40032), content checked (40008, 40007), counts of who was reached, the status and the
deletion of a job, the speed; a broadcast is never sent twice within 24 h for its clientmsgid (45066
within a minute, 45065 with the first msg_id after, 45067 past 64 bytes), and a dropped answer leaves
the job sent."""

from typing import Any

import aiohttp
import pytest

from tests.component.fake_account import OK, Api
from tests.component.wechat_content import JPEG, ContentApi
from tests.conftest import FakeWeChat

MASS = "/cgi-bin/message/mass/"
TEXT = {"text": {"content": "本周活动"}, "msgtype": "text"}


async def followers(api: Api, count: int = 3) -> list[str]:
    openids: list[str] = (await api.seed(count=count))["openids"]
    return openids


async def draft(fake: FakeWeChat, articles: int = 2) -> str:
    content = await ContentApi.of(fake)
    cover = await content.cover(JPEG)
    article = {"title": "标题", "content": "<p>正文</p>", "thumb_media_id": cover}
    media_id: str = (await content.ok("/cgi-bin/draft/add", {"articles": [article] * articles}))["media_id"]
    return media_id


async def jobs(fake: FakeWeChat, app_id: str) -> list[dict[str, Any]]:
    described: list[dict[str, Any]] = (await fake.control(f"messaging?app_id={app_id}"))[app_id]["mass"]["jobs"]
    return described


# -- sending -------------------------------------------------------------------------------------


async def test_a_broadcast_to_everyone_counts_who_it_reached(api: Api, fake_wechat: FakeWeChat) -> None:
    openids = await followers(api, 4)
    await api.post("/cgi-bin/tags/members/batchblacklist", {"openid_list": openids[:1]})
    await api.seed(unfollow=openids[1:2])
    sent = await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **TEXT, "clientmsgid": "job-1"})
    assert (sent["errcode"], sent["errmsg"]) == (0, "send job submission success")
    assert "msg_data_id" not in sent
    assert await api.post(MASS + "get", {"msg_id": str(sent["msg_id"])}) == {
        "msg_id": sent["msg_id"], "msg_status": "SENDING"
    }  # fmt: skip
    await fake_wechat.control("mass/finish", {"msg_id": sent["msg_id"]})
    assert (await api.post(MASS + "get", {"msg_id": sent["msg_id"]}))["msg_status"] == "SEND_SUCCESS"
    [job] = await jobs(fake_wechat, api.app_id)
    assert (job["audience"], job["total"], job["filtered"]) == ("all", 3, 2)  # one left, one blacklisted


async def test_articles_to_a_tag_answer_msg_data_id_and_end_on_their_own(api: Api, fake_wechat: FakeWeChat) -> None:
    openids = await followers(api, 3)
    tag = (await api.post("/cgi-bin/tags/create", {"tag": {"name": "VIP"}}))["tag"]["id"]
    await api.post("/cgi-bin/tags/members/batchtagging", {"openid_list": openids[:2], "tagid": tag})
    media_id = await draft(fake_wechat)
    body = {"filter": {"is_to_all": False, "tag_id": tag}, "mpnews": {"media_id": media_id}, "msgtype": "mpnews",
            "send_ignore_reprint": 0, "clientmsgid": "news-1"}  # fmt: skip
    sent = await api.post(MASS + "sendall", body)
    assert sent["errcode"] == 0 and sent["msg_data_id"] > 0
    fake_wechat.clock.advance(3)
    assert (await api.post(MASS + "get", {"msg_id": sent["msg_id"]}))["msg_status"] == "SEND_SUCCESS"
    [job] = await jobs(fake_wechat, api.app_id)
    assert (job["total"], job["filtered"]) == (2, 2) and len(job["article_urls"]) == 2
    assert fake_wechat.state.messaging.mass.reports[-1].article_urls == tuple(job["article_urls"])


async def test_a_broadcast_to_openids_takes_2_to_10000(api: Api) -> None:
    openids = await followers(api, 3)
    sent = await api.post(MASS + "send", {"touser": openids, **TEXT})
    assert sent["errcode"] == 0
    assert await api.errcode(MASS + "send", {"touser": openids[:1], **TEXT}) == 40130
    assert await api.errcode(MASS + "send", {"touser": [openids[0], openids[0]], **TEXT}) == 40130
    many = [f"o{n:027d}" for n in range(10_001)]
    assert await api.errcode(MASS + "send", {"touser": many, **TEXT}) == 40032
    assert await api.errcode(MASS + "send", {"touser": ["bad", openids[0]], **TEXT}) == 40003


@pytest.mark.parametrize(
    ("content", "errcode"),
    [
        ({"msgtype": "news", "news": {}}, 40008),
        ({"msgtype": "mpnews", "mpnews": {"media_id": "no-such-draft"}}, 40007),
        ({"msgtype": "voice", "voice": {"media_id": "no-such-voice"}}, 40007),
        ({"msgtype": "image", "images": {"media_ids": ["no-such-image"]}}, 40007),
        ({"msgtype": "mpvideo", "mpvideo": {"media_id": "no-such-video"}}, 40007),
        ({"msgtype": "text", "text": {"content": ""}}, 47001),
    ],
)
async def test_content_wechat_would_not_send_is_refused(api: Api, content: dict[str, Any], errcode: int) -> None:
    await followers(api, 2)
    assert await api.errcode(MASS + "sendall", {"filter": {"is_to_all": True}, **content}) == errcode


async def test_an_unknown_tag_is_an_invalid_group(api: Api) -> None:
    assert await api.errcode(MASS + "sendall", {"filter": {"is_to_all": False, "tag_id": 999}, **TEXT}) == 40152


async def test_pictures_and_a_video_of_the_account_go(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    content = await ContentApi.of(fake_wechat)
    image = (await content.upload("/cgi-bin/material/add_material", JPEG, "a.jpg", media_type="image"))["media_id"]
    images = {"msgtype": "image", "images": {"media_ids": [image], "recommend": "推荐", "need_open_comment": 1}}
    assert (await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **images}))["errcode"] == 0
    video = (await content.upload("/cgi-bin/media/upload", b"\x00" * 2048, "v.mp4", media_type="video"))["media_id"]
    made = await api.post("/cgi-bin/media/uploadvideo", {"media_id": video, "title": "发布会", "description": "全程"})
    assert made["type"] == "video" and made["media_id"] != video and made["created_at"] > 0
    mpvideo = {"msgtype": "mpvideo", "mpvideo": {"media_id": made["media_id"]}}
    assert (await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **mpvideo}))["errcode"] == 0
    assert await api.errcode("/cgi-bin/media/uploadvideo", {"media_id": image, "title": "x"}) == 40007
    assert await api.errcode("/cgi-bin/media/uploadnews", {"articles": []}) == 45106


# -- never twice ---------------------------------------------------------------------------------


async def test_a_repeated_clientmsgid_is_refused_for_24_hours(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    body = {"filter": {"is_to_all": True}, **TEXT, "clientmsgid": "campaign-7"}
    first = await api.post(MASS + "sendall", body)
    assert await api.errcode(MASS + "sendall", body) == 45066  # within a minute: too fast
    fake_wechat.clock.advance(61)
    repeat = await api.post(MASS + "sendall", body)
    assert (repeat["errcode"], repeat["msg_id"]) == (45065, first["msg_id"])
    other = await api.post(MASS + "sendall", body | {"text": {"content": "另一条"}})
    assert other["errcode"] == 45065  # the clientmsgid decides, not the content
    fake_wechat.clock.advance(24 * 3600)
    await api.renew()
    assert (await api.post(MASS + "sendall", body))["errcode"] == 0
    assert len(await jobs(fake_wechat, api.app_id)) == 2
    assert await api.errcode(MASS + "sendall", body | {"clientmsgid": "x" * 65}) == 45067


async def test_without_a_clientmsgid_the_same_audience_and_content_is_not_sent_twice(api: Api) -> None:
    await followers(api, 2)
    body = {"filter": {"is_to_all": True}, **TEXT}
    assert (await api.post(MASS + "sendall", body))["errcode"] == 0
    assert await api.errcode(MASS + "sendall", body) == 45066
    assert (await api.post(MASS + "sendall", body | {"text": {"content": "不同的内容"}}))["errcode"] == 0


async def test_a_dropped_answer_leaves_the_broadcast_sent_once(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    await fake_wechat.control("fail", {"path": MASS + "sendall", "drop": True})
    body = {"filter": {"is_to_all": True}, **TEXT, "clientmsgid": "dropped-1"}
    with pytest.raises(aiohttp.ServerDisconnectedError):
        await fake_wechat.client.post(MASS + "sendall", params={"access_token": api.token}, json=body)
    [job] = await jobs(fake_wechat, api.app_id)  # WeChat did the work
    assert await api.errcode(MASS + "sendall", body) == 45066
    fake_wechat.clock.advance(61)
    assert (await api.post(MASS + "sendall", body))["msg_id"] == job["msg_id"]
    assert len(await jobs(fake_wechat, api.app_id)) == 1


async def test_a_held_dropped_answer_outlasts_a_clients_timeout(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    await fake_wechat.control("fail", {"path": MASS + "sendall", "drop": True, "hold_ms": 300})
    body = {"filter": {"is_to_all": True}, **TEXT, "clientmsgid": "held-1"}
    timeout = aiohttp.ClientTimeout(total=0.1)
    with pytest.raises(TimeoutError):
        await fake_wechat.client.post(MASS + "sendall", params={"access_token": api.token}, json=body, timeout=timeout)
    assert len(await jobs(fake_wechat, api.app_id)) == 1


async def test_a_day_without_broadcast_quota_is_45028(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    await fake_wechat.control("mass/settings", {"app_id": api.app_id, "daily_quota": 1})
    assert (await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **TEXT}))["errcode"] == 0
    other = {"filter": {"is_to_all": True}, "text": {"content": "第二条"}, "msgtype": "text"}
    assert await api.errcode(MASS + "sendall", other) == 45028


# -- previews, deletion, speed -------------------------------------------------------------------


async def test_a_preview_goes_to_a_follower_or_a_wechat_id(api: Api) -> None:
    [openid, _] = await followers(api, 2)
    sent = await api.post(MASS + "preview", {"touser": openid, **TEXT})
    assert (sent["errcode"], sent["errmsg"]) == (0, "preview success") and sent["msg_id"] > 0
    assert (await api.post(MASS + "preview", {"towxname": "some_wx", **TEXT}))["errcode"] == 0
    assert await api.errcode(MASS + "preview", {"touser": "oNobody", **TEXT}) == 40003


async def test_a_sent_article_broadcast_is_deleted_and_text_is_not(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    news = {"filter": {"is_to_all": True}, "mpnews": {"media_id": await draft(fake_wechat)}, "msgtype": "mpnews"}
    sent = await api.post(MASS + "sendall", news)
    text = await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **TEXT})
    assert await api.errcode(MASS + "delete", {"msg_id": sent["msg_id"]}) == 40097  # still sending
    fake_wechat.clock.advance(3)
    assert await api.errcode(MASS + "delete", {"msg_id": sent["msg_id"], "article_idx": 3}) == 40060
    assert await api.post(MASS + "delete", {"msg_id": sent["msg_id"], "article_idx": 1}) == OK
    assert (await api.post(MASS + "get", {"msg_id": sent["msg_id"]}))["msg_status"] == "SEND_SUCCESS"
    assert await api.post(MASS + "delete", {"msg_id": sent["msg_id"], "article_idx": 0}) == OK
    assert (await api.post(MASS + "get", {"msg_id": sent["msg_id"]}))["msg_status"] == "DELETE"
    assert await api.errcode(MASS + "delete", {"msg_id": text["msg_id"]}) == 40008
    assert await api.errcode(MASS + "get", {"msg_id": 1}) == 40097


async def test_the_speed_is_read_and_set(api: Api) -> None:
    assert await api.post(MASS + "speed/get", {}) == {"speed": 0, "realspeed": 80}
    assert await api.post(MASS + "speed/set", {"speed": 3}) == OK
    assert await api.post(MASS + "speed/get", {}) == {"speed": 3, "realspeed": 30}
    assert await api.errcode(MASS + "speed/set", {"speed": 5}) == 40097


async def test_a_failed_job_is_reported_with_its_status(api: Api, fake_wechat: FakeWeChat) -> None:
    await followers(api, 2)
    sent = await api.post(MASS + "sendall", {"filter": {"is_to_all": True}, **TEXT})
    await fake_wechat.control("mass/finish", {"app_id": api.app_id, "status": "err(30003)"})
    assert (await api.post(MASS + "get", {"msg_id": sent["msg_id"]}))["msg_status"] == "SEND_FAIL"
    report = fake_wechat.state.messaging.mass.reports[-1]
    assert (report.msg_id, report.status, report.sent, report.errors) == (sent["msg_id"], "err(30003)", 0, 2)
