"""The cards of one account: created (``CARD_STATUS_NOT_VERIFY``), reviewed, changed, deleted, listed, stocked,
and put in front of users through QR codes, landing pages and articles."""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.cards import definitions
from sandbox.fake_wechat.cards.rules import (
    INVALID_ACTION_INFO,
    INVALID_CARD_ID,
    INVALID_CARD_STATUS,
    INVALID_STOCK,
    card_id,
    flag,
    obj,
    refused,
    text,
)

STATUSES = ("CARD_STATUS_NOT_VERIFY", "CARD_STATUS_VERIFY_FAIL", "CARD_STATUS_VERIFY_OK", "CARD_STATUS_DELETE",
            "CARD_STATUS_DISPATCH")  # fmt: skip
REVIEWED = ("CARD_STATUS_VERIFY_OK", "CARD_STATUS_DISPATCH")  # may be given out
MAX_PAGE = 50
MAX_QR_CARDS = 5
QR_SECONDS = (60, 1800)  # expire_seconds when given
QR_DEFAULT_SECONDS = 365 * 86400  # without one: a year
SCENES = ("SCENE_NEAR_BY", "SCENE_MENU", "SCENE_QRCODE", "SCENE_ARTICLE", "SCENE_H5", "SCENE_IVR",
          "SCENE_CARD_CUSTOM_CELL")  # fmt: skip


