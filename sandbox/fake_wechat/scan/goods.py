"""微信商品库 v2 (``scan/product/v2/*``) per account, with no I/O: imports that finish later, products by pid.

``add`` takes up to ``MAX_BATCH`` products and answers a ``status_ticket`` at once; WeChat works
through the batch asynchronously, so the products appear (and ``status`` reports each one's result)
``IMPORT_SECONDS`` later. A product already in the library is updated: a field left out keeps its
value (WeChat: "字段不填代表不更新该字段"), and its pid never changes. A new product needs a
title, at least one main image and a price. Paging is by ``page_num`` (from 1) and ``page_size``;
``page_context`` is handed back for the next page.
"""

import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError

MAX_BATCH, MAX_PAGE_SIZE, IMPORT_SECONDS = 1000, 100, 5.0
NEW_PRODUCT_NEEDS = ("title", "image_info", "price_info")
NOT_FOUND = ApiError(61303, "product not exists")
UNKNOWN_TICKET = ApiError(40097, "invalid args: status_ticket")


@dataclass
class Import:
    done_at: float
    products: list[dict[str, Any]]
    statuses: list[dict[str, Any]] = field(default_factory=list)
    applied: bool = False


@dataclass
class Library:
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    imports: dict[str, Import] = field(default_factory=dict)


def _refusal(product: dict[str, Any], known: dict[str, dict[str, Any]]) -> str | None:
    """Why WeChat refuses one product of a batch, or ``None``."""
    pid = product.get("pid")
    if not isinstance(pid, str) or not pid:
        return "pid missing"
    if pid in known:
        return None
    missing = [name for name in NEW_PRODUCT_NEEDS if not product.get(name)]
    info = product.get("image_info")
    images = info.get("main_image_list") if isinstance(info, dict) else None
    if not missing and not images:
        missing = ["image_info.main_image_list"]
    return f"{', '.join(missing)} missing" if missing else None


def _apply(library: Library, batch: Import) -> None:
    for product in batch.products:
        reason = _refusal(product, library.products)
        pid = str(product.get("pid", ""))
        if reason is not None:
            batch.statuses.append({"pid": pid, "ret": 40097, "err_msg": reason, "err_msg_en": reason})
            continue
        fields = {name: value for name, value in product.items() if name != "partial_update"}
        library.products[pid] = {**library.products.get(pid, {}), **fields}
        batch.statuses.append({"pid": pid, "ret": 0, "err_msg": "success", "err_msg_en": "success"})
    batch.applied = True


class Goods:
    def __init__(self) -> None:
        self._libraries: dict[str, Library] = {}

    def _library(self, app_id: str, now: float) -> Library:
        """The account's library with every import whose time has come applied, in the order they came."""
        library = self._libraries.setdefault(app_id, Library())
        for batch in library.imports.values():
            if not batch.applied and now >= batch.done_at:
                _apply(library, batch)
        return library

    def add(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        products = body.get("product")
        if not isinstance(products, list) or not products or not all(isinstance(p, dict) for p in products):
            raise ApiError(40097, "invalid args: product")
        if len(products) > MAX_BATCH:
            raise ApiError(40097, f"invalid args: more than {MAX_BATCH} products")
        ticket = str(secrets.randbelow(10**18))
        self._library(app_id, now).imports[ticket] = Import(now + IMPORT_SECONDS, [dict(p) for p in products])
        return {"status_ticket": ticket}

    def status(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        batch = self._library(app_id, now).imports.get(str(body.get("status_ticket", "")))
        if batch is None:
            raise UNKNOWN_TICKET
        succeeded = sum(status["ret"] == 0 for status in batch.statuses)
        return {
            "result": {
                "total_cnt": len(batch.products),
                "succ_cnt": succeeded,
                "fail_cnt": len(batch.statuses) - succeeded,
                "progress": "100%" if batch.applied else "0%",
                "statuses": list(batch.statuses),
            }
        }

    def getinfo(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        wanted = body.get("product")
        pid = wanted.get("pid") if isinstance(wanted, dict) else None
        found = self._library(app_id, now).products.get(str(pid))
        if found is None:
            raise NOT_FOUND
        return {"product": dict(found)}

    def page(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        page_num, page_size = body.get("page_num", 1), body.get("page_size", 10)
        if not isinstance(page_num, int) or page_num < 1:
            raise ApiError(40097, "invalid args: page_num")
        if not isinstance(page_size, int) or not 0 < page_size <= MAX_PAGE_SIZE:
            raise ApiError(40097, "invalid args: page_size")
        products = sorted(self._library(app_id, now).products.items())
        start = (page_num - 1) * page_size
        page = [dict(product) for _, product in products[start : start + page_size]]
        return {"product": page, "page_context": f"{page_num + 1}"}
