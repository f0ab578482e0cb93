"""A day's 非税 statement as WeChat writes it: CSV text, a header row, one row per payment or refund (every
field after a backquote, so that a spreadsheet keeps long numbers whole), then a totals title and the
totals. ``ALL`` lists the day's payments and refunds, ``SUCCESS`` the payments, ``REFUND`` the refunds;
amounts are yuan with two decimals."""

from datetime import date, datetime
from typing import Any

from sandbox.fake_wechat.datacube_figures import CHINA
from sandbox.fake_wechat.nontax.orders import Order

BILL_TYPES = ("ALL", "SUCCESS", "REFUND")
HEADER = (
    "交易时间,公众账号ID,商户号,子商户号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,总金额,"
    "企业红包金额,微信退款单号,商户退款单号,退款金额,企业红包退款金额,退款类型,退款状态,商品名称,手续费,费率,"
    "行政区划代码,缴费通知书编号(或平台订单号),执收单位编码,通知书类型,银行ID"
)
TOTALS = "总交易单数,总交易额,总退款金额,总企业红包退款金额,手续费总金额"


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def _when(unix: float) -> str:
    return datetime.fromtimestamp(unix, CHINA).strftime("%Y-%m-%d %H:%M:%S")


def _day(unix: float) -> date:
    return datetime.fromtimestamp(unix, CHINA).date()


def _row(app_id: str, order: Order, when: float, refund: dict[str, Any] | None) -> str:
    region, department, _, number = order.notice
    fields = [
        _when(when), app_id, order.fields.get("mch_id", ""), "", order.trans_id, order.order_id, order.openid,
        "JSAPI", "REFUND" if refund else "SUCCESS", "OTHERS", "CNY", _yuan(order.fee), "0.00",
        refund["refund_order_id"] if refund else "", refund["refund_out_id"] if refund else "",
        _yuan(refund["refund_fee"]) if refund else "0.00", "0.00", "ORIGINAL" if refund else "",
        "SUCCESS" if refund else "", order.fields["desc"], "0.00", "0.00%", region, number, department,
        str(order.fields.get("payment_notice_type", 1)), order.fields.get("bank_id", ""),
    ]  # fmt: skip
    return ",".join(f"`{value}" for value in fields)


def statement(app_id: str, orders: list[Order], day: date, bill_type: str) -> str:
    """The statement of ``day`` (China) for one account's ``orders``."""
    rows: list[str] = []
    paid = refunded = count = 0
    for order in orders:
        if bill_type in ("ALL", "SUCCESS") and order.paid_at is not None and _day(order.paid_at) == day:
            rows.append(_row(app_id, order, order.paid_at, None))
            paid, count = paid + order.fee, count + 1
        for refund in order.refunds:
            if bill_type in ("ALL", "REFUND") and _day(refund["time"]) == day:
                rows.append(_row(app_id, order, refund["time"], refund))
                refunded, count = refunded + int(refund["refund_fee"]), count + 1
    totals = ",".join(f"`{value}" for value in (count, _yuan(paid), _yuan(refunded), "0.00", "0.00"))
    return "\r\n".join([HEADER, *rows, TOTALS, totals]) + "\r\n"
