"""Every account's invoices in the fake, with no I/O: merchants, platforms, the card packages, 统一开票 and titles.

The roles meet across accounts: a merchant's order is authorized for a platform's ``s_pappid``; that
platform inserts the invoice into the follower's card package; any reimbursing account reads and
locks it. One account may play every role (a merchant with its own platform, 自建平台).
"""

import hashlib
from collections import defaultdict
from typing import Any

from sandbox.fake_wechat.invoices.billing import Billing
from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import amount, mapping, text
from sandbox.fake_wechat.invoices.merchant import Merchant
from sandbox.fake_wechat.invoices.package import (
    CardPackage,
    Invoice,
    apply_move,
    platform_move,
    reimburser_move,
)
from sandbox.fake_wechat.invoices.platform import Platform, pdf_url, s_pappid_of
from sandbox.fake_wechat.invoices.titles import Titles

BILLING_CODE_DIGITS, BILLING_NO_DIGITS, DIGITAL_NO_DIGITS = (10, 12), 8, 20  # 20: a 数电 invoice's number


class Invoices:
    def __init__(self) -> None:
        self.merchants: defaultdict[str, Merchant] = defaultdict(Merchant)
        self.platforms: dict[str, Platform] = {}
        self.package = CardPackage()
        self.billing: defaultdict[str, Billing] = defaultdict(Billing)
        self.titles: defaultdict[str, Titles] = defaultdict(Titles)

    def platform(self, app_id: str) -> Platform:
        return self.platforms.setdefault(app_id, Platform(app_id))

    def _platform_ids(self) -> set[str]:
        return {platform.s_pappid for platform in self.platforms.values()}

    # -- the merchant ---------------------------------------------------------------------------

    def settings(self, app_id: str, action: str | None, body: dict[str, Any]) -> dict[str, Any]:
        return self.merchants[app_id].settings(action or "", body, self._platform_ids())

    def auth_url(self, app_id: str, body: dict[str, Any], card_tickets: set[str]) -> dict[str, Any]:
        return self.merchants[app_id].auth_url(body, self._platform_ids(), card_tickets)

    def authorize(self, app_id: str, s_pappid: str, order_id: str, openid: str, now: float, **title: Any) -> None:
        """The follower accepts the authorization page of ``app_id``'s order (what WeChat's page does)."""
        found = self.merchants[app_id].orders.get((s_pappid, order_id))
        if found is None:
            raise fail(InvoiceCode.NEVER_AUTHORIZED)
        found.openid, found.auth_time = openid, int(now)
        found.user_auth_info = {"user_field": {"title": title.pop("title", "个人"), **title}}

    # -- the platform ---------------------------------------------------------------------------

    def insert(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        platform = self.platform(app_id)
        card_id, order_id = text(body, "card_id"), text(body, "order_id")
        template = platform.template(card_id)
        merchant = self.merchants.get(text(body, "appid"))
        if merchant is None:
            raise fail(InvoiceCode.NEVER_AUTHORIZED)
        order = merchant.order({"s_pappid": platform.s_pappid, "order_id": order_id})
        if order.rejected is not None:
            raise fail(InvoiceCode.REJECTED)
        card_ext = mapping(body, "card_ext")
        text(card_ext, "nonce_str")
        data = _user_data(mapping(mapping(card_ext, "user_card"), "invoice_user_data"))
        s_media_id = text(data, "s_pdf_media_id")
        platform.pdf(s_media_id, now)
        if data.get("s_trip_pdf_media_id"):
            platform.pdf(data["s_trip_pdf_media_id"], now)
        code, openid = _code(card_id, data), order.openid or ""
        self.package.add(Invoice(card_id, code, openid, template, data, pdf_url(app_id, s_media_id), now))
        return {"code": code, "openid": openid}

    def update_status(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        card_id = text(body, "card_id")
        self.platform(app_id).template(card_id)
        invoice = self.package.by_code(card_id, text(body, "code"))
        if invoice is None:
            raise fail(InvoiceCode.NEVER_AUTHORIZED)
        platform_move(invoice, app_id, body.get("reimburse_status"))
        return {}

    # -- the reimbursing account ----------------------------------------------------------------

    def invoice_info(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.package.chosen(body).describe()

    def invoice_batch(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"item_list": [invoice.describe() for invoice in self.package.chosen_list(body, "item_list")]}

    def reimburse(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        invoice, target = self.package.chosen(body), body.get("reimburse_status")
        reimburser_move(invoice, app_id, target)
        apply_move(invoice, app_id, str(target))
        return {}

    def reimburse_batch(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """All of one follower's invoices move, or none (checked before any moves)."""
        openid, target = text(body, "openid"), body.get("reimburse_status")
        invoices = self.package.chosen_list(body, "invoice_list")
        for invoice in invoices:
            if invoice.openid != openid:
                raise fail(InvoiceCode.OWNER_ERROR)
            reimburser_move(invoice, app_id, target)
        for invoice in invoices:
            apply_move(invoice, app_id, str(target))
        return {}


def _user_data(data: dict[str, Any]) -> dict[str, Any]:
    """An invoice's face: a 数电 invoice has a 20-digit number and no code (nor check code); another has a
    10- or 12-digit code, an 8-digit number and its check code (72045 without)."""
    for name in ("fee", "fee_without_tax", "tax"):
        amount(data, name)
    if not str(data.get("billing_time", "")).isdigit():  # a number, or its digits as a string
        raise fail(InvoiceCode.INVALID_PARAMS, "billing_time")
    text(data, "title", max_length=128)
    code, number = str(data.get("billing_code") or ""), str(data.get("billing_no", ""))
    digital = len(number) == DIGITAL_NO_DIGITS
    if not number.isdigit() or (len(number) != BILLING_NO_DIGITS and not digital):
        raise fail(InvoiceCode.BILLING_SIZE)
    code_fits = code == "" if digital else code.isdigit() and len(code) in BILLING_CODE_DIGITS
    if not code_fits:
        raise fail(InvoiceCode.BILLING_SIZE)
    if not digital and (not isinstance(data.get("check_code"), str) or not data["check_code"]):
        raise fail(InvoiceCode.CHECK_CODE_EMPTY)
    if "info" in data and not isinstance(data["info"], list):
        raise fail(InvoiceCode.INVALID_PARAMS, "info")
    return dict(data)


def _code(card_id: str, data: dict[str, Any]) -> str:
    seed = f"{card_id}:{data['billing_code']}:{data['billing_no']}"
    return str(int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**12).rjust(12, "0")


__all__ = ["Invoices", "s_pappid_of"]
