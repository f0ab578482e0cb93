"""The typed API's content groups (media, materials, drafts, publishing, comments) against the fake
WeChat through ``DirectTransport``: the happy paths, WeChat's own refusals as ``WeChatError`` with its
errcode, a token refreshed after it expired, and -1 retried for a read but never for a write."""

import io
import os
import tempfile
from collections.abc import AsyncIterator
from typing import Any

import pytest

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.draft import Article
from shared.wechat.models.publish import PublishState
from shared.wechat.transport import Media, Upload
from tests.conftest import FakeWeChat
from tests.integration.wechat_api import calls, direct_api, fail

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40  # ~10 KB: a thumb's size


@pytest.fixture
async def api(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with direct_api(aiohttp_client, fake_wechat) as api:
        yield api


async def article(api: WeChatApi, title: str = "标题", **fields: Any) -> Article:
    cover = await api.material.add("thumb", Upload("cover.jpg", JPEG))
    return Article(title=title, content="<p>正文</p>", thumb_media_id=cover.media_id, **fields)


# -- temporary media --------------------------------------------------------------------------


async def test_temporary_media_uploads_and_downloads_byte_for_byte(api: WeChatApi) -> None:
    data = os.urandom(200 * 1024)
    uploaded = await api.media.upload("image", Upload("photo.png", data))
    assert uploaded.type == "image"
    downloaded = await api.media.get(uploaded.media_id)
    assert isinstance(downloaded, Media)
    assert (downloaded.content, downloaded.content_type) == (data, "image/png")


async def test_a_thumbs_id_and_a_videos_url(api: WeChatApi) -> None:
    thumb = await api.media.upload("thumb", Upload("t.jpg", JPEG))
    assert thumb.media_id  # WeChat answers it as thumb_media_id
    video = await api.media.upload("video", Upload("clip.mp4", b"\x00\x00\x00\x18ftypmp42" * 100))
    url = await api.media.get(video.media_id)
    assert isinstance(url, str) and url.startswith("http")


async def test_jssdk_voice_downloads_as_speex(api: WeChatApi) -> None:
    voice = await api.media.upload("voice", Upload("hello.amr", b"#!AMR\n" + os.urandom(1000)))
    downloaded = await api.media.get_jssdk(voice.media_id)
    assert downloaded.content_type == "voice/speex"


async def test_an_article_image_answers_its_url(api: WeChatApi) -> None:
    assert (await api.media.upload_image(Upload("inline.png", os.urandom(5000)))).startswith("http")


async def test_an_open_file_is_streamed_and_sent_again_whole_after_a_token_refresh(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    data = os.urandom(3 * 1024 * 1024)
    await api.draft.count()  # the token service has a token; now WeChat expires it
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    with tempfile.TemporaryFile() as file:
        file.write(b"skipped" + data)
        file.seek(len(b"skipped"))
        uploaded = await api.media.upload("image", Upload("big.jpg", file))
        assert not file.closed  # the caller's file stays the caller's
    assert await calls(fake_wechat, "/cgi-bin/media/upload") == 2
    downloaded = await api.media.get(uploaded.media_id)
    assert isinstance(downloaded, Media) and downloaded.content == data


async def test_an_in_memory_file_uploads_too(api: WeChatApi) -> None:
    data = os.urandom(70_000)
    added = await api.material.add("image", Upload("a.gif", io.BytesIO(data)))
    assert added.url
    got = await api.material.get(added.media_id)
    assert isinstance(got, Media) and got.content == data


async def test_unknown_media_is_wechats_40007(api: WeChatApi) -> None:
    with pytest.raises(WeChatError) as error:
        await api.media.get("no-such-media")
    assert error.value.errcode == 40007


# -- permanent materials ----------------------------------------------------------------------


async def test_materials_add_list_count_get_and_delete(api: WeChatApi) -> None:
    images = [await api.material.add("image", Upload(f"p{n}.png", os.urandom(2000 + n))) for n in range(23)]
    video = await api.material.add("video", Upload("v.mp4", os.urandom(5000)), title="发布会", introduction="全程")
    assert all(image.url for image in images) and video.url is None

    listed = [item["media_id"] async for item in api.material.all("image")]
    assert sorted(listed) == sorted(image.media_id for image in images)  # 23 over two pages
    count = await api.material.count()
    assert (count.image_count, count.video_count) == (23, 1)

    described = await api.material.get(video.media_id)
    assert isinstance(described, dict)
    assert (described["title"], described["description"]) == ("发布会", "全程")

    await api.material.delete(images[0].media_id)
    assert (await api.material.count()).image_count == 22
    with pytest.raises(WeChatError) as error:
        await api.material.delete(images[0].media_id)
    assert error.value.errcode == 40007


# -- drafts -----------------------------------------------------------------------------------


async def test_drafts_add_get_update_list_count_and_delete(api: WeChatApi) -> None:
    first = await article(api, "第一篇")
    media_ids = [await api.draft.add([first, await article(api, "第二篇")])]
    media_ids += [await api.draft.add([first]) for _ in range(21)]
    assert await api.draft.count() == 22

    draft = await api.draft.get(media_ids[0])
    assert [item["title"] for item in draft["news_item"]] == ["第一篇", "第二篇"]
    await api.draft.update(media_ids[0], 1, await article(api, "改过的"))
    assert [item["title"] for item in (await api.draft.get(media_ids[0]))["news_item"]] == ["第一篇", "改过的"]

    listed = [item async for item in api.draft.all(no_content=True)]
    assert sorted(item["media_id"] for item in listed) == sorted(media_ids)
    assert all("content" not in news for item in listed for news in item["content"]["news_item"])

    await api.draft.delete(media_ids[-1])
    assert await api.draft.count() == 21


async def test_a_cover_wechat_does_not_have_is_its_refusal(api: WeChatApi) -> None:
    with pytest.raises(WeChatError) as error:
        await api.draft.add([Article(title="t", content="c", thumb_media_id="not-a-material")])
    assert error.value.errcode == 40007
    assert await api.draft.count() == 0


# -- publishing and comments ------------------------------------------------------------------


async def test_a_draft_published_its_status_articles_and_list(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    media_id = await api.draft.add([await article(api, need_open_comment=1)])
    job = await api.freepublish.submit(media_id)
    status = await api.freepublish.get(job.publish_id)
    assert (status.state, status.finished) == (PublishState.PUBLISHING, False)

    await fake_wechat.control("publish/finish", {"publish_id": job.publish_id})
    status = await api.freepublish.get(job.publish_id)
    assert status.succeeded and status.article_id and len(status.urls) == 1
    article_answer = await api.freepublish.get_article(status.article_id)
    assert article_answer["news_item"][0]["title"] == "标题"
    assert [item["article_id"] async for item in api.freepublish.all()] == [status.article_id]

    await api.freepublish.delete(status.article_id)
    assert (await api.freepublish.get_article(status.article_id))["news_item"][0]["is_deleted"]


async def test_comments_on_a_published_article(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    job = await api.freepublish.submit(await api.draft.add([await article(api)]))
    await fake_wechat.control("publish/finish", {"publish_id": job.publish_id})
    assert job.msg_data_id is not None
    msg = job.msg_data_id
    await api.comment.open(msg)
    for n in range(3):
        reader = {"app_id": fake_wechat.app_id, "msg_data_id": msg, "openid": f"oReader{n}", "content": f"好文{n}"}
        await fake_wechat.control("comments", reader)

    comments = [comment async for comment in api.comment.all(msg)]
    assert [comment["content"] for comment in comments] == ["好文0", "好文1", "好文2"]
    first = comments[0]["user_comment_id"]
    await api.comment.mark_elect(msg, 0, first)
    assert [c["user_comment_id"] async for c in api.comment.all(msg, type=2)] == [first]
    await api.comment.unmark_elect(msg, 0, first)
    await api.comment.reply(msg, 0, first, "谢谢")
    assert (await api.comment.list(msg)).comment[0]["reply"]["content"] == "谢谢"
    await api.comment.delete_reply(msg, 0, first)
    await api.comment.delete(msg, 0, first)
    assert (await api.comment.list(msg)).total == 2
    await api.comment.close(msg)


async def test_comments_of_an_article_never_published_are_wechats_88001(api: WeChatApi) -> None:
    with pytest.raises(WeChatError) as error:
        await api.comment.list(1234567890)
    assert error.value.errcode == 88001


# -- the policy: token refresh, -1 ------------------------------------------------------------


async def test_an_expired_token_is_refreshed_once_and_the_call_made_again(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    await api.draft.count()
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    media_id = await api.draft.add([await article(api)])
    assert await calls(fake_wechat, "/cgi-bin/draft/add") == 1  # the refresh came before, on the cover's upload
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    await api.draft.delete(media_id)
    assert await calls(fake_wechat, "/cgi-bin/draft/delete") == 2
    assert await api.draft.count() == 0


@pytest.mark.parametrize(
    ("path", "read"),
    [
        ("/cgi-bin/draft/count", lambda api: api.draft.count()),
        ("/cgi-bin/material/batchget_material", lambda api: api.material.batchget("image")),
        ("/cgi-bin/freepublish/batchget", lambda api: api.freepublish.batchget()),
    ],
    ids=["draft-count", "batchget-material", "freepublish-batchget"],
)
async def test_system_busy_is_retried_for_a_read(api: WeChatApi, fake_wechat: FakeWeChat, path: str, read: Any) -> None:
    await fail(fake_wechat, path, -1, count=2)
    await read(api)
    assert await calls(fake_wechat, path) == 3


async def test_system_busy_is_not_retried_for_a_write(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    cover = await article(api)
    await fail(fake_wechat, "/cgi-bin/draft/add", -1)
    with pytest.raises(WeChatError) as error:
        await api.draft.add([cover])
    assert error.value.errcode == -1
    assert await calls(fake_wechat, "/cgi-bin/draft/add") == 1
    await fail(fake_wechat, "/cgi-bin/media/upload", -1)
    with pytest.raises(WeChatError):
        await api.media.upload("thumb", Upload("t.jpg", JPEG))
    assert await calls(fake_wechat, "/cgi-bin/media/upload") == 1