def _qr_cards(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The cards a QR code gives: ``QR_CARD``'s one, or ``QR_MULTIPLE_CARD``'s 1 to 5 (40053 otherwise)."""
    action, info = body.get("action_name"), obj(body, "action_info")
    if action == "QR_CARD":
        return [obj(info, "card")]
    if action != "QR_MULTIPLE_CARD":
        raise refused(INVALID_ACTION_INFO, "invalid action info, action_name")
    cards = obj(info, "multiple_card").get("card_list")
    if not isinstance(cards, list) or not 1 <= len(cards) <= MAX_QR_CARDS:
        raise refused(INVALID_ACTION_INFO, f"invalid action info, card_list holds 1 to {MAX_QR_CARDS}")
    if not all(isinstance(card, dict) for card in cards):
        raise refused(INVALID_ACTION_INFO, "invalid action info, card_list")
    return cards


@dataclass
class Card:
    card_id: str
    card_type: str
    fields: dict[str, Any]  # the type's object: base_info and the type's own fields
    status: str
    created: int
    quantity: int
    updated: int
    total_quantity: int
    pay_cell: bool = False
    self_consume: dict[str, bool] = field(default_factory=dict)
    user_form: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> dict[str, Any]:
        base: dict[str, Any] = self.fields["base_info"]
        return base

    @property
    def given_out(self) -> bool:
        return self.status in REVIEWED

    def answer(self) -> dict[str, Any]:
        """``card/get``'s ``card``: the type's object with base_info's id, status, times and stock."""
        base = {
            **self.base, "id": self.card_id, "status": self.status, "create_time": self.created,
            "update_time": self.updated, "sku": {"quantity": self.quantity, "total_quantity": self.total_quantity},
        }  # fmt: skip
        return {"card_type": self.card_type, self.card_type.lower(): {**self.fields, "base_info": base}}


@dataclass
class CardBook:
    app_id: str = ""  # the account's: WeChat's card ids and QR tickets are unique across accounts
    cards: dict[str, Card] = field(default_factory=dict)
    whitelist: set[str] = field(default_factory=set)  # openids and WeChat ids that may take cards in review
    pages: dict[int, dict[str, Any]] = field(default_factory=dict)
    tickets: dict[str, dict[str, Any]] = field(default_factory=dict)  # QR ticket → what it gives

    def create(self, body: dict[str, Any], now: float) -> str:
        kind, fields = definitions.new_card(body, now)
        seed = f"{self.app_id}:{kind}{len(self.cards)}{fields['base_info']['title']}".encode()
        new_id = "p" + hashlib.sha256(seed).hexdigest()[:27]
        quantity = fields["base_info"]["sku"]["quantity"]
        self.cards[new_id] = Card(
            new_id, kind, fields, "CARD_STATUS_NOT_VERIFY", int(now), quantity, int(now), quantity
        )
        return new_id

    def get(self, body: dict[str, Any]) -> Card:
        card = self.cards.get(card_id(body))
        if card is None:
            raise refused(INVALID_CARD_ID, "invalid card id")
        return card

    def live(self, body: dict[str, Any]) -> Card:
        """A card not deleted (40078 for a deleted one)."""
        card = self.get(body)
        if card.status == "CARD_STATUS_DELETE":
            raise refused(INVALID_CARD_STATUS, "invalid card status, the card is deleted")
        return card

    def review(self, card: str, status: str) -> None:
        """WeChat's reviewers decide (the control API plays them)."""
        if status not in ("CARD_STATUS_VERIFY_OK", "CARD_STATUS_VERIFY_FAIL"):
            raise invalid("status")
        self.live({"card_id": card}).status = status

    def update(self, body: dict[str, Any], now: float) -> bool:
        card = self.live(body)
        change = obj(body, card.card_type.lower())
        card.fields, reviewed = definitions.changed(card.fields, change, card.card_type, now)
        card.updated = int(now)
        if reviewed:
            card.status = "CARD_STATUS_NOT_VERIFY"
        return reviewed

    def delete(self, body: dict[str, Any]) -> None:
        self.live(body).status = "CARD_STATUS_DELETE"

    def page(self, body: dict[str, Any]) -> dict[str, Any]:
        offset = integer(body, "offset", default=0)
        count = integer(body, "count", low=1, high=MAX_PAGE)
        statuses = body.get("status_list", list(STATUSES))
        if not isinstance(statuses, list) or not all(status in STATUSES for status in statuses):
            raise invalid("status_list")
        found = [card.card_id for card in self.cards.values() if card.status in statuses]
        return {"card_id_list": found[offset : offset + count], "total_num": len(found)}

    def modify_stock(self, body: dict[str, Any], ceiling: int = 0) -> None:
        """Add ``increase_stock_value`` and take ``reduce_stock_value``; never below 0 (nor, for an imported-code
        card, above the imported codes not given out yet: ``ceiling`` is that count)."""
        card = self.live(body)
        up = integer(body, "increase_stock_value", default=0, high=definitions.MAX_QUANTITY)
        down = integer(body, "reduce_stock_value", default=0, high=definitions.MAX_QUANTITY)
        quantity = card.quantity + up - down
        if quantity < 0 or quantity > definitions.MAX_QUANTITY:
            raise refused(INVALID_STOCK, "invalid stock, quantity would fall below 0")
        if card.base.get("get_custom_code_mode") == definitions.DEPOSIT_MODE and quantity > ceiling:
            raise refused(INVALID_STOCK, "invalid stock, more than the imported codes left")
        card.quantity, card.total_quantity = quantity, card.total_quantity + up - down

    # -- distribution --------------------------------------------------------------------------------

    def qrcode(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        wanted = _qr_cards(body)
        for item in wanted:  # a card in review gets one too: its whitelisted testers take it
            if self.live(item).status == "CARD_STATUS_VERIFY_FAIL":
                raise refused(INVALID_CARD_STATUS, "invalid card status, the card failed review")
        seconds = QR_DEFAULT_SECONDS
        if "expire_seconds" in body:
            seconds = integer(body, "expire_seconds", low=QR_SECONDS[0], high=QR_SECONDS[1])
        ticket = hashlib.sha256(f"card-qr:{self.app_id}:{len(self.tickets)}".encode()).hexdigest()[:32]
        self.tickets[ticket] = {"cards": wanted, "expires": now + seconds}
        for item in wanted:
            if self.cards[item["card_id"]].given_out:
                self.cards[item["card_id"]].status = "CARD_STATUS_DISPATCH"
        return {
            "ticket": ticket, "expire_seconds": seconds, "url": f"http://weixin.qq.com/q/card{ticket[:16]}",
            "show_qrcode_url": f"https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket={ticket}",
        }  # fmt: skip

    def landing_page(self, body: dict[str, Any]) -> dict[str, Any]:
        text(body, "banner")
        text(body, "page_title")
        flag(body, "can_share")
        if body.get("scene") not in SCENES:
            raise invalid("scene")
        items = body.get("card_list")
        if not isinstance(items, list) or not items:
            raise invalid("card_list")
        for item in items:
            if not isinstance(item, dict) or not self.live(item).given_out:
                raise refused(INVALID_CARD_STATUS, "invalid card status, the card is not approved")
            text(item, "thumb_url")
        page_id = len(self.pages) + 1
        self.pages[page_id] = body
        return {"url": f"https://mp.weixin.qq.com/bizmall/cardlandingpage?page_id={page_id}", "page_id": page_id}

    def mpnews_html(self, body: dict[str, Any]) -> str:
        card = self.live(body)
        if not card.given_out:
            raise refused(INVALID_CARD_STATUS, "invalid card status, the card is not approved")
        return f'<iframe class="res_iframe card_iframe js_editor_card" data-src="cardid={card.card_id}"></iframe>'

    def set_whitelist(self, body: dict[str, Any]) -> None:
        names: list[str] = []
        for key in ("openid", "username"):
            value = body.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                raise invalid(key)
            names += value
        if not names:
            raise invalid("openid or username")
        self.whitelist = set(names)

    def set_pay_cell(self, body: dict[str, Any]) -> None:
        """WeChat Pay's button (买单) needs the card's stores: ``location_id_list`` or ``use_all_locations``."""
        card = self.live(body)
        opening = flag(body, "is_open")
        if opening and not (card.base.get("location_id_list") or card.base.get("use_all_locations")):
            raise invalid("card_id: a card without stores (location_id_list) has no pay cell")
        card.pay_cell = opening

    def set_self_consume(self, body: dict[str, Any]) -> None:
        card = self.live(body)
        card.self_consume = {key: flag(body, key) for key in ("is_open", "need_verify_cod", "need_remark_amount")}
