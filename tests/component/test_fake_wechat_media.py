"""The fake WeChat keeps media as WeChat does: temporary media for 3 days, permanent materials, images
for article bodies, with their bytes, WeChat's limits and error codes. Time moves with a manual clock."""

import hashlib
import os
from typing import Any

import aiohttp
import pytest

from sandbox.fake_wechat.media_rules import KB, MB
from tests.component.wechat_content import JPEG, ContentApi
from tests.conftest import FakeWeChat

THREE_DAYS = 3 * 24 * 3600


@pytest.fixture
async def api(fake_wechat: FakeWeChat) -> ContentApi:
    return await ContentApi.of(fake_wechat)


async def download(api: ContentApi, path: str, **params: str) -> tuple[str, str, bytes]:
    response = await api.response("GET", path, params=params)
    assert response.status == 200, await response.text()
    assert response.content_type != "application/json", await response.text()
    return response.content_type, response.headers.get("Content-disposition", ""), await response.read()


# -- temporary media ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("media_type", "filename", "content_type"),
    [("image", "photo.png", "image/png"), ("voice", "hello.mp3", "audio/mpeg"), ("image", "scan.JPG", "image/jpeg")],
)
async def test_uploaded_media_downloads_byte_for_byte_with_its_type_and_name(
    api: ContentApi, media_type: str, filename: str, content_type: str
) -> None:
    data = os.urandom(300 * KB)
    uploaded = await api.upload("/cgi-bin/media/upload", data, filename, media_type=media_type)
    assert uploaded["type"] == media_type
    assert uploaded["created_at"] == int(api.fake.clock.time())
    media_id = uploaded["media_id"]

    got_type, disposition, body = await download(api, "/cgi-bin/media/get", media_id=media_id)
    assert body == data
    assert got_type == content_type
    assert disposition == f'attachment; filename="{media_id}.{filename.rsplit(".", 1)[1].lower()}"'


async def test_a_thumb_upload_answers_thumb_media_id_as_wechat_does(api: ContentApi) -> None:
    uploaded = await api.upload("/cgi-bin/media/upload", JPEG, "t.jpg", media_type="thumb")
    assert "media_id" not in uploaded
    _, _, body = await download(api, "/cgi-bin/media/get", media_id=uploaded["thumb_media_id"])
    assert body == JPEG


async def test_a_temporary_video_answers_a_url_that_serves_its_bytes(api: ContentApi) -> None:
    data = os.urandom(2 * MB)
    media_id = (await api.upload("/cgi-bin/media/upload", data, "clip.mp4", media_type="video"))["media_id"]

    answer = await api.json("GET", "/cgi-bin/media/get", params={"media_id": media_id})
    assert set(answer) == {"video_url"}
    async with aiohttp.ClientSession() as session, session.get(answer["video_url"]) as response:
        assert response.content_type == "video/mp4"
        assert await response.read() == data


async def test_temporary_media_expires_after_three_days_of_the_fakes_clock(api: ContentApi) -> None:
    media_id = (await api.upload("/cgi-bin/media/upload", JPEG, "a.jpg", media_type="image"))["media_id"]
    api.fake.clock.advance(THREE_DAYS - 1)
    api.token = await api.fake.access_token()  # the old one expired meanwhile
    _, _, body = await download(api, "/cgi-bin/media/get", media_id=media_id)
    assert body == JPEG

    api.fake.clock.advance(1)
    answer = await api.json("GET", "/cgi-bin/media/get", params={"media_id": media_id})
    assert answer == {"errcode": 40007, "errmsg": "invalid media_id"}
    [listed] = (await api.fake.control(f"library?app_id={api.fake.app_id}"))[api.fake.app_id]["media"]
    assert listed["expired"] is True


@pytest.mark.parametrize(
    ("media_type", "filename", "size", "errcode"),
    [
        ("file", "a.jpg", 10, 40004),
        (None, "a.jpg", 10, 40004),
        ("image", "a.webp", 10, 40005),
        ("voice", "a.wav", 10, 40005),  # wav is for permanent voice only
        ("thumb", "a.png", 10, 40005),
        ("video", "a.mov", 10, 40005),
        ("image", "a.jpg", 0, 44001),
        ("thumb", "a.jpg", 64 * KB + 1, 40006),
        ("voice", "a.amr", 2 * MB + 1, 40006),
        ("image", "a.gif", 10 * MB + 1, 40006),
    ],
)
async def test_an_upload_outside_wechats_rules_gets_its_error(
    api: ContentApi, media_type: str | None, filename: str, size: int, errcode: int
) -> None:
    answer = await api.upload("/cgi-bin/media/upload", b"x" * size, filename, media_type=media_type)
    assert answer["errcode"] == errcode, answer
    library = await api.fake.control(f"library?app_id={api.fake.app_id}")
    assert library[api.fake.app_id]["media"] == []


