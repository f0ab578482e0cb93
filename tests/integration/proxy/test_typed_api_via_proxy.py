"""The typed API over ``ProxyTransport``, as the command line and business services hold it: no token on
this side, the proxy in process over real Redis, the fake WeChat behind it."""

import os
import tempfile

import pytest

from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.menu import Menu
from shared.wechat.transport import Media, PlatformError, Upload
from tests.conftest import FakeWeChat

MENU = Menu.model_validate({"button": [{"type": "click", "name": "今日歌曲", "key": "V1001_TODAY_MUSIC"}]})


async def test_json_calls_and_wechats_errcodes_come_back_as_they_are(api: WeChatApi) -> None:
    await api.menu.create(MENU)
    assert Menu.model_validate((await api.menu.get())["menu"]) == MENU
    await api.tags.create("重名")
    with pytest.raises(WeChatError) as error:
        await api.tags.create("重名")
    assert error.value.errcode == 45157


async def test_an_open_file_uploads_through_the_proxy_and_downloads_byte_for_byte(api: WeChatApi) -> None:
    data = os.urandom(3 * 1024 * 1024)
    with tempfile.TemporaryFile() as file:
        file.write(data)
        file.seek(0)
        uploaded = await api.media.upload("image", Upload("big.png", file))
    downloaded = await api.media.get(uploaded.media_id)
    assert isinstance(downloaded, Media) and downloaded.content == data


async def test_a_video_material_keeps_its_description(api: WeChatApi) -> None:
    added = await api.material.add("video", Upload("v.mp4", os.urandom(4096)), title="发布会", introduction="全程")
    described = await api.material.get(added.media_id)
    assert isinstance(described, dict) and (described["title"], described["description"]) == ("发布会", "全程")


async def test_a_qr_code_and_its_image_and_every_follower(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    code = await api.qrcode.create("campaign-1", expire_seconds=600)
    image = await api.qrcode.image(code.ticket)
    assert image.content_type.startswith("image/") and image.content
    seeded = await fake_wechat.control("followers", {"app_id": fake_wechat.app_id, "count": 5})
    assert [openid async for openid in api.users.all()] == seeded["openids"]


async def test_an_expired_token_never_reaches_the_caller(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await api.menu.create(MENU)
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    assert (await api.menu.get())["menu"]["button"][0]["name"] == "今日歌曲"


async def test_a_shut_down_endpoint_is_the_proxys_410_naming_its_replacement(api: WeChatApi) -> None:
    with pytest.raises(PlatformError) as error:
        await api.call("cgi-bin/shorturl", json={"action": "long2short", "long_url": "https://example.com/"})
    assert (error.value.status, error.value.error) == (410, "deprecated_endpoint")
    assert "cgi-bin/shorten/gen" in error.value.message
