"""Media files as WeChat accepts them: the kinds, their formats and sizes, and what an upload answers.

WeChat's documented limits (新增临时素材 / 上传永久素材 / 上传图文消息图片):

| kind   | temporary (media/upload)    | permanent (material/add_material) |
| ------ | --------------------------- | --------------------------------- |
| image  | 10 MB, png jpeg jpg gif     | 10 MB, bmp png jpeg jpg gif       |
| voice  | 2 MB, amr mp3               | 2 MB, mp3 wma wav amr             |
| video  | 10 MB, mp4                  | 10 MB, mp4                        |
| thumb  | 64 KB, jpg                  | 64 KB, jpg                        |

An image for an article body (media/uploadimg) is jpg or png under 1 MB. A JPG may be
named .jpg or .jpeg. The format is the file name's extension, else what its content type
names; sizes in binary units.
"""

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.transport import Upload

KB, MB = 1024, 1024 * 1024


class MediaKind(enum.StrEnum):
    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    THUMB = "thumb"


@dataclass(frozen=True, slots=True)
class Limit:
    max_bytes: int
    extensions: frozenset[str]

    def describe(self) -> str:
        size = f"{self.max_bytes // MB} MB" if self.max_bytes >= MB else f"{self.max_bytes // KB} KB"
        return f"at most {size}, {'/'.join(sorted(self.extensions))}"


def _limit(max_bytes: int, *extensions: str) -> Limit:
    return Limit(max_bytes, frozenset(extensions))


TEMPORARY: Mapping[MediaKind, Limit] = {
    MediaKind.IMAGE: _limit(10 * MB, "png", "jpeg", "jpg", "gif"),
    MediaKind.VOICE: _limit(2 * MB, "amr", "mp3"),
    MediaKind.VIDEO: _limit(10 * MB, "mp4"),
    MediaKind.THUMB: _limit(64 * KB, "jpg", "jpeg"),
}
PERMANENT: Mapping[MediaKind, Limit] = {
    MediaKind.IMAGE: _limit(10 * MB, "bmp", "png", "jpeg", "jpg", "gif"),
    MediaKind.VOICE: _limit(2 * MB, "mp3", "wma", "wav", "amr"),
    MediaKind.VIDEO: _limit(10 * MB, "mp4"),
    MediaKind.THUMB: _limit(64 * KB, "jpg", "jpeg"),
}
ARTICLE_IMAGE = _limit(1 * MB, "jpg", "jpeg", "png")
FORMATS_OF_TYPES = {
    "image/jpeg": "jpg", "image/jpg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp",
    "audio/amr": "amr", "audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/x-ms-wma": "wma", "audio/wav": "wav",
    "audio/x-wav": "wav", "video/mp4": "mp4",
}  # fmt: skip


def extension(filename: str) -> str:
    """The file name's extension, lower case, without the dot ('' for none)."""
    _, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and ext and "/" not in ext else ""


def upload_size(upload: Upload) -> int:
    """How many bytes ``upload`` will send: the bytes, or an open file from where it stands to its end.

    The file is not read: its size comes from the file system, or from seeking to its end and back.
    """
    content = upload.content
    if isinstance(content, bytes):
        return len(content)
    try:
        position = content.tell()
        try:
            return os.fstat(content.fileno()).st_size - position
        except (OSError, AttributeError):
            end = content.seek(0, os.SEEK_END)
            content.seek(position)
            return end - position
    except (OSError, ValueError, AttributeError):
        message = f"{upload.filename}: its size cannot be known before sending; pass bytes or a seekable file"
        raise ValueError(message) from None


def file_format(upload: Upload) -> str:
    """The upload's format: its name's extension, else what its content type names ('' if neither)."""
    return extension(upload.filename) or FORMATS_OF_TYPES.get(upload.content_type.split(";")[0].strip().lower(), "")


def check_upload(limit: Limit, upload: Upload, what: str) -> int:
    """``upload``'s size if it fits ``limit``; ``ValueError`` naming the rule otherwise. Nothing is sent."""
    ext = file_format(upload)
    if ext not in limit.extensions:
        raise ValueError(f"{what}: {upload.filename!r} has the wrong format ({limit.describe()})")
    size = upload_size(upload)
    if size == 0:
        raise ValueError(f"{what}: {upload.filename!r} is empty")
    if size > limit.max_bytes:
        raise ValueError(f"{what}: {upload.filename!r} is {size} bytes ({limit.describe()})")
    return size


class VideoDescription(BaseModel):
    """The ``description`` form field a permanent video is uploaded with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Annotated[str, Field(min_length=1)]
    introduction: str = ""


class UploadedMedia(BaseModel):
    """``media/upload``'s answer: the temporary media's id (valid 3 days).

    WeChat names a thumb's id ``thumb_media_id``; ``media_id`` is the id whatever the kind.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str
    media_id: str
    created_at: int

    @model_validator(mode="before")
    @classmethod
    def _thumb_id(cls, value: Any) -> Any:
        if isinstance(value, dict) and "media_id" not in value and "thumb_media_id" in value:
            return {**value, "media_id": value["thumb_media_id"]}
        return value


class AddedMaterial(BaseModel):
    """``add_material``'s answer; ``url`` only for an image."""

    model_config = ConfigDict(extra="allow", frozen=True)

    media_id: str
    url: str | None = None


class MaterialCount(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    voice_count: int = 0
    video_count: int = 0
    image_count: int = 0
    news_count: int = 0


class VideoUrl(BaseModel):
    """``media/get``'s answer for a video: where to download it."""

    model_config = ConfigDict(extra="allow", frozen=True)

    video_url: str
