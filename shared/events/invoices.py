"""Electronic invoices (电子发票): a follower authorized an invoice into their card wallet, an
invoice's reimbursement status changed, a follower submitted an invoice title."""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event


@event("user_authorize_invoice")
class UserAuthorizeInvoiceEvent(WeChatEvent):
    """Either ``succ_order_id`` or ``fail_order_id``; ``source`` web, app, wxa or wap."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("succ_order_id", "fail_order_id")

    succ_order_id: OrAsSent[str] | None = None
    fail_order_id: OrAsSent[str] | None = None
    authorize_app_id: OrAsSent[str] | None = None
    source: OrAsSent[str] | None = None


@event("update_invoice_status")
class UpdateInvoiceStatusEvent(WeChatEvent):
    """``status`` INVOICE_REIMBURSE_INIT, _LOCK, _CLOSURE …; the invoice is ``card_id`` + ``code``."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("card_id", "code", "status")

    status: OrAsSent[str] | None
    card_id: OrAsSent[str] | None
    code: OrAsSent[str] | None


@event("submit_invoice_title")
class SubmitInvoiceTitleEvent(WeChatEvent):
    """``title_type`` InvoiceUserTitlePersonType or InvoiceUserTitleBusinessType; the tax number
    and the bank account are text."""

    title: OrAsSent[str] | None
    title_type: OrAsSent[str] | None
    tax_no: OrAsSent[str] | None = None
    addr: OrAsSent[str] | None = None
    phone: OrAsSent[str] | None = None
    bank_type: OrAsSent[str] | None = None
    bank_no: OrAsSent[str] | None = None
    attach: OrAsSent[str] | None = None
