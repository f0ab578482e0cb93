"""微信发票, the invoicing platform's and the reimbursing account's side: invoice card templates, the
invoice put into a follower's card package, and its reimbursement status.

A template's list title is at most 9 characters and its entry names at most 5; an invoice's code
(发票代码) is 10 or 12 digits and its number (发票号码) 8 digits, with a check code (a 数电 invoice has a
20-digit number, and neither code nor check code); amounts are
whole fen; the PDF is uploaded first (its ``s_media_id``). Reimbursement moves an invoice
INIT → LOCK → CLOSURE (or back from LOCK to INIT); a platform may set CLOSURE or CANCEL (冲红).
"""

import enum
import secrets
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.media import MB, Limit
from shared.wechat.models.request import WeChatRequest

Text = Annotated[str, Field(min_length=1)]
Fen = Annotated[int, Field(strict=True, ge=0)]
PDF = Limit(2 * MB, frozenset({"pdf"}))
DIGITAL_NO_DIGITS = 20


class ReimburseStatus(enum.StrEnum):
    INIT = "INVOICE_REIMBURSE_INIT"
    LOCK = "INVOICE_REIMBURSE_LOCK"
    CLOSURE = "INVOICE_REIMBURSE_CLOSURE"
    CANCEL = "INVOICE_REIMBURSE_CANCEL"  # reversed (冲红); set by the platform only


class BaseInfo(WeChatRequest):
    logo_url: Text
    title: Annotated[str, Field(min_length=1, max_length=9)]
    custom_url_name: Annotated[str, Field(max_length=5)] | None = None
    custom_url: str | None = None
    custom_url_sub_title: str | None = None
    promotion_url_name: Annotated[str, Field(max_length=5)] | None = None
    promotion_url: str | None = None
    promotion_url_sub_title: str | None = None


class InvoiceTemplate(WeChatRequest):
    base_info: BaseInfo
    payee: Text
    type: Text


class Item(WeChatRequest):
    name: Text
    num: Annotated[int, Field(strict=True, ge=0)] | None = None
    unit: str | None = None
    price: Fen
    fee: Fen | None = None


class InvoiceUserData(WeChatRequest):
    fee: Fen
    title: Text
    billing_time: Fen
    billing_no: Annotated[str, Field(pattern=r"^(\d{8}|\d{20})$")]
    billing_code: Annotated[str, Field(pattern=r"^(\d{10}|\d{12})?$")] = ""  # empty for a 数电 invoice
    fee_without_tax: Fen
    tax: Fen
    s_pdf_media_id: Text
    check_code: str = ""  # empty for a 数电 invoice
    info: list[Item] = Field(default_factory=list)
    s_trip_pdf_media_id: str | None = None
    buyer_number: str | None = None
    seller_number: str | None = None
    remarks: str | None = None

    @property
    def digital(self) -> bool:
        """A 数电 invoice: a 20-digit number, no code and no check code."""
        return len(self.billing_no) == DIGITAL_NO_DIGITS

    @model_validator(mode="after")
    def _face(self) -> Self:
        if self.digital and (self.billing_code or self.check_code):
            raise ValueError("a 数电 invoice (20-digit billing_no) has no billing_code nor check_code")
        if not self.digital and not (self.billing_code and self.check_code):
            raise ValueError("an invoice with an 8-digit billing_no needs its billing_code and check_code")
        return self


class Insertion(WeChatRequest):
    """``card/invoice/insert``: the merchant ``appid``'s authorized order, its invoice as ``card_id``."""

    order_id: Text
    card_id: Text
    appid: Text
    invoice: InvoiceUserData
    nonce_str: Annotated[str, Field(min_length=1, max_length=32)] = Field(default_factory=lambda: secrets.token_hex(16))

    def body(self) -> dict[str, Any]:
        user_card = {"invoice_user_data": self.invoice.body()}
        return {"order_id": self.order_id, "card_id": self.card_id, "appid": self.appid,
                "card_ext": {"nonce_str": self.nonce_str, "user_card": user_card}}  # fmt: skip


class Inserted(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    code: str
    openid: str
    unionid: str | None = None


class ChosenInvoice(WeChatRequest):
    """An invoice a follower chose (``wx.chooseInvoice``): its template and encrypted code."""

    card_id: Text
    encrypt_code: Text


class UserInfo(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    fee: int
    title: str
    billing_time: int | str
    billing_no: str
    billing_code: str
    fee_without_tax: int
    tax: int
    reimburse_status: ReimburseStatus
    pdf_url: str | None = None
    check_code: str | None = None
    info: list[dict[str, Any]] = Field(default_factory=list)


class InvoiceInfo(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    card_id: str
    begin_time: int
    end_time: int
    openid: str
    type: str
    payee: str
    detail: str = ""
    user_info: UserInfo


class PdfUrl(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    pdf_url: str
    pdf_url_expire_time: int
