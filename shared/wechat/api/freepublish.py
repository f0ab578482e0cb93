"""Publishing drafts (发布能力): submit, follow the job, and the published articles."""

from collections.abc import AsyncIterator
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.media import media_id_of
from shared.wechat.api.paging import offset_items, page_window
from shared.wechat.models.paging import OffsetPage
from shared.wechat.models.publish import PublishJob, PublishStatus

PAGE_SIZE = 20  # freepublish/batchget's most per call


class FreePublishApi(ApiGroup):
    async def submit(self, media_id: str) -> PublishJob:
        """Publish a draft: the job's ``publish_id`` (``get`` follows it; PUBLISHJOBFINISH reports its end)
        and the ``msg_data_id`` the articles' comments are filed under."""
        return await self._model("cgi-bin/freepublish/submit", PublishJob, json={"media_id": media_id_of(media_id)})

    async def get(self, publish_id: str) -> PublishStatus:
        return await self._model(
            "cgi-bin/freepublish/get", PublishStatus, json={"publish_id": _text("publish_id", publish_id)}
        )

    async def delete(self, article_id: str, index: int | None = None) -> None:
        """Delete a published article: the one at ``index`` (1 for the first), or all of them (None or 0)."""
        body: dict[str, Any] = {"article_id": _text("article_id", article_id)}
        if index is not None:
            if isinstance(index, bool) or not isinstance(index, int) or index < 0:
                raise ValueError(f"index is 1 for the first article, 0 for all (got {index!r})")
            body["index"] = index
        await self._json("cgi-bin/freepublish/delete", json=body)

    async def get_article(self, article_id: str) -> dict[str, Any]:
        """A published article as WeChat answers it (``news_item``)."""
        return await self._json("cgi-bin/freepublish/getarticle", json={"article_id": _text("article_id", article_id)})

    async def batchget(self, offset: int = 0, count: int = PAGE_SIZE, *, no_content: bool = False) -> OffsetPage:
        """One page of published articles: ``count`` 1–20 from ``offset``."""
        body = {**page_window(offset, count, PAGE_SIZE), "no_content": int(no_content)}
        return await self._model("cgi-bin/freepublish/batchget", OffsetPage, json=body)

    def all(self, *, no_content: bool = False) -> AsyncIterator[dict[str, Any]]:
        """Every published article, page after page (each item: ``article_id``, ``content``, ``update_time``)."""
        return offset_items(lambda offset: self.batchget(offset, no_content=no_content))


def _text(name: str, value: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is a non-empty string (got {value!r})")
    return value
