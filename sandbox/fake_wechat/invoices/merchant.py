"""A merchant's invoice settings (``card/invoice/setbizattr?action=…``) and its orders' authorizations.

A merchant sets its contact before any authorization page (72063 until then), and the page's fields
before a page of type 1 (填写字段开票授权; 72029 until then); the page is asked for with the merchant's
current ``wx_card`` api_ticket. An authorization belongs to the merchant,
the platform (``s_pappid``) and the order; it is pending until the follower accepts on the page, and a
merchant may then refuse to invoice it (``rejectinsert``), after which no invoice is inserted for it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sandbox.fake_wechat.invoices.codes import InvoiceCode, fail
from sandbox.fake_wechat.invoices.fields import amount, mapping, optional_text, text

SOURCES = ("app", "web", "wap", "wxa")  # App, WeChat H5, other web pages, mini program
AUTH_TYPES = (0, 1, 2)  # 开票授权, 填写字段开票授权, 领票授权
AUTH_SUCCESS, NEVER_AUTH = "auth success", "never auth"
AUTH_PAGE_MINI_PROGRAM = "wx0000000000invoice"  # the appid a mini program (source wxa) opens the page in
AUTH_PAGE = "https://mp.weixin.qq.com/bizmall/authinvoice"


@dataclass
class Authorization:
    order_id: str
    s_pappid: str
    money: int
    auth_type: int
    source: str
    openid: str | None = None
    auth_time: int | None = None
    user_auth_info: dict[str, Any] = field(default_factory=dict)
    rejected: str | None = None  # the merchant's reason

    @property
    def authorized(self) -> bool:
        return self.openid is not None


@dataclass
class Merchant:
    pay_mch: dict[str, str] | None = None
    auth_field: dict[str, Any] | None = None
    contact: dict[str, Any] | None = None
    orders: dict[tuple[str, str], Authorization] = field(default_factory=dict)  # (s_pappid, order_id)

    def settings(self, action: str, body: dict[str, Any], platforms: set[str]) -> dict[str, Any]:
        """``setbizattr?action=``: one of ``SETTINGS`` (72031 for any other action)."""
        setting = SETTINGS.get(action)
        if setting is None:
            raise fail(InvoiceCode.INVALID_PARAMS, "action")
        return setting(self, body, platforms)

    def _set_pay_mch(self, body: dict[str, Any], platforms: set[str]) -> dict[str, Any]:
        info = mapping(body, "paymch_info")
        mchid = info.get("mchid")
        if not isinstance(mchid, str) or not mchid.isdigit() or not 8 <= len(mchid) <= 10:
            raise fail(InvoiceCode.INVALID_MCHID)
        self.pay_mch = {"mchid": mchid, "s_pappid": _platform(info, platforms)}
        return {}

    def _get_pay_mch(self, _body: dict[str, Any], _platforms: set[str]) -> dict[str, Any]:
        if self.pay_mch is None:
            raise fail(InvoiceCode.PAY_MCH_NOT_SET)
        return {"paymch_info": dict(self.pay_mch)}

    def _set_auth_field(self, body: dict[str, Any], _platforms: set[str]) -> dict[str, Any]:
        fields = mapping(body, "auth_field")
        self.auth_field = {"user_field": mapping(fields, "user_field"), "biz_field": mapping(fields, "biz_field")}
        return {}

    def _get_auth_field(self, _body: dict[str, Any], _platforms: set[str]) -> dict[str, Any]:
        if self.auth_field is None:
            raise fail(InvoiceCode.AUTH_FIELD_NOT_SET)
        return {"auth_field": dict(self.auth_field)}

    def _set_contact(self, body: dict[str, Any], _platforms: set[str]) -> dict[str, Any]:
        contact = mapping(body, "contact")
        time_out = amount(contact, "time_out")
        if time_out == 0:
            raise fail(InvoiceCode.INVALID_PARAMS, "time_out")
        self.contact = {"phone": text(contact, "phone", max_length=32), "time_out": time_out}
        return {}

    def _get_contact(self, _body: dict[str, Any], _platforms: set[str]) -> dict[str, Any]:
        if self.contact is None:
            raise fail(InvoiceCode.CONTACT_EMPTY)
        return {"contact": dict(self.contact)}

    def auth_url(self, body: dict[str, Any], platforms: set[str], card_tickets: set[str]) -> dict[str, Any]:
        """The page's URL; ``card_tickets`` are the merchant's current ``wx_card`` tickets (72031 for another)."""
        if self.contact is None:
            raise fail(InvoiceCode.CONTACT_EMPTY)
        s_pappid, order_id = _platform(body, platforms), text(body, "order_id", max_length=64)
        money, _ = amount(body, "money"), amount(body, "timestamp")
        source, auth_type = body.get("source"), body.get("type")
        if source not in SOURCES:
            raise fail(InvoiceCode.INVALID_PARAMS, "source")
        if source == "web":
            text(body, "redirect_url", max_length=1024)
        if text(body, "ticket") not in card_tickets:
            raise fail(InvoiceCode.INVALID_PARAMS, "ticket is not the account's current wx_card ticket")
        if auth_type not in AUTH_TYPES or isinstance(auth_type, bool):
            raise fail(InvoiceCode.INVALID_PARAMS, "type")
        if auth_type == 1 and self.auth_field is None:
            raise fail(InvoiceCode.AUTH_FIELD_NOT_SET)
        found = self.orders.get((s_pappid, order_id))
        if found is None or not found.authorized:
            self.orders[(s_pappid, order_id)] = Authorization(order_id, s_pappid, money, auth_type, source)
        query = {"action": "list", "s_pappid": s_pappid, "order_id": order_id, "source": source}
        url = f"{AUTH_PAGE}?{urlencode(query)}"
        return {"auth_url": url, "appid": AUTH_PAGE_MINI_PROGRAM} if source == "wxa" else {"auth_url": url}

    def order(self, body: dict[str, Any]) -> Authorization:
        """An order the follower authorized (72038 for one they did not, or that is not this merchant's)."""
        found = self.orders.get((str(body.get("s_pappid")), str(body.get("order_id"))))
        if found is None or not found.authorized:
            raise fail(InvoiceCode.NEVER_AUTHORIZED)
        return found

    def auth_data(self, body: dict[str, Any]) -> dict[str, Any]:
        """``never auth`` (errcode 0) until the follower accepts; then their title and the time."""
        found = self.orders.get((text(body, "s_pappid"), text(body, "order_id")))
        if found is None or not found.authorized:
            return {"invoice_status": NEVER_AUTH}
        return {"invoice_status": AUTH_SUCCESS, "auth_time": found.auth_time, "user_auth_info": found.user_auth_info}

    def reject(self, body: dict[str, Any]) -> dict[str, Any]:
        found = self.order(body)
        found.rejected = text(body, "reason", max_length=128)
        optional_text(body, "url", max_length=1024)
        return {}


Setting = Callable[[Merchant, dict[str, Any], set[str]], dict[str, Any]]
SETTINGS: dict[str, Setting] = {
    "set_pay_mch": Merchant._set_pay_mch, "get_pay_mch": Merchant._get_pay_mch,
    "set_auth_field": Merchant._set_auth_field, "get_auth_field": Merchant._get_auth_field,
    "set_contact": Merchant._set_contact, "get_contact": Merchant._get_contact,
}  # fmt: skip


def _platform(body: dict[str, Any], platforms: set[str]) -> str:
    s_pappid = text(body, "s_pappid")
    if s_pappid not in platforms:
        raise fail(InvoiceCode.INVALID_PARAMS, "s_pappid is no invoicing platform's")
    return s_pappid
