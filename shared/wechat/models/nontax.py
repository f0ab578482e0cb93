"""非税缴费: what the non-tax payment calls take, checked as WeChat checks them, and what they answer.

A notice is named by its region (``region_code``, the six-digit 行政区划代码), its department
(``department_code``) and either its ``payment_notice_no`` or, for a fee without a notice, the
bureau's ``order_no`` — exactly one. Amounts are fen; an order's items add up to its ``fee``; dates
are ``YYYYMMDD``. A partial refund names its ``refund_fee`` and its own ``refund_out_id`` together.
The calling account's ``appid`` is added by the typed client, never given by the caller.
"""

import csv
import io
import re
from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

Fen = Annotated[int, Field(strict=True, ge=0)]
PositiveFen = Annotated[int, Field(strict=True, ge=1)]
Text = Annotated[str, Field(min_length=1)]
Region = Annotated[str, Field(pattern=r"^[0-9]{6}$")]
Scene = Literal["biz", "ctiyservice", "miniprogram", "offline", "pc", "app", "other"]  # WeChat's spelling
TradeType = Literal["JSAPI", "MWEB"]  # JSAPI by default; MWEB: H5 outside WeChat's browser
BillType = Literal["ALL", "SUCCESS", "REFUND"]
UNPAID, PAID, PAID_TOO, REFUNDED, REFUNDING, CLOSED = 1, 3, 4, 5, 6, 12
_AUTH_CODE = r"^1[0-5][0-9]{16}$"  # a WeChat payment code: 18 digits starting 10-15
_URL = re.compile(r"https?://[^\s/]+(/\S*)?")


class AppBody(BaseModel):
    """A request body that carries the calling account's ``appid`` (added by ``body``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def body(self, app_id: str) -> dict[str, Any]:
        """The request body, with the calling account's ``appid``."""
        return {"appid": app_id, **self.model_dump(mode="json", exclude_none=True)}


class Item(AppBody):
    no: Annotated[int, Field(strict=True, ge=1)]
    item_id: Text
    item_name: Text
    fee: Fen
    overdue: Fen | None = None  # 滞纳金
    penalty: Fen | None = None  # 加罚


class Notice(AppBody):
    """Which notice: region, department and ``payment_notice_no`` or (without a notice) ``order_no``."""

    region_code: Region
    department_code: Text
    payment_notice_no: Text | None = None
    order_no: Text | None = None

    @model_validator(mode="after")
    def _one_number(self) -> Self:
        if (self.payment_notice_no is None) == (self.order_no is None):
            raise ValueError("name exactly one of payment_notice_no and order_no")
        return self


class FeeQuery(Notice):
    service_id: Annotated[int, Field(strict=True, ge=0)]
    payment_notice_type: Literal[1, 2] | None = None  # ordinary, penalty
    bank_id: Text | None = None

    @model_validator(mode="after")
    def _by_notice(self) -> Self:
        if self.payment_notice_no is None:
            raise ValueError("queryfee reads a notice: payment_notice_no")
        return self


class _Order(Notice):
    desc: Text
    fee: PositiveFen
    payment_notice_create_time: Fen
    payment_expire_date: date | None = None  # 限缴日期, optional
    department_name: Text
    items: Annotated[list[Item], Field(min_length=1)]
    payment_notice_type: Literal[1, 2] | None = None
    user_name: Text | None = None
    bank_id: Text | None = None
    bank_account: Text | None = None
    mch_id: Text | None = None

    @field_serializer("payment_expire_date")
    def _ymd(self, day: date | None) -> str | None:
        return None if day is None else day.strftime("%Y%m%d")

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        if sum(item.fee for item in self.items) != self.fee:
            raise ValueError(f"the items' fee ({sum(item.fee for item in self.items)}) is not fee ({self.fee})")
        return self


