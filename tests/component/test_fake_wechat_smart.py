"""The fake WeChat's smart interfaces answer in WeChat's shapes: OCR and image reads of an ``img`` upload
(under 2 MB: 101002) or an ``img_url`` (101000), crops for up to 5 ratios, voices (mp3: 40005, ≤ 1 MB:
40010) turned into text, translations; superresolution and the plate and menu OCR are
gone (45106)."""

from typing import Any

import aiohttp
import pytest

from tests.component.fake_account import Api
from tests.conftest import FakeWeChat

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
VOICE = "/cgi-bin/media/voice/"


async def image_call(
    api: Api, path: str, data: bytes | None = JPEG, *, fields: dict[str, str] | None = None, **query: str
) -> dict[str, Any]:
    form = aiohttp.FormData()
    if data is not None:
        form.add_field("img", data, filename="card.jpg", content_type="image/jpeg")
    for name, value in (fields or {}).items():
        form.add_field(name, value)
    kwargs: dict[str, Any] = {"data": form} if data is not None or fields else {}
    response = await api.fake.client.post(path, params={**query, "access_token": api.token}, **kwargs)
    answer: dict[str, Any] = await response.json()
    return answer


async def voice_upload(api: Api, data: bytes, **query: str) -> dict[str, Any]:
    form = aiohttp.FormData()
    form.add_field("media", data, filename="voice.mp3", content_type="audio/mpeg")
    response = await api.fake.client.post(VOICE + "addvoicetorecofortext", params={**query, "access_token": api.token},
                                          data=form)  # fmt: skip
    answer: dict[str, Any] = await response.json()
    return answer


@pytest.mark.parametrize(
    ("kind", "field"),
    [("idcard", "name"), ("bankcard", "number"), ("driving", "plate_num"), ("drivinglicense", "car_class"),
     ("bizlicense", "reg_num"), ("comm", "items")],
)  # fmt: skip
async def test_ocr_reads_an_upload_or_a_url(api: Api, kind: str, field: str) -> None:
    read = await image_call(api, f"/cv/ocr/{kind}")
    assert read["errcode"] == 0 and field in read
    by_url = await image_call(api, f"/cv/ocr/{kind}", None, img_url="https://example.com/card.jpg")
    assert by_url["errcode"] == 0 and field in by_url


async def test_an_image_wechat_cannot_read_is_refused(api: Api) -> None:
    assert (await image_call(api, "/cv/ocr/idcard", None))["errcode"] == 101000
    assert (await image_call(api, "/cv/ocr/idcard", None, img_url="ftp://x"))["errcode"] == 101000
    assert (await image_call(api, "/cv/ocr/idcard", b""))["errcode"] == 101002
    assert (await image_call(api, "/cv/ocr/idcard", b"\xff" * (2 * 1024 * 1024)))["errcode"] == 101002
    assert (await image_call(api, "/cv/ocr/idcard", type="fax"))["errcode"] == 40097


async def test_a_test_sets_what_the_fake_reads(api: Api, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("smart", {"path": "/cv/ocr/idcard", "answer": {"type": "Back", "valid_date": "x"}})
    read = await image_call(api, "/cv/ocr/idcard")
    assert (read["type"], read["valid_date"]) == ("Back", "x")


async def test_qr_codes_and_crops(api: Api) -> None:
    codes = await image_call(api, "/cv/img/qrcode")
    assert codes["code_results"][0]["type_name"] == "QR_CODE" and codes["img_size"] == {"w": 966, "h": 728}
    cropped = await image_call(api, "/cv/img/aicrop", fields={"ratios": "1,2.35"})
    assert cropped["img_size"] == {"w": 966, "h": 728} and len(cropped["results"]) == 2
    square = cropped["results"][0]
    assert square["crop_right"] - square["crop_left"] == square["crop_bottom"] - square["crop_top"] == 727
    assert len((await image_call(api, "/cv/img/aicrop"))["results"]) == 1
    assert (await image_call(api, "/cv/img/aicrop", fields={"ratios": "1,2,3,4,5,6"}))["errcode"] == 40097
    for gone in ("/cv/img/superresolution", "/cv/ocr/platenum", "/cv/ocr/menu"):
        assert (await image_call(api, gone))["errcode"] == 45106


async def test_a_voice_becomes_text(api: Api, fake_wechat: FakeWeChat) -> None:
    assert (await voice_upload(api, b"ID3voice", format="mp3", voice_id="v1", lang="zh_CN"))["errcode"] == 0
    answer = await api.post(VOICE + "queryrecoresultfortext?voice_id=v1&lang=zh_CN", None)
    assert answer["result"]
    await fake_wechat.control("smart", {"voice_id": "v1", "text": "查询订单"})
    assert (await api.post(VOICE + "queryrecoresultfortext?voice_id=v1", None))["result"] == "查询订单"
    assert (await api.post(VOICE + "queryrecoresultfortext?voice_id=v2", None))["errcode"] == 40097
    assert (await voice_upload(api, b"amr", format="amr", voice_id="v3"))["errcode"] == 40005
    assert (await voice_upload(api, b"\x00" * (1024 * 1024 + 1), format="mp3", voice_id="v4"))["errcode"] == 40010


async def test_text_is_translated_from_the_body_or_a_file(api: Api, fake_wechat: FakeWeChat) -> None:
    await fake_wechat.control("smart", {"source": "你好", "translation": "Hello"})
    params = {"access_token": api.token, "lfrom": "zh_CN", "lto": "en_US"}
    raw = await fake_wechat.client.post(VOICE + "translatecontent", params=params, data="你好".encode())
    assert await raw.json() == {"errcode": 0, "errmsg": "ok", "from_content": "你好", "to_content": "Hello"}
    form = aiohttp.FormData()
    form.add_field("media", "你好".encode(), filename="content.txt", content_type="text/plain")
    assert (await (await fake_wechat.client.post(VOICE + "translatecontent", params=params, data=form)).json())[
        "to_content"
    ] == "Hello"
    too_long = await fake_wechat.client.post(VOICE + "translatecontent", params=params, data=b"a" * 601)
    assert (await too_long.json())["errcode"] == 40097
    same = await fake_wechat.client.post(VOICE + "translatecontent", params=params | {"lto": "zh_CN"}, data=b"hi")
    assert (await same.json())["errcode"] == 40097
