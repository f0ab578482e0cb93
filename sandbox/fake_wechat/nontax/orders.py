"""非税 orders in the fake: what an order body must carry, and an order as ``getorder`` describes it.

An order is for one notice (``payment_notice_no``) or, without one, the bureau's own ``order_no``
(exactly one of the two), of one department in one region, with at least one item. The items'
``fee`` add up to the order's ``fee`` (fen); the notice's ``payment_expire_date`` (``YYYYMMDD``),
when given, is not past in China. Anything else is WeChat's 40097 with a reason; a body naming another account's
``appid`` is 40013.
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer, invalid, required_text
from sandbox.fake_wechat.errors import ApiError, ErrCode

UNPAID, PAID, REFUNDED, CLOSED = 1, 3, 5, 12  # WeChat's order status (4 is also paid, 6 refunding)
SCENES = ("biz", "ctiyservice", "miniprogram", "offline", "pc", "app", "other")  # WeChat's spelling
TRADE_TYPES = ("JSAPI", "MWEB")  # JSAPI by default; MWEB: H5 outside WeChat's browser
NOTICE_TYPES = (1, 2)  # ordinary, penalty
_YMD = re.compile(r"[0-9]{8}")
_REGION = re.compile(r"[0-9]{6}")


def check_appid(app_id: str, body: dict[str, Any]) -> None:
    if body.get("appid") != app_id:
        raise ApiError(ErrCode.INVALID_APPID, "invalid appid: the body's appid is not the calling account")


def ymd(value: object, name: str) -> date:
    if not isinstance(value, str) or not _YMD.fullmatch(value):
        raise invalid(f"{name} is YYYYMMDD")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise invalid(f"{name} is not a calendar day") from None


def notice_key(body: dict[str, Any]) -> tuple[str, str, str, str]:
    """(region, department, which, number): the notice an order is for, by ``payment_notice_no`` or ``order_no``."""
    region, department = required_text(body, "region_code"), required_text(body, "department_code")
    if not _REGION.fullmatch(region):
        raise invalid("region_code is six digits")
    named = [name for name in ("payment_notice_no", "order_no") if body.get(name) not in (None, "")]
    if len(named) != 1:
        raise invalid("name exactly one of payment_notice_no and order_no")
    return region, department, named[0], required_text(body, named[0])


def items(body: dict[str, Any], fee: int) -> list[dict[str, Any]]:
    listed = body.get("items")
    if not isinstance(listed, list) or not listed or not all(isinstance(item, dict) for item in listed):
        raise invalid("items")
    for item in listed:
        bounded_integer(item, "no", low=1)
        for name in ("item_id", "item_name"):
            required_text(item, name)
        for name in ("fee", "overdue", "penalty"):
            if name in item or name == "fee":
                bounded_integer(item, name)
    if sum(item["fee"] for item in listed) != fee:
        raise invalid("the items' fee does not add up to fee")
    return [dict(item) for item in listed]


@dataclass
class Order:
    order_id: str
    notice: tuple[str, str, str, str]
    fields: dict[str, Any]  # what the body said, as getorder repeats it
    fee: int
    created: float
    openid: str = ""
    status: int = UNPAID
    paid_at: float | None = None
    trans_id: str = ""
    refunds: list[dict[str, Any]] = field(default_factory=list)
    notifications: list[dict[str, Any]] = field(default_factory=list)  # WeChat's notify_detail rows, in order

    @property
    def refunded(self) -> int:
        return sum(int(refund["refund_fee"]) for refund in self.refunds)

    def pay(self, openid: str, now: float) -> None:
        if self.status != UNPAID:
            raise invalid("order is not awaiting payment")
        self.status, self.openid, self.paid_at = PAID, openid or self.openid, now
        self.trans_id = "42" + "".join(secrets.choice("0123456789") for _ in range(26))

    def notify(self, url: str, now: float) -> None:
        """WeChat (re)sends the bureau the order's payment notification (the bureau answered it)."""
        self.notifications.append({
            "notify_time": int(now), "ret": 0, "ret_errmsg": "ok", "cost_time": 35,
            "wxnontaxstr": secrets.token_hex(16), "status": self.status, "url": url, "errcode": 0, "errmsg": "",
            "third_resp": "", "third_resp_data": "",
        })  # fmt: skip

    def notify_history(self, app_id: str) -> list[dict[str, Any]]:
        """getorder's ``notify_history``: per receiving party, its first and last notification and their count."""
        if not self.notifications:
            return []
        first_and_last = [self.notifications[0], *self.notifications[1:][-1:]]
        return [{"appid": app_id, "name": "", "notify_detail": first_and_last, "notify_cnt": len(self.notifications)}]

    def describe(self, app_id: str) -> dict[str, Any]:
        last = self.refunds[-1] if self.refunds else {}
        region, department, which, number = self.notice
        return {
            "appid": app_id, "openid": self.openid, "order_id": self.order_id, "create_time": int(self.created),
            "pay_finish_time": int(self.paid_at or 0), "desc": self.fields["desc"], "fee": self.fee, "fee_type": 1,
            "trans_id": self.trans_id, "status": self.status, "bank_id": self.fields.get("bank_id", ""),
            "bank_name": "", "bank_account": self.fields.get("bank_account", ""), "bill_type_code": "", "bill_no": "",
            "refund_finish_time": int(last.get("time", 0)), "refund_reason": last.get("reason", ""),
            "refund_order_id": last.get("refund_order_id", ""), "refund_out_id": last.get("refund_out_id", ""),
            which: number, "department_code": department, "department_name": self.fields["department_name"],
            "payment_notice_type": self.fields.get("payment_notice_type", 1), "region_code": region,
            "items": self.fields["items"], "payment_info_source": 2, "scene": self.fields.get("scene", "offline"),
            "partial_refund_info": [
                {"refund_order_id": refund["refund_order_id"], "refund_reason": refund["reason"],
                 "refund_fee": refund["refund_fee"], "refund_finish_time": int(refund["time"]),
                 "refund_out_id": refund["refund_out_id"], "refund_status": REFUNDED}
                for refund in self.refunds
            ],
            "notify_history": self.notify_history(app_id),
        }  # fmt: skip


def order_fields(body: dict[str, Any], today: date) -> tuple[tuple[str, str, str, str], int, dict[str, Any]]:
    """The notice, fee and fields of an order body (``unifiedorder`` or ``micropay``), or 40097."""
    notice = notice_key(body)
    fee = bounded_integer(body, "fee", low=1)
    fields: dict[str, Any] = {
        "desc": required_text(body, "desc"),
        "department_name": required_text(body, "department_name"),
    }
    fields["items"] = items(body, fee)
    bounded_integer(body, "payment_notice_create_time")
    if "payment_expire_date" in body and ymd(body["payment_expire_date"], "payment_expire_date") < today:
        raise invalid("the notice's payment_expire_date has passed")
    notice_type = body.get("payment_notice_type", 1)
    if notice_type not in NOTICE_TYPES or isinstance(notice_type, bool):
        raise invalid("payment_notice_type")
    fields["payment_notice_type"] = notice_type
    for name in ("bank_id", "bank_account", "mch_id", "user_name"):
        if isinstance(body.get(name), str):
            fields[name] = body[name]
    return notice, fee, fields


def new_order_id() -> str:
    """28 characters, as WeChat's ``AQCAGxwqp6-aBeIKDJ7fvb6x3dZt``."""
    return ("AQ" + secrets.token_urlsafe(21))[:28]
