"""财政电子票据 in the fake (``nontax/getbillauthurl``, ``createbillcard``, ``insertbill``): a paid fee's
electronic receipt put into the payer's card wallet.

The bureau asks for an authorization page for its ``order_id`` (``getbillauthurl``: ``s_pappid``,
``money`` in fen, ``timestamp``, ``source``, and the account's current ``wx_card`` ticket) and
creates its receipt template (``createbillcard``: ``invoice_info.payee`` and
``invoice_info.base_info.logo_url`` → ``card_id``). ``authorize`` (control side) is the payer
agreeing on that page; then the finance bureau (the caller of ``insertbill``, which may be another
account) puts the receipt (``card_ext.user_card.invoice_user_data``:
``title``, ``fee``, ``billing_no``, ``billing_code``, ``billing_time``, ``s_pdf_media_id``) of an
order authorized with the body's ``appid`` (the 执收单位's account, which asked for the page) on one of
the caller's templates into the payer's wallet → ``{code, openid}``, once per order. Anything else is 40097.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer, invalid, required_text

SOURCES = ("web", "app")  # 公众号开票 / app开票
AUTH_PAGE = "https://mp.weixin.qq.com/bizmall/authnontaxbill?order_id="
AUTH_URL_LIFETIME = 3600
RECEIPT_FIELDS = ("title", "billing_no", "billing_code", "s_pdf_media_id")


@dataclass
class Bills:
    requests: dict[str, dict[str, Any]] = field(default_factory=dict)  # order_id → the authorization asked
    authorized: dict[str, str] = field(default_factory=dict)  # order_id → the payer's openid
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)  # card_id → invoice_info
    inserted: dict[str, dict[str, Any]] = field(default_factory=dict)  # order_id → the receipt


def auth_url(bills: Bills, body: dict[str, Any], card_tickets: list[str], now: float) -> dict[str, Any]:
    order_id = required_text(body, "order_id")
    required_text(body, "s_pappid")
    bounded_integer(body, "money")
    bounded_integer(body, "timestamp")
    if body.get("source") not in SOURCES:
        raise invalid("source")
    if body.get("ticket") not in card_tickets:
        raise invalid("ticket is not the account's current wx_card ticket")
    bills.requests[order_id] = {key: body[key] for key in ("s_pappid", "money", "source")}
    return {"auth_url": AUTH_PAGE + order_id, "expire_time": AUTH_URL_LIFETIME}


def create_card(bills: Bills, body: dict[str, Any]) -> dict[str, Any]:
    info = body.get("invoice_info")
    if not isinstance(info, dict) or not isinstance(info.get("base_info"), dict):
        raise invalid("invoice_info")
    required_text(info, "payee")
    required_text(info["base_info"], "logo_url")
    card_id = "p" + secrets.token_urlsafe(20)[:27]
    bills.templates[card_id] = dict(info)
    return {"card_id": card_id}


def insert(
    templates: Bills, authorizer: Bills, body: dict[str, Any], uploaded: Callable[[str], object]
) -> dict[str, Any]:
    """``templates``: the caller's (finance bureau's) receipts; ``authorizer``: those of the account
    named by the body's ``appid``, where the payer agreed; ``uploaded`` refuses an ``s_pdf_media_id``
    the caller has not uploaded (``card/invoice/platform/setpdf``) in the last 3 days."""
    order_id, card_id = required_text(body, "order_id"), required_text(body, "card_id")
    if card_id not in templates.templates:
        raise invalid("card_id is not one of the account's receipt templates")
    payer = authorizer.authorized.get(order_id)
    if payer is None:
        raise invalid("the payer has not authorized this order_id")
    if order_id in authorizer.inserted:
        raise invalid("the receipt of this order_id is already inserted")
    ext = body.get("card_ext")
    user_card = ext.get("user_card") if isinstance(ext, dict) else None
    receipt = user_card.get("invoice_user_data") if isinstance(user_card, dict) else None
    if not isinstance(receipt, dict):
        raise invalid("card_ext.user_card.invoice_user_data")
    for name in RECEIPT_FIELDS:
        required_text(receipt, name)
    for name in ("fee", "billing_time"):
        bounded_integer(receipt, name)
    uploaded(receipt["s_pdf_media_id"])
    code = "".join(secrets.choice("0123456789") for _ in range(12))
    authorizer.inserted[order_id] = {**receipt, "card_id": card_id, "code": code, "openid": payer}
    return {"code": code, "openid": payer}
