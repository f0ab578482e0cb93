"""券点 of one account: the balance (free and paid), priced stock orders, recharges, the order record.

Stock of a 朋友的券 costs 0.2 券点 a card (WeChat's price for a coupon without a threshold); a price is
an order waiting for ``confirm`` with the same card and quantity, paid from free 券点 first.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_object as obj
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.card_extras.rules import card_id, time_range

PRICE_PER_CARD = Decimal("0.2")
ACTIVATION_REWARD = 200  # free 券点 for opening the account
MAX_ORDER_PAGE = 50
ORDER_TYPES = ("ORDER_TYPE_WXPAY", "ORDER_TYPE_SYS_ADD", "ORDER_TYPE_REFUND", "ORDER_TYPE_REDUCE",
               "ORDER_TYPE_SYS_REDUCE")  # fmt: skip


@dataclass
class Coins:
    active: bool = False
    free: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    quotes: dict[str, tuple[str, int, Decimal]] = field(default_factory=dict)  # order_id → card, quantity, price

    def activate(self, now: float) -> int:
        """Open the account once; the reward is given the first time only."""
        if self.active:
            return 0
        self.active, self.free = True, self.free + ACTIVATION_REWARD
        self._record("ORDER_TYPE_SYS_ADD", now, free=Decimal(ACTIVATION_REWARD), status="ORDER_STATUS_SUCC")
        return ACTIVATION_REWARD

    def balance(self) -> dict[str, Any]:
        self._require_active()
        return {"free_coin": int(self.free), "pay_coin": int(self.paid), "total_coin": int(self.free + self.paid)}

    def price(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        self._require_active()
        card, quantity = card_id(body), integer(body, "quantity", low=1)
        price = PRICE_PER_CARD * quantity
        order_id = self._record("ORDER_TYPE_REDUCE", now, status="ORDER_STATUS_WAITING", card_id=card)
        self.quotes[order_id] = (card, quantity, price)
        free = min(self.free, price)
        return {"order_id": order_id, "price": str(price), "free_coin": str(free), "pay_coin": str(price - free)}

    def confirm(self, body: dict[str, Any], now: float) -> None:
        quote = self.quotes.get(text(body, "order_id"))
        if quote is None or quote[:2] != (card_id(body), integer(body, "quantity", low=1)):
            raise invalid("order_id does not price this card and quantity")
        price = quote[2]
        if self.free + self.paid < price:
            raise invalid("not enough coins")
        from_free = min(self.free, price)
        self.free, self.paid = self.free - from_free, self.paid - (price - from_free)
        order = self.orders[body["order_id"]]
        order.update(status="ORDER_STATUS_SUCC", pay_finish_time=int(now), free_coin_count=str(from_free),
                     pay_coin_count=str(price - from_free))  # fmt: skip
        del self.quotes[body["order_id"]]

    def recharge(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        self._require_active()
        count = integer(body, "coin_count", low=1)
        order_id = self._record("ORDER_TYPE_WXPAY", now, status="ORDER_STATUS_WAITING", pay=Decimal(count))
        return {"order_id": order_id, "qrcode_url": f"weixin://wxpay/bizpayurl?pr={order_id}", "qrcode_buffer": ""}

    def pay(self, order_id: str, now: float) -> None:
        """The user paid a recharge (the control API plays them)."""
        order = self.orders.get(order_id)
        if order is None or order["order_type"] != "ORDER_TYPE_WXPAY" or order["status"] != "ORDER_STATUS_WAITING":
            raise invalid("order_id is no waiting recharge")
        self.paid += Decimal(order["pay_coin_count"])
        order.update(status="ORDER_STATUS_SUCC", pay_finish_time=int(now))

    def order(self, body: dict[str, Any]) -> dict[str, Any]:
        order = self.orders.get(text(body, "order_id"))
        if order is None:
            raise invalid("order_id does not exist")
        return order

    def order_page(self, body: dict[str, Any]) -> dict[str, Any]:
        begin, end = time_range(body)
        offset = integer(body, "offset", default=0)
        count = integer(body, "count", low=1, high=MAX_ORDER_PAGE, default=MAX_ORDER_PAGE)
        kind = body.get("order_type")
        if kind is not None and kind not in ORDER_TYPES:
            raise invalid("order_type")
        sort = obj(body, "sort_info") if "sort_info" in body else {}
        found = [
            o for o in self.orders.values() if begin <= o["create_time"] <= end and kind in (None, o["order_type"])
        ]
        found.sort(key=lambda o: (o["create_time"], o["order_id"]), reverse=sort.get("sort_type") != "SORT_ASC")
        return {"total_num": len(found), "order_list": found[offset : offset + count]}

    def _require_active(self) -> None:
        if not self.active:
            raise invalid("coin account is not activated (card/pay/activate)")

    def _record(self, kind: str, now: float, *, status: str, free: Decimal = Decimal(0),
                pay: Decimal = Decimal(0), card_id: str = "") -> str:  # fmt: skip
        order_id = str(100000000000 + len(self.orders) + 1)
        self.orders[order_id] = {
            "order_id": order_id, "status": status, "create_time": int(now), "pay_finish_time": 0,
            "desc": card_id, "free_coin_count": str(free), "pay_coin_count": str(pay), "refund_free_coin_count": "0",
            "refund_pay_coin_count": "0", "openid": "", "order_type": kind,
        }  # fmt: skip
        return order_id
