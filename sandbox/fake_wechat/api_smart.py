"""WeChat's smart interfaces: OCR (``cv/ocr/*``), image processing (``cv/img/*``) and voice
(``cgi-bin/media/voice/*``). An image comes as the multipart field ``img`` or by ``img_url``; a voice
or a text to translate as the field ``media`` (a text also as the raw body)."""

from aiohttp import BodyPartReader, web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.smart import IMAGE_BYTES, VOICE_BYTES, check_image, crop, ratios
from sandbox.fake_wechat.uploads import read_upload

CHUNK = 64 * 1024
OCR_KINDS = ("idcard", "bankcard", "driving", "drivinglicense", "bizlicense", "comm")
IDCARD_MODES = frozenset({"photo", "scan"})


async def _image(request: web.Request) -> tuple[bytes | None, dict[str, str]]:
    """The ``img`` file (None without one; cut off just past 2 MB) and the form's text fields."""
    if not request.content_type.startswith("multipart/"):
        return None, {}
    data: bytes | None = None
    fields: dict[str, str] = {}
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            content = bytearray()
            while (chunk := await part.read_chunk(CHUNK)) and len(content) <= IMAGE_BYTES:
                content += chunk
            if part.name == "img":
                data = bytes(content)
            else:
                fields[part.name] = content.decode("utf-8", errors="replace")
    except ValueError:
        raise ApiError(ErrCode.INVALID_IMAGE) from None
    return data, fields


async def ocr(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    data, _ = await _image(request)
    check_image(data, request.query.get("img_url"))
    if request.path == "/cv/ocr/idcard" and request.query.get("type", "photo") not in IDCARD_MODES:
        raise ApiError(ErrCode.INVALID_ARGS)
    return wechat_json({**OK, **fake.state.messaging.smart.answer(request.path)})


async def qrcode(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    data, _ = await _image(request)
    check_image(data, request.query.get("img_url"))
    return wechat_json({**OK, **fake.state.messaging.smart.answer(request.path)})


async def aicrop(request: web.Request) -> web.Response:
    authorized(request)
    data, fields = await _image(request)
    check_image(data, request.query.get("img_url"))
    wanted = ratios(fields.get("ratios") or request.query.get("ratios"))
    results = [crop(ratio) for ratio in wanted] or [crop(4 / 3)]
    return wechat_json({**OK, "results": results, "img_size": {"w": 966, "h": 728}})


async def gone(request: web.Request) -> web.Response:
    """``cv/img/superresolution``, ``cv/ocr/platenum``, ``cv/ocr/menu``: taken down by WeChat."""
    authorized(request)
    raise ApiError(ErrCode.API_UNSUPPORTED)


async def add_voice(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    upload = await read_upload(request, max_bytes=4 * VOICE_BYTES)  # past 1 MB: 40010, as WeChat
    fake.state.messaging.smart.add_voice(app_id, dict(request.query), upload.data)
    return wechat_json(OK)


async def voice_result(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    query = request.query
    text = fake.state.messaging.smart.voice_text(app_id, query.get("voice_id"), query.get("lang"))
    return wechat_json({"result": text})


async def translate(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    if request.content_type.startswith("multipart/"):
        data = (await read_upload(request, max_bytes=CHUNK)).data
    else:
        data = await request.read()
    text = data.decode("utf-8", errors="replace")
    answer = fake.state.messaging.smart.translate(request.query.get("lfrom"), request.query.get("lto"), text)
    return wechat_json({**OK, **answer})


def add_routes(app: web.Application) -> None:
    post = app.router.add_post
    for kind in OCR_KINDS:
        post(f"/cv/ocr/{kind}", ocr)
    post("/cv/img/qrcode", qrcode)
    post("/cv/img/aicrop", aicrop)
    for taken_down in ("/cv/img/superresolution", "/cv/ocr/platenum", "/cv/ocr/menu"):
        post(taken_down, gone)
    post("/cgi-bin/media/voice/addvoicetorecofortext", add_voice)
    post("/cgi-bin/media/voice/queryrecoresultfortext", voice_result)
    post("/cgi-bin/media/voice/translatecontent", translate)
