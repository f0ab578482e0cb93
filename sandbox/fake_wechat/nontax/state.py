"""非税缴费 per account, with no I/O: the finance system's receivables, orders, refunds, statements, tests.

The control side plays the other parties: ``issue`` puts a receivable in the finance system (what
``queryfee`` reads), ``pay`` is the user paying an order's ``pay_url``, ``realname_token`` the token a
user's consent gives the bureau. An order placed for a notice that already has a paid order is
refused; ``micropay`` is paid at once. A refund needs a paid order and leaves at most its fee
refunded; a partial one (``refund_fee``) needs its own ``refund_out_id``, and the same one again
answers the same refund. A day's statement is ready at 06:00 China time the next day.
"""

import base64
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer, invalid, required_text
from sandbox.fake_wechat.datacube_figures import CHINA
from sandbox.fake_wechat.nontax import bills, vehicle
from sandbox.fake_wechat.nontax.bill import BILL_TYPES, statement
from sandbox.fake_wechat.nontax.orders import (
    PAID,
    REFUNDED,
    SCENES,
    TRADE_TYPES,
    UNPAID,
    Order,
    check_appid,
    new_order_id,
    notice_key,
    order_fields,
    ymd,
)

REALNAME_PAGE = "https://nontax.weixin.qq.com/realname/auth?ticket="
REALNAME_PAGE_SECONDS = 1800  # how long getauthurl's page lives (WeChat names the field, not a value)
BILL_READY_HOUR = 6  # China time, the day after
AUTH_CODE = re.compile(r"1[0-5][0-9]{16}")  # a WeChat payment code: 18 digits starting 10-15
URL = re.compile(r"https?://[^\s/]+(/\S*)?")
PAY_PAGE = "https://nontax.weixin.qq.com/pay?order_id="


@dataclass
class Account:
    receivables: dict[tuple[str, str, str, str], dict[str, Any]] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)
    tests: list[dict[str, Any]] = field(default_factory=list)  # what mocknotification / mockqueryfee sent
    realname: dict[str, str] = field(default_factory=dict)  # wx_realname_token → openid
    realname_pages: dict[str, tuple[str, float]] = field(default_factory=dict)  # ticket → (redirect_url, expiry)
    vehicles: vehicle.Vehicles = field(default_factory=vehicle.Vehicles)  # 车主服务
    receipts: bills.Bills = field(default_factory=bills.Bills)  # 财政电子票据


