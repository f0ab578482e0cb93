"""Invoice titles (抬头): links that save a title into a follower's WeChat or ask followers for one, and
the title QR code a follower shows at a till, readable for ``TITLE_QR_SECONDS`` (72044 after)."""

import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import optional_text, text

TITLE_QR_SECONDS = 60.0
COMPANY, PERSON = 0, 1  # title_type
TITLE_FIELDS = ("phone", "tax_no", "addr", "bank_type", "bank_no")


@dataclass(frozen=True)
class ShownTitle:
    title: dict[str, Any]
    shown: float


class Titles:
    def __init__(self) -> None:
        self._shown: dict[str, ShownTitle] = {}

    def user_title_url(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        user_fill = body.get("user_fill", 0)  # 0: the merchant gives the title, 1: the follower fills it in
        if user_fill not in (0, 1) or isinstance(user_fill, bool):
            raise fail(InvoiceCode.INVALID_PARAMS, "user_fill")
        title = text(body, "title", max_length=128) if user_fill == 0 else optional_text(body, "title", max_length=128)
        for name in (*TITLE_FIELDS, "out_title_id"):
            optional_text(body, name, max_length=128)
        key = hashlib.sha256(f"{app_id}:{title}:{body.get('out_title_id')}".encode()).hexdigest()[:24]
        return {"url": f"https://mp.weixin.qq.com/bizmall/invoicetitle?action=add&key={key}"}

    def select_title_url(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        attach = optional_text(body, "attach", max_length=256) or ""
        optional_text(body, "biz_name", max_length=64)
        key = hashlib.sha256(f"{app_id}:select".encode()).hexdigest()[:24]
        return {"url": f"https://mp.weixin.qq.com/bizmall/invoicetitle?action=select&key={key}&attach={quote(attach)}"}

    def show(self, title: dict[str, Any], now: float) -> str:
        """A follower opens 我的发票抬头: the text its QR code carries."""
        scan_text = hashlib.sha256(f"{sorted(title.items())}:{now}:{len(self._shown)}".encode()).hexdigest()[:28]
        self._shown[scan_text] = ShownTitle(dict(title), now)
        return scan_text

    def scan(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        found = self._shown.get(text(body, "scan_text"))
        if found is None:
            raise fail(InvoiceCode.INVALID_PARAMS, "scan_text")
        if now - found.shown > TITLE_QR_SECONDS:
            raise fail(InvoiceCode.SCAN_TEXT_EXPIRED)
        return dict(found.title)
