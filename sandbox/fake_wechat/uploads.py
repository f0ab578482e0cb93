"""Reading a multipart upload at the edge: the ``media`` file (refused once it passes a size limit,
without holding more than that) and the form's small text fields (a video's ``description``)."""

from aiohttp import BodyPartReader, web

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.media_rules import Upload

FILE_FIELD = "media"
CHUNK_BYTES = 64 * 1024
MAX_TEXT_FIELD_BYTES = 64 * 1024


async def _read_capped(part: BodyPartReader, max_bytes: int, errcode: ErrCode) -> bytes:
    data = bytearray()
    while chunk := await part.read_chunk(CHUNK_BYTES):
        data += chunk
        if len(data) > max_bytes:
            raise ApiError(errcode)
    return bytes(data)


async def read_upload(request: web.Request, *, max_bytes: int, field: str = FILE_FIELD) -> Upload:
    """The form's ``media`` file (or the one named ``field``): 41005 "media data missing" without one (or
    without a multipart body), 40006 "invalid meida size" past ``max_bytes``."""
    if not request.content_type.startswith("multipart/"):
        raise ApiError(ErrCode.MEDIA_DATA_MISSING)
    media: Upload | None = None
    fields: dict[str, str] = {}
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.name == field and media is None:
                data = await _read_capped(part, max_bytes, ErrCode.INVALID_MEDIA_SIZE)
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                media = Upload(part.filename or "", content_type, data)
            else:
                text = await _read_capped(part, MAX_TEXT_FIELD_BYTES, ErrCode.DATA_FORMAT_ERROR)
                fields[part.name] = text.decode("utf-8", errors="replace")
    except ValueError:  # a malformed multipart body (no boundary, a broken part)
        raise ApiError(ErrCode.MEDIA_DATA_MISSING) from None
    if media is None:
        raise ApiError(ErrCode.MEDIA_DATA_MISSING)
    return Upload(media.filename, media.content_type, media.data, fields)