class NonTax:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}

    def account(self, app_id: str) -> Account:
        return self._accounts.setdefault(app_id, Account())

    def _order(self, app_id: str, body: dict[str, Any]) -> Order:
        order = self.account(app_id).orders.get(str(body.get("order_id")))
        if order is None:
            raise invalid("order_id does not exist")
        return order

    # -- the other parties (control side) ---------------------------------------------------------

    def issue(self, app_id: str, receivable: dict[str, Any]) -> None:
        """The finance system holds ``receivable`` (queryfee's answer fields) for its notice."""
        self.account(app_id).receivables[notice_key(receivable)] = dict(receivable)

    def pay(self, app_id: str, order_id: str, openid: str, now: float) -> None:
        self._order(app_id, {"order_id": order_id}).pay(openid, now)

    def enroll(self, app_id: str, openid: str, plates: list[str]) -> None:
        """The user enables 车主服务 for ``plates``."""
        self.account(app_id).vehicles.enroll(openid, plates)

    def authorize_bill(self, app_id: str, order_id: str, openid: str) -> None:
        """The payer agrees, on the page ``getbillauthurl`` gave, to receive ``order_id``'s receipt."""
        account = self.account(app_id)
        if order_id not in account.receipts.requests:
            raise invalid("no authorization was asked for this order_id")
        account.receipts.authorized[order_id] = openid

    def realname_token(self, app_id: str, openid: str) -> str:
        token = secrets.token_urlsafe(24)
        self.account(app_id).realname[token] = openid
        return token

    def consent_realname(self, app_id: str, auth_url: str, openid: str, now: float) -> str:
        """The user agrees on ``getauthurl``'s page: where WeChat sends them, with a ``wx_realname_token``."""
        ticket = auth_url.removeprefix(REALNAME_PAGE)
        redirect_url, expiry = self.account(app_id).realname_pages.get(ticket, ("", 0.0))
        if now >= expiry:
            raise invalid("auth_url is unknown or expired")
        separator = "&" if "?" in redirect_url else "?"
        return f"{redirect_url}{separator}wx_realname_token={self.realname_token(app_id, openid)}"

    # -- WeChat's endpoints ------------------------------------------------------------------------

    def realname_auth_url(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """``intp/realname/getauthurl``: the page where a user lets the bureau read their real name."""
        redirect_url = body.get("redirect_url")
        if not isinstance(redirect_url, str) or not URL.fullmatch(redirect_url):
            raise invalid("redirect_url")
        ticket = secrets.token_urlsafe(18)
        self.account(app_id).realname_pages[ticket] = (redirect_url, now + REALNAME_PAGE_SECONDS)
        return {"auth_url": REALNAME_PAGE + ticket, "expires_in": REALNAME_PAGE_SECONDS}

    def query_fee(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        bounded_integer(body, "service_id")
        found = self.account(app_id).receivables.get(notice_key(body))
        if found is None:
            raise invalid("the finance system has no such payment_notice_no")
        return dict(found)

    def _place(self, app_id: str, body: dict[str, Any], now: float) -> Order:
        check_appid(app_id, body)
        notice, fee, fields = order_fields(body, datetime.fromtimestamp(now, CHINA).date())
        orders = self.account(app_id).orders
        if any(order.notice == notice and order.status == PAID for order in orders.values()):
            raise invalid("the notice is already paid")
        order = Order(new_order_id(), notice, fields, fee, now, openid=str(body.get("openid") or ""))
        orders[order.order_id] = order
        return order

    def unified_order(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """``openid`` unless an H5 (MWEB) order, ``return_url`` unless a mini-program order."""
        required_text(body, "ip")
        if body.get("scene") not in SCENES:
            raise invalid("scene")
        trade_type = body.get("trade_type", "JSAPI")
        if trade_type not in TRADE_TYPES:
            raise invalid("trade_type")
        if trade_type != "MWEB":
            required_text(body, "openid")
        if body["scene"] != "miniprogram":
            required_text(body, "return_url")
        if "app_appid" in body:
            required_text(body, "app_appid")
        order = self._place(app_id, body, now)
        order.fields["scene"] = body["scene"]
        return {"order_id": order.order_id, "pay_url": PAY_PAGE + order.order_id}

    def micropay(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """Paid at once; with an earlier answer's ``order_id`` (a retry) the same order again."""
        if not isinstance(body.get("auth_code"), str) or not AUTH_CODE.fullmatch(body["auth_code"]):
            raise invalid("auth_code is the 18-digit payment code")
        if "order_id" in body:
            check_appid(app_id, body)
            earlier = self._order(app_id, body)
            if earlier.notice != notice_key(body) or earlier.fields.get("auth_code") != body["auth_code"]:
                raise invalid("order_id is another payment's")
            return {"order_id": earlier.order_id}
        order = self._place(app_id, body, now)
        order.fields["scene"], order.fields["auth_code"] = "offline", body["auth_code"]
        order.pay("o" + hashed(body["auth_code"]), now)
        return {"order_id": order.order_id}

    def get_order(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        return self._order(app_id, body).describe(app_id)

    def order_list(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        notice = notice_key(body)
        orders = [order for order in self.account(app_id).orders.values() if order.notice == notice]
        paid = [order.order_id for order in orders if order.status == PAID]
        return {"order_id_list": [order.order_id for order in orders], "paid_order_id": paid[0] if paid else ""}

    def refund(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        order = self._order(app_id, body)
        reason = required_text(body, "reason")
        if order.status != PAID:
            raise invalid("order is not paid" if order.status == UNPAID else "order is refunded")
        remaining = order.fee - order.refunded
        if "refund_fee" in body:
            fee, out_id = bounded_integer(body, "refund_fee", low=1), required_text(body, "refund_out_id")
            for done in order.refunds:
                if done["refund_out_id"] == out_id:
                    if done["refund_fee"] != fee:
                        raise invalid("refund_out_id was used for another refund_fee")
                    return {"refund_order_id": done["refund_order_id"]}
            if fee > remaining:
                raise invalid("refund_fee is more than is left to refund")
        else:
            fee, out_id = remaining, str(body.get("refund_out_id") or "")
        refund = {
            "refund_order_id": new_order_id(), "refund_out_id": out_id, "refund_fee": fee, "reason": reason,
            "time": now,
        }  # fmt: skip
        order.refunds.append(refund)
        if order.refunded == order.fee:
            order.status = REFUNDED
        return {"refund_order_id": refund["refund_order_id"]}

    def notify_inconsistent(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        """WeChat sends the order's notification again (to the last test ``url`` the bureau gave, if any)."""
        tests = [test["url"] for test in self.account(app_id).tests if test["kind"] == "notification"]
        self._order(app_id, body).notify(tests[-1] if tests else "", now)
        return {}

    def _mock(self, kind: str, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        check_appid(app_id, body)
        if not isinstance(body.get("url"), str) or not URL.fullmatch(body["url"]):
            raise invalid("url")
        version = bounded_integer(body, "version", low=1, default=1)
        self.account(app_id).tests.append({"kind": kind, "url": body["url"], "version": version, "time": now})
        return {}

    def mock_notification(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return self._mock("notification", app_id, body, now)

    def mock_query_fee(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return self._mock("queryfee", app_id, body, now)

    def real_name(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        openid = self.account(app_id).realname.get(str(body.get("wx_realname_token")))
        if openid is None:
            raise invalid("wx_realname_token")
        sealed = base64.b64encode(f"{app_id}:{openid}".encode()).decode()
        return {"key_encrypt_type": "RSA", "key": hashed(openid), "data_encrypt_type": "AES", "data": sealed}

    def vehicle_state(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return vehicle.query_state(app_id, self.account(app_id).vehicles, body)

    def vehicle_entrance(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return vehicle.entrance(app_id, self.account(app_id).vehicles, body, now)

    def vehicle_pay(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """A deduction: a paid order for the plate's owner; the same ``order_no`` again is the same order."""
        account = self.account(app_id)
        owner = vehicle.owner_of(app_id, account.vehicles, body)
        notice, fee = notice_key(body), bounded_integer(body, "fee", low=1)
        for order in account.orders.values():
            if order.notice == notice:
                return {"order_id": order.order_id}
        fields = {
            "desc": required_text(body, "desc"),
            "department_name": required_text(body, "department_name"),
            "items": [],
        }
        order = Order(new_order_id(), notice, {**fields, "scene": "offline"}, fee, now)
        order.pay(owner, now)
        account.orders[order.order_id] = order
        return {"order_id": order.order_id}

    def bill_auth_url(self, app_id: str, body: dict[str, Any], now: float, card_tickets: list[str]) -> dict[str, Any]:
        return bills.auth_url(self.account(app_id).receipts, body, card_tickets, now)

    def create_bill_card(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return bills.create_card(self.account(app_id).receipts, body)

    def insert_bill(
        self, app_id: str, body: dict[str, Any], now: float, uploaded: Callable[[str], object]
    ) -> dict[str, Any]:
        """The caller (财政局) inserts on its template the receipt of an order authorized with ``appid``
        (一般为执收单位appid, often another account), its PDF one the caller uploaded (``uploaded``)."""
        authorizer = self.account(required_text(body, "appid")).receipts
        return bills.insert(self.account(app_id).receipts, authorizer, body, uploaded)

    def bill(self, app_id: str, body: dict[str, Any], now: float) -> str:
        """``downloadbill``'s CSV text (its errors are JSON, as ever)."""
        check_appid(app_id, body)
        required_text(body, "mch_id")
        day = ymd(body.get("bill_date"), "bill_date")
        bill_type = body.get("bill_type", "ALL")
        if bill_type not in BILL_TYPES:
            raise invalid("bill_type")
        ready = datetime(day.year, day.month, day.day, tzinfo=CHINA) + timedelta(days=1, hours=BILL_READY_HOUR)
        if now < ready.timestamp():
            raise invalid("the statement of bill_date is not ready (06:00 the next day)")
        return statement(app_id, list(self.account(app_id).orders.values()), day, bill_type)


def hashed(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:28]
