"""Temporary media (3 days), permanent materials and article-body images, with their bytes; no I/O.

Every method takes the caller's ``app_id`` and ``now``: a media_id of another account, an expired
temporary one, or a temporary id asked of the material library (and the other way round) is
WeChat's 40007 "invalid media_id".
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.media_rules import (
    ARTICLE_IMAGE,
    CONTENT_TYPES,
    PERMANENT,
    TEMPORARY,
    Kind,
    Upload,
    check_upload,
)

TEMPORARY_LIFETIME_SECONDS = 3 * 24 * 3600
IMAGE_HOST = "http://mmbiz.qpic.cn"
# Thumbs live in the image library: they count, list and serve as covers as images do.
IMAGE_KINDS = frozenset({Kind.IMAGE, Kind.THUMB})


@dataclass(frozen=True, slots=True)
class StoredMedia:
    media_id: str
    app_id: str
    kind: Kind
    fmt: str
    data: bytes
    filename: str
    created_at: int
    permanent: bool
    title: str = ""
    introduction: str = ""
    url: str | None = None

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.fmt, "application/octet-stream")

    @property
    def download_name(self) -> str:
        return f"{self.media_id}.{self.fmt}"

    def expired(self, now: float) -> bool:
        return not self.permanent and now >= self.created_at + TEMPORARY_LIFETIME_SECONDS

    def describe(self, now: float) -> dict[str, Any]:
        """For the control API: everything but the bytes (their size and digest instead)."""
        described: dict[str, Any] = {
            "media_id": self.media_id,
            "type": self.kind.value,
            "format": self.fmt,
            "filename": self.filename,
            "size": len(self.data),
            "sha256": hashlib.sha256(self.data).hexdigest(),
            "created_at": self.created_at,
            "url": self.url,
        }
        if self.permanent:
            described |= {"title": self.title, "introduction": self.introduction}
        else:
            described |= {"expires_at": self.created_at + TEMPORARY_LIFETIME_SECONDS, "expired": self.expired(now)}
        return described


def image_url(fmt: str) -> str:
    """A URL of WeChat's image CDN shape (mmbiz.qpic.cn), as add_material and uploadimg answer."""
    return f"{IMAGE_HOST}/mmbiz_{fmt}/{secrets.token_urlsafe(32)}/0?wx_fmt={fmt}"


def video_description(raw: str | None) -> tuple[str, str]:
    """A video material's ``{"title", "introduction"}``: 41005 without one or its title (as WeChat
    answers such an upload), 47001 when it is not a JSON object."""
    if raw is None:
        raise ApiError(ErrCode.MEDIA_DATA_MISSING)
    try:
        description = json.loads(raw)
    except ValueError:
        raise ApiError(ErrCode.DATA_FORMAT_ERROR) from None
    if not isinstance(description, dict):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    title, introduction = description.get("title"), description.get("introduction", "")
    if not isinstance(title, str) or not title:
        raise ApiError(ErrCode.MEDIA_DATA_MISSING)
    if not isinstance(introduction, str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return title, introduction


class MediaStore:
    def __init__(self) -> None:
        self._temporary: dict[str, StoredMedia] = {}
        self._permanent: dict[str, StoredMedia] = {}
        self.article_images: dict[str, StoredMedia] = {}  # by URL

    def upload(self, app_id: str, kind: Kind, upload: Upload, now: float) -> StoredMedia:
        """``media/upload``: a temporary media_id, valid for 3 days."""
        fmt = check_upload(TEMPORARY[kind], upload)
        media = StoredMedia(secrets.token_urlsafe(48), app_id, kind, fmt, upload.data, upload.filename, int(now), False)
        self._temporary[media.media_id] = media
        return media

    def temporary(self, app_id: str, media_id: object, now: float) -> StoredMedia:
        media = self._temporary.get(media_id) if isinstance(media_id, str) else None
        if media is None or media.app_id != app_id or media.expired(now):
            raise ApiError(ErrCode.INVALID_MEDIA_ID)
        return media

    def add_material(self, app_id: str, kind: Kind, upload: Upload, now: float) -> StoredMedia:
        """``material/add_material``: a permanent media_id (and a URL for an image); a video needs its
        ``description`` form field."""
        fmt = check_upload(PERMANENT[kind], upload)
        title, introduction = video_description(upload.fields.get("description")) if kind is Kind.VIDEO else ("", "")
        url = image_url(fmt) if kind is Kind.IMAGE else None
        media_id = secrets.token_urlsafe(32)
        media = StoredMedia(
            media_id, app_id, kind, fmt, upload.data, upload.filename, int(now), True, title, introduction, url
        )
        self._permanent[media_id] = media
        return media

    def material(self, app_id: str, media_id: object) -> StoredMedia:
        media = self._permanent.get(media_id) if isinstance(media_id, str) else None
        if media is None or media.app_id != app_id:
            raise ApiError(ErrCode.INVALID_MEDIA_ID)
        return media

    def delete_material(self, app_id: str, media_id: object) -> None:
        del self._permanent[self.material(app_id, media_id).media_id]

    def is_cover(self, app_id: str, media_id: object) -> bool:
        """Whether an article may use it as its cover: a permanent image or thumb of the account."""
        media = self._permanent.get(media_id) if isinstance(media_id, str) else None
        return media is not None and media.app_id == app_id and media.kind in IMAGE_KINDS

    def materials(self, app_id: str, kinds: frozenset[Kind]) -> list[StoredMedia]:
        """The account's materials of these kinds, newest first."""
        found = [m for m in self._permanent.values() if m.app_id == app_id and m.kind in kinds]
        return list(reversed(found))

    def counts(self, app_id: str) -> dict[str, int]:
        """``get_materialcount``; news are drafts now, so there are none."""
        kinds = [m.kind for m in self._permanent.values() if m.app_id == app_id]
        return {
            "voice_count": kinds.count(Kind.VOICE),
            "video_count": kinds.count(Kind.VIDEO),
            "image_count": sum(kind in IMAGE_KINDS for kind in kinds),
            "news_count": 0,
        }

    def upload_article_image(self, app_id: str, upload: Upload, now: float) -> StoredMedia:
        """``media/uploadimg``: an image for article bodies, outside the material library."""
        fmt = check_upload(ARTICLE_IMAGE, upload)
        url = image_url(fmt)
        media = StoredMedia("", app_id, Kind.IMAGE, fmt, upload.data, upload.filename, int(now), True, url=url)
        self.article_images[url] = media
        return media

    def downloadable(self, media_id: str, now: float) -> StoredMedia | None:
        """A video behind a ``video_url``/``down_url`` the fake handed out (temporary ones until they expire)."""
        media = self._temporary.get(media_id) or self._permanent.get(media_id)
        return None if media is None or media.expired(now) else media

    def describe(self, app_id: str, now: float) -> dict[str, Any]:
        return {
            "media": [m.describe(now) for m in self._temporary.values() if m.app_id == app_id],
            "materials": [m.describe(now) for m in self._permanent.values() if m.app_id == app_id],
            "article_images": [m.describe(now) for m in self.article_images.values() if m.app_id == app_id],
        }
