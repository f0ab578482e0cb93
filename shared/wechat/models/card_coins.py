"""券点: the coins an account spends on stock of 朋友的券, bought through WeChat Pay (1 点 = 1 元).

Stock is priced first (``card/pay/getpayprice``: an ``order_id`` and its ``price``), then confirmed
with that order (``card/pay/confirm``); orders are listed 50 at a time at most.
"""

import enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.request import WeChatRequest

MAX_ORDER_PAGE = 50
Text = Annotated[str, Field(min_length=1)]
Count = Annotated[int, Field(strict=True, ge=1)]


class OrderType(enum.StrEnum):
    WXPAY = "ORDER_TYPE_WXPAY"  # bought 券点
    SYS_ADD = "ORDER_TYPE_SYS_ADD"  # given by WeChat
    REFUND = "ORDER_TYPE_REFUND"
    REDUCE = "ORDER_TYPE_REDUCE"  # spent on stock
    SYS_REDUCE = "ORDER_TYPE_SYS_REDUCE"


class PriceQuery(WeChatRequest):
    card_id: Text
    quantity: Count


class Confirmation(PriceQuery):
    order_id: Text


class Recharge(WeChatRequest):
    coin_count: Count


class SortInfo(WeChatRequest):
    sort_key: str = "SORT_BY_TIME"
    sort_type: str = "SORT_DESC"


class OrderQuery(WeChatRequest):
    offset: Annotated[int, Field(strict=True, ge=0)] = 0
    count: Annotated[int, Field(strict=True, ge=1, le=MAX_ORDER_PAGE)] = MAX_ORDER_PAGE
    order_type: OrderType | None = None
    begin_time: Annotated[int, Field(strict=True, ge=0)]
    end_time: Annotated[int, Field(strict=True, ge=0)]
    sort_info: SortInfo = Field(default_factory=SortInfo)

    @model_validator(mode="after")
    def _range(self) -> "OrderQuery":
        if self.end_time < self.begin_time:
            raise ValueError("end_time is before begin_time")
        return self


class Price(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    order_id: str
    price: str  # in 券点, as WeChat writes it ("0.2")
    free_coin: str = "0"  # the part paid with free 券点
    pay_coin: str = "0"


class Coins(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    free_coin: int = 0
    pay_coin: int = 0
    total_coin: int = 0


class OrderPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    total_num: int = 0
    order_list: list[dict[str, Any]] = Field(default_factory=list)
