"""微信商品库 v2: import products (asynchronously, followed by ticket), read one back, list them all."""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.goods import MAX_PAGE_SIZE, GoodsImport, GoodsPageRequest, GoodsProduct, ImportStatus


class GoodsApi(ApiGroup):
    async def add(self, products: Sequence[GoodsProduct]) -> str:
        """Import or update 1–1,000 products: the ``status_ticket`` that ``status`` follows."""
        body = GoodsImport(product=list(products)).body()
        return str((await self._json("scan/product/v2/add", json=body))["status_ticket"])

    async def status(self, status_ticket: str) -> ImportStatus:
        """How far an import got, and each product's result once it is done."""
        if not status_ticket:
            raise ValueError("a status_ticket is what scan/product/v2/add answered")
        return await self._model("scan/product/v2/status", ImportStatus, json={"status_ticket": status_ticket})

    async def get(self, pid: str) -> dict[str, Any]:
        """One product as WeChat keeps it."""
        if not pid:
            raise ValueError("a pid names a product")
        answer = await self._json("scan/product/v2/getinfo", json={"product": {"pid": pid}})
        return dict(answer.get("product") or {})

    async def all(self, page_size: int = MAX_PAGE_SIZE) -> AsyncIterator[dict[str, Any]]:
        """Every product, page after page, until a page comes back short."""
        request = GoodsPageRequest(page_size=page_size)
        while True:
            answer = await self._json("scan/product/v2/getinfobypage", json=request.model_dump())
            products = list(answer.get("product") or [])
            for product in products:
                yield dict(product)
            if len(products) < request.page_size:
                return
            context = str(answer.get("page_context") or "")
            request = request.model_copy(update={"page_num": request.page_num + 1, "page_context": context})
