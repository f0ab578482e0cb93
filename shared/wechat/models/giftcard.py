"""Gift cards (礼品卡): the shelves (货架) that sell them and the orders users place.

A shelf has a title, a banner and one or more themes, each listing the gift cards (``card_id``) it
sells; WeChat names it by ``page_id``. Orders are read one by one or a page (≤ 100) of a time range;
a refund makes an order's cards unusable. ``maintain`` takes one shelf (``page_id``) or every shelf
(``all``) off sale.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_ORDER_PAGE = 100
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(min_length=1, pattern=r"^https?://")]
Time = Annotated[int, Field(strict=True, ge=0)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)  # WeChat's shelves carry many optional fields

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class Item(_Request):
    card_id: Text
    title: str | None = None


class Theme(_Request):
    theme_pic_url: Url
    title: Text
    title_color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    item_list: Annotated[list[Item], Field(min_length=1)]


class Page(_Request):
    """A shelf as ``card/giftcard/page/add`` takes it."""

    page_title: Text
    banner_pic_url: Url
    theme_list: Annotated[list[Theme], Field(min_length=1)]
    support_multi: bool = False
    address: str | None = None
    service_phone: str | None = None
    biz_description: str | None = None


class PageChange(Page):
    page_id: Text


class Maintain(_Request):
    model_config = ConfigDict(extra="forbid", frozen=True)

    page_id: Text | None = None
    all: Literal[True] | None = None
    maintain: bool = True

    @model_validator(mode="after")
    def _one_target(self) -> "Maintain":
        if (self.page_id is None) == (self.all is None):
            raise ValueError("maintain names one page_id or all=true, not both")
        return self


class OrderQuery(_Request):
    model_config = ConfigDict(extra="forbid", frozen=True)

    begin_time: Time
    end_time: Time
    sort_type: Literal["ASC", "DESC"] = "ASC"
    offset: Time = 0
    count: Annotated[int, Field(strict=True, ge=1, le=MAX_ORDER_PAGE)] = MAX_ORDER_PAGE

    @model_validator(mode="after")
    def _range(self) -> "OrderQuery":
        if self.end_time < self.begin_time:
            raise ValueError("end_time is before begin_time")
        return self


class UserCardChange(_Request):
    """``card/generalcard/updateuser``: a user's gift card after it was used."""

    card_id: Text
    code: Text
    balance: Time | None = None
    bonus: Time | None = None


class Order(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    order_id: str
    page_id: str = ""
    trans_id: str = ""
    create_time: int = 0
    pay_finish_time: int = 0
    total_price: int = 0
    open_id: str = ""
    accepter_openid: str = ""
    card_list: list[dict[str, Any]] = Field(default_factory=list)
    outer_str: str = ""


class OrderPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    order_list: list[Order] = Field(default_factory=list)
    total_count: int = 0
