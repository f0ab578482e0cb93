"""财政电子票据: a paid fee's electronic receipt, put into the payer's card wallet once they agree.

``getbillauthurl`` takes the bureau's ``order_id``, the finance bureau's ``s_pappid``, the amount
(``money``, fen), a ``timestamp``, where the page opens (``source``) and the account's current
``wx_card`` ticket; ``createbillcard`` the payee and a logo; ``insertbill`` the receipt itself.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.wechat.models.nontax import AppBody, Fen, Text

Source = Literal["web", "app"]  # 公众号开票 / app开票
Seconds = Annotated[int, Field(strict=True, ge=0)]


class AuthRequest(AppBody):
    order_id: Text
    s_pappid: Text
    money: Fen
    timestamp: Seconds
    source: Source
    ticket: Text
    redirect_url: Text | None = None


class _Logo(AppBody):
    logo_url: Text


class Template(AppBody):
    """``invoice_info``: who is paid, and the logo on the receipt."""

    payee: Text
    base_info: _Logo


class Receipt(AppBody):
    """``invoice_user_data``: the receipt as the finance system issued it."""

    title: Text
    fee: Fen
    billing_no: Text
    billing_code: Text
    billing_time: Seconds
    s_pdf_media_id: Text


class AuthPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    auth_url: str
    expire_time: int = 0


class Inserted(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    code: str
    openid: str