class Order(_Order):
    """``unifiedorder``: an order the user pays at its ``pay_url``.

    ``openid`` is required except for an H5 order outside WeChat (``trade_type`` MWEB), ``return_url``
    except for a mini-program order (``scene`` miniprogram); ``app_appid`` names the app of an app order."""

    ip: Text
    scene: Scene
    openid: Text | None = None
    service_id: Annotated[int, Field(strict=True, ge=0)] | None = None
    return_url: Text | None = None
    auto_call_pay: bool | None = None
    trade_type: TradeType | None = None
    app_appid: Text | None = None

    @model_validator(mode="after")
    def _who_and_where_back(self) -> Self:
        if self.openid is None and self.trade_type != "MWEB":
            raise ValueError("openid is required unless trade_type is MWEB")
        if self.return_url is None and self.scene != "miniprogram":
            raise ValueError("return_url is required except for a mini-program order (scene miniprogram)")
        return self


class MicroPay(_Order):
    """``micropay``: the order paid at once with the payment code the user shows."""

    auth_code: Annotated[str, Field(pattern=_AUTH_CODE)]
    order_id: Text | None = None  # a retry: the order id an earlier (timed-out) call answered


class Refund(AppBody):
    order_id: Text
    reason: Text
    refund_fee: PositiveFen | None = None
    refund_out_id: Text | None = None

    @model_validator(mode="after")
    def _partial_is_named(self) -> Self:
        if (self.refund_fee is None) != (self.refund_out_id is None):
            raise ValueError("a partial refund names refund_fee and refund_out_id together")
        return self


class BillQuery(AppBody):
    mch_id: Text
    bill_date: date
    bill_type: BillType = "ALL"

    @field_serializer("bill_date")
    def _ymd(self, day: date) -> str:
        return day.strftime("%Y%m%d")


class MockTarget(AppBody):
    """Where ``mocknotification`` / ``mockqueryfee`` send their test data."""

    url: Text
    version: Annotated[int, Field(strict=True, ge=1)] = 1

    @model_validator(mode="after")
    def _web_address(self) -> Self:
        if not _URL.fullmatch(self.url):
            raise ValueError(f"url is an http or https address (got {self.url!r})")
        return self


class Placed(BaseModel):
    """``unifiedorder``'s answer."""

    model_config = ConfigDict(extra="allow", frozen=True)

    order_id: str
    pay_url: str = ""


class PartialRefund(BaseModel):
    """One refund in ``getorder``'s ``partial_refund_info`` (``refund_status`` 5 refunded, 6 refunding)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    refund_order_id: str = ""
    refund_reason: str = ""
    refund_fee: int = 0
    refund_status: int = 0
    refund_out_id: str = ""
    refund_finish_time: int = 0


class OrderInfo(BaseModel):
    """``getorder``'s answer; every field WeChat sends is kept."""

    model_config = ConfigDict(extra="allow", frozen=True)

    order_id: str
    status: int
    fee: int
    openid: str = ""
    trans_id: str = ""
    partial_refund_info: list[PartialRefund] = Field(default_factory=list)
    notify_history: list[dict[str, Any]] = Field(default_factory=list)  # {appid, name, notify_detail, notify_cnt}

    @property
    def paid(self) -> bool:
        return self.status in (PAID, PAID_TOO)


class OrderList(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    order_id_list: list[str] = Field(default_factory=list)
    paid_order_id: str = ""


class Statement(BaseModel):
    """``downloadbill``'s CSV: its rows by the header's names (the leading backquote gone), and its totals."""

    model_config = ConfigDict(frozen=True)

    rows: list[dict[str, str]]
    totals: dict[str, str]

    @classmethod
    def parse(cls, text: str) -> "Statement":
        lines = [row for row in csv.reader(io.StringIO(text)) if row]
        if len(lines) < 3:
            raise ValueError("a statement has a header, a totals title and the totals")
        header, rows, (title, totals) = lines[0], lines[1:-2], lines[-2:]
        clean = [[value.removeprefix("`") for value in row] for row in rows]
        return cls(
            rows=[dict(zip(header, row, strict=True)) for row in clean],
            totals=dict(zip(title, (value.removeprefix("`") for value in totals), strict=True)),
        )
