"""统一开票接口: a merchant's blue invoices (``makeoutinvoice``), their reversal by a red one
(``clearoutinvoice``) and their lookup (``queryinvoceinfo``), kept by seller tax number and request serial.

A blue invoice is for an order (``ddh``) the follower (``wxopenid``) authorized (72038 otherwise);
an empty required field is refused with its own 7300x code; a serial is used once; an invoice is
reversed once (72024 the second time).
"""

import hashlib
import time
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import mapping, text
from sandbox.fake_wechat.invoices.merchant import Merchant

BEIJING = 8 * 3600  # kprq is Beijing time
REQUIRED = (
    ("ddh", InvoiceCode.DDH_EMPTY), ("fpqqlsh", InvoiceCode.FPQQLSH_EMPTY), ("nsrmc", InvoiceCode.NSRMC_EMPTY),
    ("nsrdz", InvoiceCode.NSRDZ_EMPTY), ("nsrdh", InvoiceCode.NSRDH_EMPTY), ("ghfmc", InvoiceCode.GHFMC_EMPTY),
    ("kpr", InvoiceCode.KPR_EMPTY), ("jshj", InvoiceCode.JSHJ_EMPTY), ("hjje", InvoiceCode.HJJE_EMPTY),
)  # fmt: skip


@dataclass
class Issued:
    fpqqlsh: str
    fpdm: str
    fphm: str
    jym: str
    kprq: str
    red: bool
    reversed: bool = False

    def detail(self) -> dict[str, Any]:
        digest = hashlib.sha256(f"{self.fpdm}{self.fphm}".encode()).hexdigest()[:32]
        return {"fpqqlsh": self.fpqqlsh, "jym": self.jym, "kprq": self.kprq, "fpdm": self.fpdm, "fphm": self.fphm,
                "pdfurl": f"https://mp.weixin.qq.com/intp/invoice/pdf?id={digest}"}  # fmt: skip


def _digits(seed: str, count: int) -> str:
    return str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))[:count].rjust(count, "0")


class Billing:
    def __init__(self) -> None:
        self._issued: dict[tuple[str, str], Issued] = {}  # (nsrsbh, fpqqlsh)

    def _issue(self, nsrsbh: str, fpqqlsh: str, now: float, *, red: bool) -> Issued:
        if (nsrsbh, fpqqlsh) in self._issued:
            raise fail(InvoiceCode.INVALID_PARAMS, "fpqqlsh is used")
        seed = f"{nsrsbh}:{fpqqlsh}"
        issued = Issued(fpqqlsh, _digits(f"dm{seed}", 12), _digits(f"hm{seed}", 8), _digits(f"jym{seed}", 20),
                        time.strftime("%Y%m%d%H%M%S", time.gmtime(now + BEIJING)), red)  # fmt: skip
        self._issued[(nsrsbh, fpqqlsh)] = issued
        return issued

    def make_out(self, merchant: Merchant, body: dict[str, Any], now: float) -> dict[str, Any]:
        info = mapping(body, "invoiceinfo")
        openid = info.get("wxopenid")
        if not isinstance(openid, str) or not openid:
            raise fail(InvoiceCode.WXOPENID_ERROR)
        for name, code in REQUIRED:
            if not isinstance(info.get(name), str) or not info[name].strip():
                raise fail(code)
        items = info.get("invoicedetail_list")
        if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
            raise fail(InvoiceCode.INVALID_PARAMS, "invoicedetail_list")
        orders = [a for a in merchant.orders.values() if a.order_id == info["ddh"] and a.authorized]
        if not orders:
            raise fail(InvoiceCode.NEVER_AUTHORIZED)
        if orders[0].openid != openid:
            raise fail(InvoiceCode.WXOPENID_ERROR)
        self._issue(text(info, "nsrsbh"), info["fpqqlsh"], now, red=False)
        return {}

    def clear_out(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        info = mapping(body, "invoiceinfo")
        nsrsbh, fpqqlsh = text(info, "nsrsbh"), text(info, "fpqqlsh")
        text(info, "wxopenid"), text(info, "nsrmc")
        wanted = (text(info, "yfpdm"), text(info, "yfphm"))
        blue = next((i for (n, _), i in self._issued.items() if n == nsrsbh and (i.fpdm, i.fphm) == wanted), None)
        if blue is None or blue.red:
            raise fail(InvoiceCode.INVALID_PARAMS, "yfpdm/yfphm")
        if blue.reversed:
            raise fail(InvoiceCode.STATUS_ERROR)
        self._issue(nsrsbh, fpqqlsh, now, red=True)
        blue.reversed = True
        return {}

    def query(self, body: dict[str, Any]) -> dict[str, Any]:
        found = self._issued.get((text(body, "nsrsbh"), text(body, "fpqqlsh")))
        if found is None:
            raise fail(InvoiceCode.INVALID_PARAMS, "fpqqlsh")
        return {"invoicedetail": found.detail()}
