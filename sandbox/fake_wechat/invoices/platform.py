"""An invoicing platform's own things: its ``s_pappid``, the invoice card templates it created for its
merchants, and the PDFs it uploaded (each an ``s_media_id``, kept three days)."""

import base64
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import mapping, optional_text, text

PDF_KEPT_SECONDS = 3 * 86400
PDF_URL_SECONDS = 7200  # how long a getpdf URL works
PDF_MAGIC = b"%PDF-"
MAX_PDF_BYTES = 2 * 1024 * 1024
TITLE_CHARS, ENTRY_NAME_CHARS = 9, 5
FIRST_MEDIA_ID = 4324363860661076972


def s_pappid_of(app_id: str) -> str:
    """The platform's id in WeChat's invoices, as ``seturl``'s URL carries it: like WeChat's, base64 that
    starts with the platform's appid (``d3…`` is ``wx…``), here URL-safe."""
    tail = hashlib.sha256(f"s_pappid:{app_id}".encode()).digest()[:21]
    return base64.urlsafe_b64encode(app_id.encode() + tail).decode().rstrip("=")


def card_id_of(app_id: str, number: int) -> str:
    return "p" + hashlib.sha256(f"invoice-card:{app_id}:{number}".encode()).hexdigest()[:27]


@dataclass
class Pdf:
    data: bytes
    uploaded: float


@dataclass
class Platform:
    app_id: str
    templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    pdfs: dict[str, Pdf] = field(default_factory=dict)  # the uploads of the last 3 days
    uploads: int = 0  # every upload ever, so an id is never given twice once old ones are dropped

    @property
    def s_pappid(self) -> str:
        return s_pappid_of(self.app_id)

    def invoice_url(self) -> dict[str, Any]:
        query = urlencode({"action": "list", "s_pappid": self.s_pappid})
        return {"invoice_url": f"https://mp.weixin.qq.com/bizmall/authinvoice?{query}"}

    def create_card(self, body: dict[str, Any]) -> dict[str, Any]:
        info = mapping(body, "invoice_info")
        base = mapping(info, "base_info")
        template = {
            "payee": text(info, "payee", max_length=128), "type": text(info, "type", max_length=64),
            "logo_url": text(base, "logo_url", max_length=128), "title": text(base, "title", max_length=TITLE_CHARS),
        }  # fmt: skip
        for name in ("custom_url_name", "promotion_url_name"):
            optional_text(base, name, max_length=ENTRY_NAME_CHARS)
        card_id = card_id_of(self.app_id, len(self.templates))
        self.templates[card_id] = template
        return {"card_id": card_id}

    def template(self, card_id: object) -> dict[str, Any]:
        found = self.templates.get(str(card_id))
        if found is None:
            raise fail(InvoiceCode.INVALID_CARD_ID)
        return found

    def upload_pdf(self, data: bytes, now: float) -> dict[str, Any]:
        if not data.startswith(PDF_MAGIC):
            raise fail(InvoiceCode.PDF_ERROR)
        for old in [media for media, pdf in self.pdfs.items() if now - pdf.uploaded >= PDF_KEPT_SECONDS]:
            del self.pdfs[old]  # past its 3 days: WeChat keeps it no longer, nor does the fake
        s_media_id = str(FIRST_MEDIA_ID + self.uploads)
        self.uploads += 1
        self.pdfs[s_media_id] = Pdf(data, now)
        return {"s_media_id": s_media_id}

    def pdf(self, s_media_id: object, now: float) -> Pdf:
        found = self.pdfs.get(str(s_media_id))
        if found is None or now - found.uploaded >= PDF_KEPT_SECONDS:
            raise fail(InvoiceCode.PDF_ERROR, "s_media_id")
        return found

    def pdf_url(self, action: object, body: dict[str, Any], now: float) -> dict[str, Any]:
        if action != "get_url":
            raise fail(InvoiceCode.INVALID_PARAMS, "action")
        s_media_id = text(body, "s_media_id")
        self.pdf(s_media_id, now)
        return {"pdf_url": pdf_url(self.app_id, s_media_id), "pdf_url_expire_time": PDF_URL_SECONDS}


def pdf_url(app_id: str, s_media_id: str) -> str:
    digest = hashlib.sha256(f"{app_id}:{s_media_id}".encode()).hexdigest()[:32]
    return f"https://mp.weixin.qq.com/intp/invoice/getpdf?media={digest}"
