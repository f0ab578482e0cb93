"""微信发票, the merchant's side: the authorization page, the merchant's settings, 统一开票 and invoice titles.

Validated as WeChat validates them, so that a bad call fails before it is sent: an authorization names
its platform (``s_pappid``), the order, its amount in fen and where the page opens (``source``; ``web``
needs the ``redirect_url`` the follower returns to); a WeChat Pay merchant number is digits; a title
given by the merchant (``user_fill`` 0) is required.
"""

import enum
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.request import WeChatRequest

Text = Annotated[str, Field(min_length=1)]
Fen = Annotated[int, Field(strict=True, ge=0)]
Source = Literal["app", "web", "wap", "wxa"]  # an App, WeChat's H5, another web page, a mini program
AUTH_SUCCESS = "auth success"  # "never auth" until the follower accepts


class AuthType(enum.IntEnum):
    INVOICE = 0  # 申请开票: the merchant has the title already
    FILL_TITLE = 1  # 填写抬头申请开票: the follower picks or fills a title (the only type after payment)
    COLLECT = 2  # 领取发票: an invoice already issued, collected into the card package


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class AuthRequest(WeChatRequest):
    s_pappid: Text
    order_id: Text
    money: Fen
    timestamp: Fen
    source: Source
    ticket: Text  # the wx_card api_ticket: the token service's GET /v1/apps/{app_id}/card-ticket
    type: AuthType
    redirect_url: Text | None = None

    @model_validator(mode="after")
    def _redirect(self) -> Self:
        if self.source == "web" and self.redirect_url is None:
            raise ValueError("an authorization page opened in WeChat (source web) needs its redirect_url")
        return self


class AuthUrl(_Answer):
    auth_url: str
    appid: str | None = None  # the mini program that opens the page (source wxa)


class AuthData(_Answer):
    invoice_status: str
    auth_time: int | None = None
    user_auth_info: dict[str, Any] = Field(default_factory=dict)

    @property
    def authorized(self) -> bool:
        return self.invoice_status == AUTH_SUCCESS


class PayMch(WeChatRequest):
    mchid: Annotated[str, Field(pattern=r"^\d{8,10}$")]
    s_pappid: Text


class CustomField(WeChatRequest):
    key: Text
    is_require: Literal[0, 1] = 0
    notice: str | None = None


Flag = Literal[0, 1]


class UserField(WeChatRequest):
    show_title: Flag = 1
    show_phone: Flag = 0
    show_email: Flag = 0
    require_phone: Flag = 0
    require_email: Flag = 0
    custom_field: list[CustomField] = Field(default_factory=list)


class BizField(WeChatRequest):
    show_title: Flag = 1
    show_tax_no: Flag = 0
    show_addr: Flag = 0
    show_phone: Flag = 0
    show_bank_type: Flag = 0
    show_bank_no: Flag = 0
    require_tax_no: Flag = 0
    require_addr: Flag = 0
    require_phone: Flag = 0
    require_bank_type: Flag = 0
    require_bank_no: Flag = 0
    custom_field: list[CustomField] = Field(default_factory=list)


class AuthField(WeChatRequest):
    """What the authorization page asks an individual (``user_field``) and a company (``biz_field``)."""

    user_field: UserField = Field(default_factory=UserField)
    biz_field: BizField = Field(default_factory=BizField)


class Contact(WeChatRequest):
    phone: Text
    time_out: Annotated[int, Field(strict=True, ge=1)]  # seconds a follower waits before contacting the merchant


class InvoiceLine(WeChatRequest):
    fphxz: Literal["0", "1", "2"] = "0"  # 发票行性质: normal, discount, discounted line
    spbm: Text  # 税收分类编码
    xmmc: Text
    dw: str | None = None
    ggxh: str | None = None
    xmsl: str | None = None
    xmdj: str | None = None
    xmje: Text
    sl: Text
    se: Text


class BlueInvoice(WeChatRequest):
    """统一开票: an invoice for an order (``ddh``) the follower (``wxopenid``) authorized."""

    wxopenid: Text
    ddh: Text
    fpqqlsh: Annotated[str, Field(min_length=1, max_length=20)]
    nsrsbh: Text
    nsrmc: Text
    nsrdz: Text
    nsrdh: Text
    nsrbank: Text
    nsrbankid: Text
    ghfmc: Text
    kpr: Text
    jshj: Text
    hjje: Text
    hjse: Text
    hylx: Literal["0", "1"] = "0"
    ghfnsrsbh: str | None = None
    ghfdz: str | None = None
    ghfdh: str | None = None
    ghfbank: str | None = None
    ghfbankid: str | None = None
    skr: str | None = None
    fhr: str | None = None
    bz: str | None = None
    invoicedetail_list: Annotated[list[InvoiceLine], Field(min_length=1)]


class RedInvoice(WeChatRequest):
    """统一开票: reverse (冲红) the blue invoice ``yfpdm``/``yfphm`` with a new request serial."""

    wxopenid: Text
    fpqqlsh: Annotated[str, Field(min_length=1, max_length=20)]
    nsrsbh: Text
    nsrmc: Text
    yfpdm: Text
    yfphm: Text


class IssuedInvoice(_Answer):
    fpqqlsh: str
    fpdm: str
    fphm: str
    jym: str
    kprq: str  # yyyyMMddHHmmss
    pdfurl: str


class UserTitle(WeChatRequest):
    """``biz/getusertitleurl``: a title saved into the follower's WeChat (given here, or filled in by them)."""

    user_fill: Literal[0, 1] = 0
    title: str | None = None
    phone: str | None = None
    tax_no: str | None = None
    addr: str | None = None
    bank_type: str | None = None
    bank_no: str | None = None
    out_title_id: str | None = None

    @model_validator(mode="after")
    def _title(self) -> Self:
        if self.user_fill == 0 and not self.title:
            raise ValueError("a title the merchant gives (user_fill 0) needs its title")
        return self


class Title(_Answer):
    title_type: Literal[0, 1]  # 0 a company, 1 an individual
    title: str
    phone: str | None = None
    tax_no: str | None = None
    addr: str | None = None
    bank_type: str | None = None
    bank_no: str | None = None