async def test_an_upload_at_the_size_limit_is_taken(api: ContentApi) -> None:
    answer = await api.upload("/cgi-bin/media/upload", b"x" * 64 * KB, "t.jpg", media_type="thumb")
    assert "thumb_media_id" in answer


async def test_a_multipart_upload_without_the_media_field_is_media_data_missing(api: ContentApi) -> None:
    answer = await api.upload("/cgi-bin/media/upload", JPEG, "a.jpg", media_type="image", field="file")
    assert answer == {"errcode": 41005, "errmsg": "media data missing"}
    answer = await api.json("POST", "/cgi-bin/media/upload", params={"type": "image"}, json={"media": "x"})
    assert answer["errcode"] == 41005


async def test_an_upload_needs_a_valid_access_token(api: ContentApi) -> None:
    api.token = ""
    answer = await api.upload("/cgi-bin/media/upload", JPEG, "a.jpg", media_type="image")
    assert answer["errcode"] == 41001


async def test_media_of_another_account_or_never_uploaded_is_invalid(api: ContentApi) -> None:
    media_id = (await api.upload("/cgi-bin/media/upload", JPEG, "a.jpg", media_type="image"))["media_id"]
    await api.fake.control("apps", {"app_id": "wxother0000000001", "app_secret": "other-secret"})
    query = {"grant_type": "client_credential", "appid": "wxother0000000001", "secret": "other-secret"}
    other = ContentApi(
        api.fake, (await (await api.fake.client.get("/cgi-bin/token", params=query)).json())["access_token"]
    )

    for caller, wanted in ((other, media_id), (api, "never-uploaded")):
        answer = await caller.json("GET", "/cgi-bin/media/get", params={"media_id": wanted})
        assert answer["errcode"] == 40007


async def test_jssdk_voice_downloads_as_speex_and_other_media_are_invalid_there(api: ContentApi) -> None:
    voice = (await api.upload("/cgi-bin/media/upload", b"#!AMR\n" * 50, "v.amr", media_type="voice"))["media_id"]
    image = (await api.upload("/cgi-bin/media/upload", JPEG, "a.jpg", media_type="image"))["media_id"]
    content_type, _, body = await download(api, "/cgi-bin/media/get/jssdk", media_id=voice)
    assert (content_type, body) == ("voice/speex", b"#!AMR\n" * 50)
    answer = await api.json("GET", "/cgi-bin/media/get/jssdk", params={"media_id": image})
    assert answer["errcode"] == 40007


@pytest.mark.parametrize(("filename", "size", "errcode"), [("a.gif", 10, 40005), ("a.png", MB + 1, 40006)])
async def test_uploadimg_takes_jpg_or_png_under_1_mb(api: ContentApi, filename: str, size: int, errcode: int) -> None:
    answer = await api.upload("/cgi-bin/media/uploadimg", JPEG, "body.jpg")
    assert answer["url"].startswith("http://mmbiz.qpic.cn/mmbiz_jpg/")
    assert (await api.upload("/cgi-bin/media/uploadimg", b"x" * size, filename))["errcode"] == errcode


# -- permanent materials --------------------------------------------------------------------


async def test_a_permanent_image_has_a_url_and_downloads_byte_for_byte(api: ContentApi) -> None:
    data = os.urandom(500 * KB)
    added = await api.upload("/cgi-bin/material/add_material", data, "poster.png", media_type="image")
    assert added["url"].startswith("http://mmbiz.qpic.cn/mmbiz_png/")

    response = await api.response("POST", "/cgi-bin/material/get_material", json={"media_id": added["media_id"]})
    assert (response.content_type, await response.read()) == ("image/png", data)
    # Permanent materials do not expire, and are not temporary media.
    api.fake.clock.advance(THREE_DAYS * 10)
    api.token = await api.fake.access_token()
    response = await api.response("POST", "/cgi-bin/material/get_material", json={"media_id": added["media_id"]})
    assert await response.read() == data
    answer = await api.json("GET", "/cgi-bin/media/get", params={"media_id": added["media_id"]})
    assert answer["errcode"] == 40007


