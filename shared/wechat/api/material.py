"""Permanent materials: images, voices, videos and thumbs kept until deleted.

Articles are drafts now (``DraftApi``): WeChat shut down ``add_news`` and ``update_news``.
"""

import enum
from collections.abc import AsyncIterator
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.media import media_id_of
from shared.wechat.api.paging import offset_items, page_window
from shared.wechat.models.media import (
    PERMANENT,
    AddedMaterial,
    MaterialCount,
    MediaKind,
    VideoDescription,
    check_upload,
)
from shared.wechat.models.paging import OffsetPage
from shared.wechat.transport import Media, Upload

PAGE_SIZE = 20  # batchget_material's most per call


class MaterialKind(enum.StrEnum):
    """What ``batchget_material`` lists: the upload kinds but thumb, and the old news."""

    IMAGE = "image"
    VOICE = "voice"
    VIDEO = "video"
    NEWS = "news"


class MaterialApi(ApiGroup):
    async def add(
        self, kind: MediaKind | str, upload: Upload, *, title: str | None = None, introduction: str | None = None
    ) -> AddedMaterial:
        """Upload a permanent material; a video needs its ``title`` (sent as the ``description`` field)."""
        kind = MediaKind(kind)
        check_upload(PERMANENT[kind], upload, f"permanent {kind}")
        fields = None
        if kind is MediaKind.VIDEO:
            description = VideoDescription(title=title or "", introduction=introduction or "")
            fields = {"description": description.model_dump_json()}
        elif title is not None or introduction is not None:
            raise ValueError("only a video material has a title and an introduction")
        return await self._model(
            "cgi-bin/material/add_material", AddedMaterial, params={"type": kind.value}, upload=upload, fields=fields
        )

    async def get(self, media_id: str) -> Media | dict[str, Any]:
        """An image, voice or thumb's bytes; a video's ``title``/``description``/``down_url`` or news as JSON."""
        return await self._send("cgi-bin/material/get_material", json={"media_id": media_id_of(media_id)})

    async def delete(self, media_id: str) -> None:
        await self._json("cgi-bin/material/del_material", json={"media_id": media_id_of(media_id)})

    async def count(self) -> MaterialCount:
        return await self._model("cgi-bin/material/get_materialcount", MaterialCount)

    async def batchget(self, kind: MaterialKind | str, offset: int = 0, count: int = PAGE_SIZE) -> OffsetPage:
        """One page of materials of one kind: ``count`` 1–20 from ``offset``."""
        body = {"type": MaterialKind(kind).value, **page_window(offset, count, PAGE_SIZE)}
        return await self._model("cgi-bin/material/batchget_material", OffsetPage, json=body)

    def all(self, kind: MaterialKind | str) -> AsyncIterator[dict[str, Any]]:
        """Every material of one kind, page after page."""
        kind = MaterialKind(kind)
        return offset_items(lambda offset: self.batchget(kind, offset))
