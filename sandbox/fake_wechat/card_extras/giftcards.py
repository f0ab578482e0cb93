"""Gift cards of one account (礼品卡): shelves (货架), the orders users place on them, the cards they hold."""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_object as obj
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.card_extras.rules import INVALID_SERIAL_CODE, card_id, time_range
from sandbox.fake_wechat.errors import ApiError

MAX_ORDER_PAGE = 100


def _page(page: dict[str, Any]) -> dict[str, Any]:
    """A shelf checked as WeChat checks it: a title, a banner, themes that each sell gift cards."""
    text(page, "page_title")
    text(page, "banner_pic_url")
    themes = page.get("theme_list")
    if not isinstance(themes, list) or not themes:
        raise invalid("theme_list")
    for theme in themes:
        if not isinstance(theme, dict):
            raise invalid("theme_list")
        text(theme, "theme_pic_url")
        text(theme, "title")
        items = theme.get("item_list")
        if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
            raise invalid("item_list")
        for item in items:
            card_id(item)
    return page


@dataclass
class GiftCards:
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    balances: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)  # (card_id, code) → amounts
    whitelist: set[str] = field(default_factory=set)
    mini_programs: dict[str, str] = field(default_factory=dict)  # page_id → wxa_appid

    def add_page(self, body: dict[str, Any]) -> str:
        page = _page(obj(body, "page"))
        page_id = hashlib.sha256(f"page{len(self.pages)}".encode()).hexdigest()[:28]
        self.pages[page_id] = {**page, "page_id": page_id, "maintain": False}
        return page_id

    def page(self, page_id: object) -> dict[str, Any]:
        page = self.pages.get(page_id) if isinstance(page_id, str) else None
        if page is None:
            raise invalid("page_id does not exist")
        return page

    def update_page(self, body: dict[str, Any]) -> None:
        change = obj(body, "page")
        page = self.page(change.get("page_id"))
        page.update(_page({**page, **change}))

    def maintain(self, body: dict[str, Any]) -> None:
        flag = body.get("maintain")
        if not isinstance(flag, bool):
            raise invalid("maintain")
        if body.get("all") is True and "page_id" not in body:
            targets = list(self.pages.values())
        elif "all" not in body:
            targets = [self.page(body.get("page_id"))]
        else:
            raise invalid("page_id or all")
        for page in targets:
            page["maintain"] = flag

    def set_mini_program(self, body: dict[str, Any]) -> None:
        page_id = self.page(body.get("page_id"))["page_id"]
        self.mini_programs[page_id] = text(body, "wxa_appid")

    # -- orders: placed by users (the control API plays them), read, refunded -------------------------

    def place_order(self, page_id: str, openid: str, cards: list[tuple[str, int]], now: float) -> str:
        page = self.page(page_id)
        if page["maintain"]:
            raise invalid("page is off sale")
        order_id = hashlib.sha256(f"order{len(self.orders)}".encode()).hexdigest()[:28]
        card_list = []
        for index, (card, price) in enumerate(cards):
            code = f"{len(self.orders) + 1:06d}{index:04d}"
            self.balances[(card, code)] = {"balance": price, "bonus": 0}
            card_list.append({"card_id": card, "price": price, "code": code, "default_gifting_msg": "",
                              "accepter_openid": ""})  # fmt: skip
        self.orders[order_id] = {
            "order_id": order_id, "page_id": page_id, "trans_id": f"4200{len(self.orders):020d}",
            "create_time": int(now), "pay_finish_time": int(now), "total_price": sum(p for _, p in cards),
            "open_id": openid, "accepter_openid": "", "card_list": card_list, "outer_str": "", "refunded": False,
        }  # fmt: skip
        return order_id

    def order(self, body: dict[str, Any]) -> dict[str, Any]:
        order = self.orders.get(text(body, "order_id"))
        if order is None:
            raise invalid("order_id does not exist")
        return {key: value for key, value in order.items() if key != "refunded"}

    def order_page(self, body: dict[str, Any]) -> dict[str, Any]:
        begin, end = time_range(body)
        offset = integer(body, "offset", default=0)
        count = integer(body, "count", low=1, high=MAX_ORDER_PAGE, default=MAX_ORDER_PAGE)
        sort = body.get("sort_type", "ASC")
        if sort not in ("ASC", "DESC"):
            raise invalid("sort_type")
        found = [o for o in self.orders.values() if begin <= o["create_time"] <= end]
        found.sort(key=lambda o: (o["create_time"], o["order_id"]), reverse=sort == "DESC")
        page = [self.order({"order_id": o["order_id"]}) for o in found[offset : offset + count]]
        return {"order_list": page, "total_count": len(found)}

    def refund(self, body: dict[str, Any]) -> None:
        order = self.orders.get(text(body, "order_id"))
        if order is None:
            raise invalid("order_id does not exist")
        if order["refunded"]:
            raise invalid("order already refunded")
        order["refunded"] = True
        for card in order["card_list"]:
            self.balances.pop((card["card_id"], card["code"]), None)

    def update_user_card(self, body: dict[str, Any]) -> dict[str, Any]:
        card = self.balances.get((card_id(body), text(body, "code")))
        if card is None:
            raise ApiError(INVALID_SERIAL_CODE, "invalid serial code")
        for key in ("balance", "bonus"):
            if key in body:
                card[key] = integer(body, key)
        return {"result_bonus": card["bonus"], "result_balance": card["balance"], "openid": ""}