async def test_a_permanent_video_needs_its_description_and_answers_json(api: ContentApi) -> None:
    data = os.urandom(MB)
    missing = await api.upload("/cgi-bin/material/add_material", data, "v.mp4", media_type="video")
    assert missing["errcode"] == 41005
    broken = await api.upload(
        "/cgi-bin/material/add_material", data, "v.mp4", media_type="video", fields={"description": "{not json"}
    )
    assert broken["errcode"] == 47001

    description = '{"title": "发布会", "introduction": "回顾"}'
    added = await api.upload(
        "/cgi-bin/material/add_material", data, "v.mp4", media_type="video", fields={"description": description}
    )
    assert set(added) == {"media_id", "item"}
    answer = await api.post("/cgi-bin/material/get_material", {"media_id": added["media_id"]})
    assert (answer["title"], answer["description"]) == ("发布会", "回顾")
    async with aiohttp.ClientSession() as session, session.get(answer["down_url"]) as response:
        assert hashlib.sha256(await response.read()).digest() == hashlib.sha256(data).digest()


async def test_a_permanent_video_over_10_mb_is_refused(api: ContentApi) -> None:
    fields = {"description": '{"title": "t"}'}
    answer = await api.upload(
        "/cgi-bin/material/add_material", b"v" * (10 * MB + 1), "v.mp4", media_type="video", fields=fields
    )
    assert answer["errcode"] == 40006


async def test_permanent_voice_takes_wav_and_counts_and_deletes(api: ContentApi) -> None:
    voice = await api.upload("/cgi-bin/material/add_material", b"RIFF" * 100, "v.wav", media_type="voice")
    await api.cover()
    await api.upload("/cgi-bin/material/add_material", JPEG, "i.jpg", media_type="image")
    counts = await api.json("GET", "/cgi-bin/material/get_materialcount")
    assert counts == {"voice_count": 1, "video_count": 0, "image_count": 2, "news_count": 0}

    await api.ok("/cgi-bin/material/del_material", {"media_id": voice["media_id"]})
    assert (await api.json("GET", "/cgi-bin/material/get_materialcount"))["voice_count"] == 0
    for path in ("/cgi-bin/material/del_material", "/cgi-bin/material/get_material"):
        assert (await api.post(path, {"media_id": voice["media_id"]}))["errcode"] == 40007


async def test_batchget_material_pages_newest_first(api: ContentApi) -> None:
    ids = [
        (await api.upload("/cgi-bin/material/add_material", JPEG, f"i{n}.jpg", media_type="image"))["media_id"]
        for n in range(3)
    ]
    page = await api.ok("/cgi-bin/material/batchget_material", {"type": "image", "offset": 1, "count": 20})
    assert (page["total_count"], page["item_count"]) == (3, 2)
    assert [item["media_id"] for item in page["item"]] == [ids[1], ids[0]]
    assert {"name", "update_time", "url"} <= set(page["item"][0])
    news = await api.ok("/cgi-bin/material/batchget_material", {"type": "news", "offset": 0, "count": 20})
    assert news == {"total_count": 0, "item_count": 0, "item": []}


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"type": "image", "offset": 0, "count": 0}, 40097),
        ({"type": "image", "offset": 0, "count": 21}, 40097),
        ({"type": "image", "offset": -1, "count": 5}, 40097),
        ({"type": "image", "offset": 0}, 40097),
        ({"type": "image", "offset": 0, "count": "many"}, 47001),
        ({"type": "thumb", "offset": 0, "count": 5}, 40004),
        ({"offset": 0, "count": 5}, 40004),
    ],
)
async def test_batchget_material_checks_type_and_count(api: ContentApi, body: dict[str, Any], errcode: int) -> None:
    assert (await api.post("/cgi-bin/material/batchget_material", body))["errcode"] == errcode


@pytest.mark.parametrize("path", ["/cgi-bin/material/add_news", "/cgi-bin/material/update_news"])
async def test_add_news_and_update_news_are_shut_down_as_at_wechat(api: ContentApi, path: str) -> None:
    answer = await api.post(path, {"articles": [{"title": "t"}]})
    assert answer == {"errcode": 45106, "errmsg": "This API has been unsupported"}


async def test_bmp_is_a_permanent_image_format_only(api: ContentApi) -> None:
    bmp = b"BM" + bytes(64)
    temporary = await api.upload("/cgi-bin/media/upload", bmp, "pic.bmp", media_type="image")
    permanent = await api.upload("/cgi-bin/material/add_material", bmp, "pic.bmp", media_type="image")
    assert (temporary.get("errcode"), permanent.get("errcode", 0)) == (40005, 0)
