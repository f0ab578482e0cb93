"""WeChat's upload rules, with no I/O: the kinds of media, each kind's formats and size limit, and the
content type each format downloads as.

Sources: the official "新增临时素材" and "新增永久素材" pages (image 10 MB, png/jpeg/jpg/gif temporary and
bmp too permanent; voice
2 MB, amr/mp3 temporary and mp3/wma/wav/amr permanent; video 10 MB mp4, permanent too; thumb 64 KB
jpg) and "上传图文消息内的图片获取URL" (jpg/png under 1 MB). Errors as WeChat documents them for
uploads: 40004 invalid media type, 40005 invalid file type, 40006 invalid meida size, 41005 media data
missing, 44001 empty media data.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from sandbox.fake_wechat.errors import ApiError, ErrCode

KB = 1024
MB = 1024 * KB


class Kind(StrEnum):
    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    THUMB = "thumb"


@dataclass(frozen=True, slots=True)
class Rule:
    max_bytes: int
    formats: frozenset[str]


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file as the multipart form carried it, plus the form's small text fields."""

    filename: str
    content_type: str
    data: bytes
    fields: dict[str, str] = field(default_factory=dict)


_IMAGE = Rule(10 * MB, frozenset({"png", "jpeg", "jpg", "gif"}))
_VIDEO = Rule(10 * MB, frozenset({"mp4"}))
_THUMB = Rule(64 * KB, frozenset({"jpg", "jpeg"}))

TEMPORARY: dict[Kind, Rule] = {
    Kind.IMAGE: _IMAGE,
    Kind.VOICE: Rule(2 * MB, frozenset({"amr", "mp3"})),
    Kind.VIDEO: _VIDEO,
    Kind.THUMB: _THUMB,
}
PERMANENT: dict[Kind, Rule] = {
    Kind.IMAGE: Rule(_IMAGE.max_bytes, _IMAGE.formats | {"bmp"}),
    Kind.VOICE: Rule(2 * MB, frozenset({"mp3", "wma", "wav", "amr"})),
    Kind.VIDEO: _VIDEO,
    Kind.THUMB: _THUMB,
}
ARTICLE_IMAGE = Rule(1 * MB, frozenset({"jpg", "jpeg", "png"}))
# The largest file any upload endpoint accepts: what a reader must hold before it can refuse.
LARGEST_UPLOAD = max(rule.max_bytes for rule in (*TEMPORARY.values(), *PERMANENT.values(), ARTICLE_IMAGE))

CONTENT_TYPES: dict[str, str] = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "bmp": "image/bmp",
    "amr": "audio/amr",
    "mp3": "audio/mpeg",
    "wma": "audio/x-ms-wma",
    "wav": "audio/x-wav",
    "mp4": "video/mp4",
}
_FORMAT_OF_TYPE = {content_type: fmt for fmt, content_type in reversed(CONTENT_TYPES.items())}
_FORMAT_OF_TYPE |= {"audio/mp3": "mp3", "audio/wav": "wav", "image/jpg": "jpg"}


def kind_of(value: object, *, allowed: frozenset[Kind] = frozenset(Kind)) -> Kind:
    """The ``type`` a call names, or 40004."""
    if isinstance(value, str) and value in {kind.value for kind in allowed}:
        return Kind(value)
    raise ApiError(ErrCode.INVALID_MEDIA_TYPE)


def file_format(upload: Upload) -> str | None:
    """The file's format: its name's extension, else what its content type names."""
    suffix = PurePosixPath(upload.filename).suffix.lower().lstrip(".")
    if suffix:
        return suffix
    return _FORMAT_OF_TYPE.get(upload.content_type.split(";")[0].strip().lower())


def check_upload(rule: Rule, upload: Upload) -> str:
    """The upload's format if the rule takes it: 44001 when empty, 40006 when too large, 40005 otherwise."""
    if not upload.data:
        raise ApiError(ErrCode.EMPTY_MEDIA_DATA)
    if len(upload.data) > rule.max_bytes:
        raise ApiError(ErrCode.INVALID_MEDIA_SIZE)
    fmt = file_format(upload)
    if fmt not in rule.formats:
        raise ApiError(ErrCode.INVALID_FILE_TYPE)
    return fmt
