"""微信商品库 v2 (``scan/product/v2/*``): the products an import takes, checked before anything is sent,
and what ``status`` answers.

A product is keyed by the account's own ``pid``, which an update cannot change; an update sends
only the fields it changes (a field left out keeps its value; an empty string or 0 clears it). An
import carries 1–1,000 products, each pid once (WeChat's limits: 1,000 a call, 2 MB a request,
200 calls a minute). Prices are in yuan. A page holds at most 100 here (no documented ceiling
was found). ``sku_info`` and ``custom_info`` pass as WeChat shapes them.
"""

import json
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_BATCH, MAX_PAGE_SIZE, MAX_REQUEST_BYTES = 1000, 100, 2 * 1024 * 1024
Name = Annotated[str, Field(min_length=1)]
Yuan = Annotated[float, Field(ge=0)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Image(_Body):
    url: Name


class Images(_Body):
    main_image_list: Annotated[list[Image], Field(min_length=1)]


class Category(_Body):
    category_name: Name


class Categories(_Body):
    category_item: Annotated[list[Category], Field(min_length=1)]


class Tag(_Body):
    tag_name: Name


class Tags(_Body):
    tag_item: list[Tag]


class Link(_Body):
    """Where the product opens: a mini program page."""

    link_type: Literal["wxa"] = "wxa"
    wxa_appid: Name
    url: Name


class Price(_Body):
    min_price: Yuan
    max_price: Yuan
    min_ori_price: Yuan | None = None
    max_ori_price: Yuan | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min_price > self.max_price:
            raise ValueError("min_price is above max_price")
        low, high = self.min_ori_price, self.max_ori_price
        if low is not None and high is not None and low > high:
            raise ValueError("min_ori_price is above max_ori_price")
        return self


class Sale(_Body):
    sale_status: Literal["on", "off"] = "off"
    stock: Annotated[int, Field(ge=0)] | None = None


class Shop(_Body):
    source: int | None = None


class GoodsProduct(_Body):
    pid: Annotated[str, Field(min_length=1)]  # WeChat documents no length
    title: str | None = None
    sub_title: str | None = None
    brand: str | None = None
    desc: str | None = None
    image_info: Images | None = None
    category_info: Categories | None = None
    official_category_info: Categories | None = None
    tag_info: Tags | None = None
    link_info: Link | None = None
    price_info: Price | None = None
    sale_info: Sale | None = None
    shop_info: Shop | None = None
    sku_info: dict[str, Any] | None = None
    custom_info: dict[str, Any] | None = None
    partial_update: Literal[0, 1] | None = None


class GoodsImport(_Body):
    product: Annotated[list[GoodsProduct], Field(min_length=1, max_length=MAX_BATCH)]

    @model_validator(mode="after")
    def _each_pid_once(self) -> Self:
        pids = [product.pid for product in self.product]
        if len(set(pids)) != len(pids):
            raise ValueError("a pid appears twice in one import")
        return self

    def body(self) -> dict[str, Any]:
        """The request body; ``ValueError`` past WeChat's 2 MB a request."""
        body = self.model_dump(mode="json", exclude_none=True)
        size = len(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
        if size > MAX_REQUEST_BYTES:
            raise ValueError(f"an import is at most 2 MB ({size:,} bytes): send fewer products a call")
        return body


class GoodsPageRequest(_Body):
    page_context: str = ""
    page_num: Annotated[int, Field(ge=1)] = 1
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = 10


class ImportedProduct(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    pid: str
    ret: int  # 0: imported
    err_msg: str = ""


class ImportResult(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    total_cnt: int
    succ_cnt: int
    fail_cnt: int
    progress: str
    statuses: list[ImportedProduct] = []

    @property
    def finished(self) -> bool:
        return self.succ_cnt + self.fail_cnt >= self.total_cnt


class ImportStatus(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    result: ImportResult
