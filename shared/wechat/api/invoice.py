"""微信发票: authorize an order, set the merchant up, issue invoices (统一开票), insert them into a follower's
card package as their platform, reimburse them, and work with invoice titles."""

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.models.invoice import (
    AuthData,
    AuthField,
    AuthRequest,
    AuthUrl,
    BlueInvoice,
    Contact,
    IssuedInvoice,
    PayMch,
    RedInvoice,
    Title,
    UserTitle,
)
from shared.wechat.models.invoice_cards import (
    PDF,
    ChosenInvoice,
    Inserted,
    Insertion,
    InvoiceInfo,
    InvoiceTemplate,
    PdfUrl,
    ReimburseStatus,
)
from shared.wechat.models.media import check_upload
from shared.wechat.transport import Upload

MERCHANT_STATUSES = (ReimburseStatus.INIT, ReimburseStatus.LOCK, ReimburseStatus.CLOSURE)


def _text(value: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is a non-empty string (got {value!r})")
    return value


class InvoiceApi(ApiGroup):
    async def _settings(self, action: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._json("card/invoice/setbizattr", params={"action": action}, json=body)

    # -- the merchant ---------------------------------------------------------------------------

    async def auth_url(self, request: AuthRequest) -> AuthUrl:
        """The authorization page for one order (72063 until the merchant's contact is set)."""
        return await self._model("card/invoice/getauthurl", AuthUrl, json=request.body())

    async def auth_data(self, s_pappid: str, order_id: str) -> AuthData:
        body = {"s_pappid": _text(s_pappid, "s_pappid"), "order_id": _text(order_id, "order_id")}
        return await self._model("card/invoice/getauthdata", AuthData, json=body)

    async def reject(self, s_pappid: str, order_id: str, reason: str, url: str | None = None) -> None:
        """Refuse to invoice an authorized order: its invoice can no longer be inserted."""
        body = {"s_pappid": _text(s_pappid, "s_pappid"), "order_id": _text(order_id, "order_id"),
                "reason": _text(reason, "reason"), **({"url": url} if url else {})}  # fmt: skip
        await self._json("card/invoice/rejectinsert", json=body)

    async def set_pay_mch(self, pay_mch: PayMch) -> None:
        await self._settings("set_pay_mch", {"paymch_info": pay_mch.body()})

    async def pay_mch(self) -> PayMch:
        answer = await self._settings("get_pay_mch", {})
        return parse_answer("card/invoice/setbizattr", PayMch, answer.get("paymch_info", {}))

    async def set_auth_field(self, fields: AuthField) -> None:
        await self._settings("set_auth_field", {"auth_field": fields.body()})

    async def auth_field(self) -> dict[str, Any]:
        answer: dict[str, Any] = (await self._settings("get_auth_field", {})).get("auth_field", {})
        return answer

    async def set_contact(self, contact: Contact) -> None:
        await self._settings("set_contact", {"contact": contact.body()})

    async def contact(self) -> Contact:
        answer = await self._settings("get_contact", {})
        return parse_answer("card/invoice/setbizattr", Contact, answer.get("contact", {}))

    async def make_out(self, invoice: BlueInvoice) -> None:
        """统一开票: issue a blue invoice for an authorized order."""
        await self._json("card/invoice/makeoutinvoice", json={"invoiceinfo": invoice.body()})

    async def clear_out(self, invoice: RedInvoice) -> None:
        """统一开票: reverse (冲红) an issued invoice."""
        await self._json("card/invoice/clearoutinvoice", json={"invoiceinfo": invoice.body()})

    async def issued(self, fpqqlsh: str, nsrsbh: str) -> IssuedInvoice:
        body = {"fpqqlsh": _text(fpqqlsh, "fpqqlsh"), "nsrsbh": _text(nsrsbh, "nsrsbh")}
        answer = await self._json("card/invoice/queryinvoceinfo", json=body)
        return parse_answer("card/invoice/queryinvoceinfo", IssuedInvoice, answer.get("invoicedetail", {}))

    # -- the invoicing platform -----------------------------------------------------------------

    async def platform_id(self) -> str:
        """This platform's ``s_pappid`` (from the URL ``seturl`` answers)."""
        url = await self._text("card/invoice/seturl", "invoice_url", json={})
        found = parse_qs(urlsplit(url).query).get("s_pappid", [])
        if not found:
            raise WeChatError(ErrCode.SYSTEM_BUSY, "card/invoice/seturl answered a URL without s_pappid")
        return found[0]

    async def create_card(self, template: InvoiceTemplate) -> str:
        return await self._text("card/invoice/platform/createcard", "card_id", json={"invoice_info": template.body()})

    async def upload_pdf(self, upload: Upload) -> str:
        """An invoice's PDF (at most 2 MB): its ``s_media_id``, usable for three days."""
        check_upload(PDF, upload, "invoice PDF")
        return await self._text("card/invoice/platform/setpdf", "s_media_id", upload=upload)

    async def pdf_url(self, s_media_id: str) -> PdfUrl:
        """Sends ``action=get_url`` in the body (today's docs) and the query (the older request line)."""
        body = {"action": "get_url", "s_media_id": _text(s_media_id, "s_media_id")}
        return await self._model("card/invoice/platform/getpdf", PdfUrl, params={"action": "get_url"}, json=body)

    async def insert(self, insertion: Insertion) -> Inserted:
        """Put the invoice of an authorized order into the follower's card package: its ``code``."""
        return await self._model("card/invoice/insert", Inserted, json=insertion.body())

    async def platform_status(self, card_id: str, code: str, status: ReimburseStatus) -> None:
        """Record a status learnt elsewhere on an inserted invoice: reimbursed, locked, or reversed (CANCEL)."""
        body = {"card_id": _text(card_id, "card_id"), "code": _text(code, "code"),
                "reimburse_status": ReimburseStatus(status).value}  # fmt: skip
        await self._json("card/invoice/platform/updatestatus", json=body)

    # -- the reimbursing account ----------------------------------------------------------------

    async def invoice(self, chosen: ChosenInvoice) -> InvoiceInfo:
        return await self._model("card/invoice/reimburse/getinvoiceinfo", InvoiceInfo, json=chosen.body())

    async def invoices(self, chosen: Sequence[ChosenInvoice]) -> list[InvoiceInfo]:
        if not chosen:
            raise ValueError("name at least one invoice")
        body = {"item_list": [item.body() for item in chosen]}
        answer = await self._json("card/invoice/reimburse/getinvoicebatch", json=body)
        path = "card/invoice/reimburse/getinvoicebatch"
        return [parse_answer(path, InvoiceInfo, item) for item in answer.get("item_list", [])]

    async def reimburse(self, chosen: ChosenInvoice, status: ReimburseStatus) -> None:
        """Lock (LOCK), unlock (INIT) or close (CLOSURE, after locking) one invoice."""
        body = {**chosen.body(), "reimburse_status": _merchant_status(status)}
        await self._json("card/invoice/reimburse/updateinvoicestatus", json=body)

    async def reimburse_all(self, openid: str, chosen: Sequence[ChosenInvoice], status: ReimburseStatus) -> None:
        """Move one follower's invoices together: all of them, or none."""
        if not chosen:
            raise ValueError("name at least one invoice")
        body = {"openid": _text(openid, "openid"), "reimburse_status": _merchant_status(status),
                "invoice_list": [item.body() for item in chosen]}  # fmt: skip
        await self._json("card/invoice/reimburse/updatestatusbatch", json=body)

    # -- invoice titles -------------------------------------------------------------------------

    async def user_title_url(self, title: UserTitle) -> str:
        return await self._text("card/invoice/biz/getusertitleurl", "url", json=title.body())

    async def select_title_url(self, attach: str | None = None, biz_name: str | None = None) -> str:
        body = {name: value for name, value in (("attach", attach), ("biz_name", biz_name)) if value}
        return await self._text("card/invoice/biz/getselecttitleurl", "url", json=body)

    async def scan_title(self, scan_text: str) -> Title:
        body = {"scan_text": _text(scan_text, "scan_text")}
        return await self._model("card/invoice/scantitle", Title, json=body)


def _merchant_status(status: ReimburseStatus) -> str:
    if status not in MERCHANT_STATUSES:
        raise ValueError(f"a reimbursing account sets {', '.join(MERCHANT_STATUSES)} (got {status})")
    return str(status)
