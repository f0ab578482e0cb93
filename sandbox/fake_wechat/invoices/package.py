"""Invoices in followers' card packages and their reimbursement status, across accounts.

A platform inserts an invoice for an order its merchant's follower authorized; the follower hands a
reimbursing account the invoice's ``card_id`` and ``encrypt_code``. Reimbursement moves
INIT → LOCK → CLOSURE, and a lock back to INIT; only the account holding the lock moves a locked
invoice (72023 for the others), closing needs the lock first (72039), and a closed or reversed
invoice moves no more (72024). The platform records what it learns elsewhere (closed, locked,
cancelled by 冲红) on an invoice no reimbursing account holds.
"""

import base64
import hashlib
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import text

INIT, LOCK, CLOSURE, CANCEL = (
    "INVOICE_REIMBURSE_INIT", "INVOICE_REIMBURSE_LOCK", "INVOICE_REIMBURSE_CLOSURE", "INVOICE_REIMBURSE_CANCEL",
)  # fmt: skip
REIMBURSER_MOVES = {(INIT, LOCK), (LOCK, INIT), (LOCK, CLOSURE)}
VALID_YEARS = 5


def encrypt_code(code: str) -> str:
    """The ``encrypt_code`` a follower's choice carries for an invoice's ``code``."""
    return base64.b64encode(hashlib.sha256(f"invoice-code:{code}".encode()).digest()).decode()


@dataclass
class Invoice:
    card_id: str
    code: str
    openid: str
    template: dict[str, Any]
    user_data: dict[str, Any]
    pdf_url: str
    inserted: float
    status: str = INIT
    locked_by: str | None = None

    def describe(self) -> dict[str, Any]:
        user_info = {**self.user_data, "pdf_url": self.pdf_url, "reimburse_status": self.status}
        user_info.pop("s_pdf_media_id", None)
        user_info.pop("s_trip_pdf_media_id", None)
        return {
            "card_id": self.card_id, "begin_time": int(self.inserted),
            "end_time": int(self.inserted) + VALID_YEARS * 365 * 86400, "user_card_status": "NORMAL",
            "openid": self.openid,
            "type": self.template["type"], "payee": self.template["payee"], "detail": self.template.get("detail", ""),
            "user_info": user_info,
        }  # fmt: skip


class CardPackage:
    def __init__(self) -> None:
        self._invoices: dict[tuple[str, str], Invoice] = {}
        self._by_encrypt_code: dict[str, str] = {}
        self._billing: set[tuple[str, str]] = set()

    def add(self, invoice: Invoice) -> None:
        billing = (str(invoice.user_data["billing_code"]), str(invoice.user_data["billing_no"]))
        if billing in self._billing:
            raise fail(InvoiceCode.BILLING_REPEATED)
        self._billing.add(billing)
        self._invoices[(invoice.card_id, invoice.code)] = invoice
        self._by_encrypt_code[encrypt_code(invoice.code)] = invoice.code

    def by_code(self, card_id: str, code: str) -> Invoice | None:
        return self._invoices.get((card_id, code))

    def chosen(self, item: object) -> Invoice:
        """The invoice a ``{card_id, encrypt_code}`` names (72031 for one that names none, as WeChat answers)."""
        if not isinstance(item, dict):
            raise fail(InvoiceCode.INVALID_PARAMS, "item")
        code = self._by_encrypt_code.get(text(item, "encrypt_code"))
        found = self._invoices.get((text(item, "card_id"), code or ""))
        if found is None:
            raise fail(InvoiceCode.INVALID_PARAMS, "card_id/encrypt_code")
        return found

    def chosen_list(self, body: dict[str, Any], name: str) -> list[Invoice]:
        items = body.get(name)
        if not isinstance(items, list) or not items:
            raise fail(InvoiceCode.INVALID_PARAMS, name)
        return [self.chosen(item) for item in items]


def reimburser_move(invoice: Invoice, app_id: str, target: object) -> None:
    """Check that ``app_id`` may move ``invoice`` to ``target`` (nothing changes here)."""
    if target not in (INIT, LOCK, CLOSURE):
        raise fail(InvoiceCode.INVALID_PARAMS, "reimburse_status")
    if invoice.status in (CLOSURE, CANCEL):
        raise fail(InvoiceCode.STATUS_ERROR)
    if invoice.status == LOCK and invoice.locked_by != app_id:
        raise fail(InvoiceCode.HAS_BEEN_LOCKED)
    if (invoice.status, target) == (INIT, CLOSURE):
        raise fail(InvoiceCode.LOCK_FIRST)
    if (invoice.status, target) not in REIMBURSER_MOVES:
        raise fail(InvoiceCode.STATUS_ERROR)


def apply_move(invoice: Invoice, app_id: str, target: str) -> None:
    invoice.status = target
    invoice.locked_by = app_id if target == LOCK else None


def platform_move(invoice: Invoice, app_id: str, target: object) -> None:
    """The platform records a status learnt elsewhere (reimbursed, locked, or reversed: CANCEL), but
    neither reopens a closed or cancelled invoice (72024) nor overrides a reimbursing account's lock (72023)."""
    if target not in (INIT, LOCK, CLOSURE, CANCEL):
        raise fail(InvoiceCode.INVALID_PARAMS, "reimburse_status")
    if invoice.status in (CLOSURE, CANCEL):
        raise fail(InvoiceCode.STATUS_ERROR)
    if invoice.status == LOCK and invoice.locked_by != app_id:
        raise fail(InvoiceCode.HAS_BEEN_LOCKED)
    apply_move(invoice, app_id, str(target))
