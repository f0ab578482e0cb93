"""Drafts (草稿箱): articles waiting to be published."""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.media import media_id_of
from shared.wechat.api.paging import offset_items, page_window
from shared.wechat.models.draft import Article, Draft
from shared.wechat.models.paging import OffsetPage
from shared.wechat.models.product_card import ArticleType, CardType, ProductCard, ProductCardRequest

PAGE_SIZE = 20  # draft/batchget's most per call


class DraftApi(ApiGroup):
    async def add(self, articles: Sequence[Article]) -> str:
        """The new draft's ``media_id`` (1–8 articles, each checked as WeChat checks it)."""
        draft = Draft(articles=list(articles))
        return str((await self._json("cgi-bin/draft/add", json=draft.body()))["media_id"])

    async def get(self, media_id: str) -> dict[str, Any]:
        """The draft as WeChat answers it: ``news_item``, one entry per article."""
        return await self._json("cgi-bin/draft/get", json={"media_id": media_id_of(media_id)})

    async def update(self, media_id: str, index: int, article: Article) -> None:
        """Replace the article at ``index`` (0 for the first) of a draft."""
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise ValueError(f"index is the article's position from 0 (got {index!r})")
        if not isinstance(article, Article):
            raise TypeError("update takes an Article")
        body = {"media_id": media_id_of(media_id), "index": index, "articles": article.body()}
        await self._json("cgi-bin/draft/update", json=body)

    async def delete(self, media_id: str) -> None:
        await self._json("cgi-bin/draft/delete", json={"media_id": media_id_of(media_id)})

    async def count(self) -> int:
        return int((await self._json("cgi-bin/draft/count"))["total_count"])

    async def batchget(self, offset: int = 0, count: int = PAGE_SIZE, *, no_content: bool = False) -> OffsetPage:
        """One page of drafts: ``count`` 1–20 from ``offset``; ``no_content`` leaves the HTML out."""
        body = {**page_window(offset, count, PAGE_SIZE), "no_content": int(no_content)}
        return await self._model("cgi-bin/draft/batchget", OffsetPage, json=body)

    def all(self, *, no_content: bool = False) -> AsyncIterator[dict[str, Any]]:
        """Every draft, page after page (each item: ``media_id``, ``content.news_item``, ``update_time``)."""
        return offset_items(lambda offset: self.batchget(offset, no_content=no_content))

    async def product_card(self, product_id: str, article_type: ArticleType, card_type: CardType) -> ProductCard:
        """A 微信小店 product's card for a ``newspic`` or ``news`` article: its DOM and/or product_key."""
        request = ProductCardRequest(product_id=product_id, article_type=article_type, card_type=card_type)
        return await self._model("channels/ec/service/product/getcardinfo", ProductCard, json=request.body())
