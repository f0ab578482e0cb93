"""The codes of one account's cards: imported (``deposit``), taken by users, looked up, redeemed, changed,
made unavailable, marked for an order, and the cards a user holds.

A custom code (``use_custom_code``, imported or given) is unique within its card only, so it is found with its
``card_id`` (41012 without); a code WeChat generates is unique across cards. A code WeChat never gave out nor had
imported is ``40056 invalid serial code``; a redeemed one ``40099``; one
its user deleted, gave away or the merchant made unavailable ``40127 invalid user-card status``.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.cards.cards import Card, CardBook
from sandbox.fake_wechat.cards.definitions import DEPOSIT_MODE
from sandbox.fake_wechat.cards.rules import (
    CARD_ID_MISSING,
    CODE_CONSUMED,
    GET_LIMIT_REACHED,
    INVALID_CARD_STATUS,
    INVALID_CODE,
    INVALID_SERIAL_CODE,
    INVALID_TIME,
    INVALID_USER_CARD_STATUS,
    NO_STOCK,
    code_list,
    code_of,
    flag,
    refused,
    text,
)
from sandbox.fake_wechat.datacube_figures import CHINA

DAY = 86400
DEFAULT_GET_LIMIT = 50
LEFT_THE_BAG = ("CONSUMED", "DELETE")
MAX_CODE_CHARS = 20


@dataclass
class UserCard:
    card_id: str
    code: str
    openid: str
    begin: int
    end: int  # 0: a permanent member card
    outer_str: str = ""
    status: str = "NORMAL"  # NORMAL CONSUMED EXPIRE GIFTING GIFT_TIMEOUT DELETE UNAVAILABLE
    marked_by: str = ""
    member: dict[str, Any] = field(default_factory=dict)  # a member card's number, bonus, balance, fields
    ticket: dict[str, Any] = field(default_factory=dict)  # a boarding pass's seat, a movie ticket's room …

    def status_at(self, now: float) -> str:
        return "EXPIRE" if self.status == "NORMAL" and self.end and now > self.end else self.status

    def usable(self, now: float) -> "UserCard":
        """This card, if it can still be used (40099 redeemed, 40127 any other state)."""
        status = self.status_at(now)
        if status == "CONSUMED":
            raise refused(CODE_CONSUMED, "invalid code, this code has consumed")
        if status != "NORMAL":
            raise refused(
                INVALID_USER_CARD_STATUS, "invalid user-card status! the card may be deleted or set unavailable"
            )
        return self


def _validity(card: Card, now: float) -> tuple[int, int]:
    """A term (``DATE_TYPE_FIX_TERM``) counts China days: from 00:00 of the ``fixed_begin_term``-th day after
    the taking day (0: that day) to 23:59:59 of its ``fixed_term``-th day, and never past ``end_timestamp``."""
    info = card.base["date_info"]
    if info["type"] == "DATE_TYPE_FIX_TIME_RANGE":
        return int(info["begin_timestamp"]), int(info["end_timestamp"])
    if info["type"] == "DATE_TYPE_FIX_TERM":
        taken = datetime.fromtimestamp(now, CHINA)
        midnight = int(datetime(taken.year, taken.month, taken.day, tzinfo=CHINA).timestamp())
        begin = midnight + DAY * int(info.get("fixed_begin_term", 0))
        end = begin + DAY * int(info["fixed_term"]) - 1
        return begin, min(end, int(info.get("end_timestamp") or end))
    return int(now), 0


@dataclass
class CodeBook:
    cards: CardBook
    imported: dict[str, list[str]] = field(default_factory=dict)  # card_id → every code imported, in order
    held: dict[tuple[str, str], UserCard] = field(default_factory=dict)  # (card_id, code) → the user's card
    generated: dict[str, str] = field(default_factory=dict)  # a code WeChat generated → its card_id
    encrypted: dict[str, tuple[str, str]] = field(default_factory=dict)  # encrypt_code → (card_id, code)
    secret_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (card_id, code) → encrypt_code
    taken: Counter[tuple[str, str]] = field(default_factory=Counter)  # (openid, card_id) → cards taken
    issued: set[tuple[str, str]] = field(default_factory=set)  # (card_id, code) of every code given out, held or not

    # -- imported codes ------------------------------------------------------------------------------

    def deposit(self, body: dict[str, Any]) -> dict[str, Any]:
        card = self.cards.live(body)
        if card.base.get("get_custom_code_mode") != DEPOSIT_MODE:
            raise invalid("card_id: the card takes no imported codes (get_custom_code_mode)")
        codes = code_list(body)
        known = self.imported.setdefault(card.card_id, [])
        answer: dict[str, list[str]] = {"succ_code": [], "duplicate_code": [], "fail_code": []}
        for code in codes:
            if code in known or code in answer["succ_code"]:
                answer["duplicate_code"].append(code)
            else:
                answer["succ_code"].append(code)
        known += answer["succ_code"]
        return answer

    def deposit_count(self, body: dict[str, Any]) -> int:
        return len(self.imported.get(self.cards.get(body).card_id, []))

    def unused_count(self, body: dict[str, Any]) -> int:
        """The imported codes of the card not given out yet: the most stock it may have."""
        return len(self._unused(self.cards.get(body).card_id))

    def _unused(self, card_id: str) -> list[str]:
        return [code for code in self.imported.get(card_id, []) if (card_id, code) not in self.issued]

    def check(self, body: dict[str, Any]) -> dict[str, Any]:
        known = set(self.imported.get(self.cards.get(body).card_id, []))
        codes = code_list(body)
        return {"exist_code": [c for c in codes if c in known], "not_exist_code": [c for c in codes if c not in known]}

    # -- a user takes a card (the control API plays them) ---------------------------------------------

    def take(self, card_id: str, openid: str, now: float, code: str | None = None, outer_str: str = "") -> UserCard:
        card = self.cards.live({"card_id": card_id})
        if not (card.given_out or (card.status == "CARD_STATUS_NOT_VERIFY" and openid in self.cards.whitelist)):
            raise refused(INVALID_CARD_STATUS, "invalid card status, the card is not approved")
        if card.quantity < 1:
            raise refused(NO_STOCK, "the card's stock is 0")
        if self.taken[(openid, card_id)] >= int(card.base.get("get_limit", DEFAULT_GET_LIMIT)):
            raise refused(GET_LIMIT_REACHED, "the user has taken get_limit of this card")
        begin, end = _validity(card, now)
        held = self._hold(UserCard(card_id, self._new_code(card, code), openid, begin, end, outer_str))
        card.quantity -= 1
        self.taken[(openid, card_id)] += 1
        return held

    def scan(self, ticket: str, openid: str, now: float, card_id: str = "") -> UserCard:
        """A user scans a card QR code (``card/qrcode/create``'s ``ticket``) and takes its card (``card_id`` picks
        one of a QR_MULTIPLE_CARD's): an expired or unknown ticket, or one naming another ``openid``, gives
        nothing (40097); the entry's ``code`` and ``outer_str`` go with the card."""
        found = self.cards.tickets.get(ticket)
        if found is None or now >= found["expires"]:
            raise invalid("ticket: the QR code is unknown or has expired")
        entries = [entry for entry in found["cards"] if card_id in ("", entry.get("card_id"))]
        if not entries:
            raise invalid("card_id: not a card of this QR code")
        entry = entries[0]
        if entry.get("openid") not in (None, "", openid):
            raise invalid("openid: the QR code is for another user")
        return self.take(str(entry["card_id"]), openid, now, entry.get("code"), str(entry.get("outer_str") or ""))

    def _hold(self, held: UserCard) -> UserCard:
        key = (held.card_id, held.code)
        self.held[key] = held
        self.issued.add(key)
        if not self.card_of(held).base.get("use_custom_code"):
            self.generated[held.code] = held.card_id
        secret = hashlib.sha256(f"encrypt{held.card_id}:{held.code}".encode()).hexdigest()[:32]
        self.encrypted[secret], self.secret_of[key] = key, secret
        return held

    def encrypt_code(self, held: UserCard) -> str:
        return self.secret_of[(held.card_id, held.code)]

    def _new_code(self, card: Card, code: str | None) -> str:
        if card.base.get("get_custom_code_mode") == DEPOSIT_MODE:
            unused = self._unused(card.card_id)
            if not unused:
                raise refused(NO_STOCK, "no imported code is left")
            return unused[0]
        if card.base.get("use_custom_code"):
            if not code or len(code) > MAX_CODE_CHARS or (card.card_id, code) in self.issued:
                raise refused(INVALID_CODE, "invalid code: a custom code card is given a new code of ≤ 20 characters")
            return code
        return f"{100000000000 + len(self.issued) * 7919 + 1:012d}"

    def drop(self, code: str) -> None:
        """The user deletes the card from their card bag."""
        self.by_code(code).status = "DELETE"

    def gift(self, code: str, now: float) -> None:
        """The user gives the card to a friend (``can_give_friend``): ``GIFTING`` until the friend takes it."""
        held = self.by_code(code).usable(now)
        if not self.card_of(held).base.get("can_give_friend"):
            raise invalid("the card cannot be given to a friend (can_give_friend)")
        held.status = "GIFTING"

    def accept(self, code: str, openid: str) -> UserCard:
        """The friend takes a card being given: a new code is theirs (a custom code stays), the old one is gone
        (``card/code/get`` answers 40056 for a code given away)."""
        old = self.by_code(code)
        if old.status != "GIFTING" or openid == old.openid:
            raise invalid("the card is not being given to this user")
        del self.held[(old.card_id, old.code)]
        card = self.card_of(old)
        new_code = code if card.base.get("use_custom_code") else self._new_code(card, None)
        return self._hold(UserCard(old.card_id, new_code, openid, old.begin, old.end, old.outer_str,
                                   member=old.member))  # fmt: skip

    def by_code(self, code: str, card_id: str = "") -> UserCard:
        """The user's card of ``code`` (for the users the control API plays); ``card_id`` when cards share it."""
        found = [held for (owner, plain), held in self.held.items() if plain == code and card_id in ("", owner)]
        if len(found) != 1:
            raise refused(INVALID_SERIAL_CODE, "invalid serial code")
        return found[0]

    # -- looked up, redeemed, changed ------------------------------------------------------------------

    def find(self, body: dict[str, Any]) -> UserCard:
        """The user's card by its code; a custom code is unique within its card only, so it needs ``card_id``."""
        code, wanted = code_of(body), body.get("card_id")
        if not wanted and code not in self.generated and any(plain == code for _, plain in self.held):
            raise refused(CARD_ID_MISSING, "missing card_id: a custom code names its card")
        held = self.held.get((str(wanted or self.generated.get(code, "")), code))
        if held is None:
            raise refused(INVALID_SERIAL_CODE, "invalid serial code")
        return held

    def card_of(self, held: UserCard) -> Card:
        return self.cards.cards[held.card_id]

    def get(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        held = self.find(body)
        status = held.status_at(now)
        if flag(body, "check_consume", default=True):
            held.usable(now)
        return {
            "card": {"card_id": held.card_id, "begin_time": held.begin, "end_time": held.end},
            "openid": held.openid, "can_consume": status == "NORMAL" and now >= held.begin,
            "outer_str": held.outer_str, "user_card_status": status,
        }  # fmt: skip

    def consume(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        held = self.find(body).usable(now)
        if now < held.begin:
            raise refused(INVALID_TIME, "invalid time, the card is not valid yet")
        held.status = "CONSUMED"
        return {"card": {"card_id": held.card_id}, "openid": held.openid}

    def decrypt(self, body: dict[str, Any]) -> str:
        found = self.encrypted.get(text(body, "encrypt_code"))
        if found is None:
            raise refused(INVALID_SERIAL_CODE, "invalid serial code, encrypt_code")
        return found[1]

    def update(self, body: dict[str, Any], now: float) -> None:
        held = self.find(body).usable(now)
        if not self.card_of(held).base.get("use_custom_code"):
            raise invalid("card_id: only a custom code card's code changes")
        new = body.get("new_code")
        if not isinstance(new, str) or not new or len(new) > MAX_CODE_CHARS or (held.card_id, new) in self.held:
            raise refused(INVALID_CODE, "invalid code, new_code")
        old, key = (held.card_id, held.code), (held.card_id, new)
        del self.held[old]
        secret = self.secret_of.pop(old)
        self.encrypted[secret], self.secret_of[key] = key, secret
        held.code = new
        self.held[key] = held
        self.issued.add(key)

    def unavailable(self, body: dict[str, Any], now: float) -> None:
        self.find(body).usable(now).status = "UNAVAILABLE"

    def mark(self, body: dict[str, Any], now: float) -> None:
        """Hold a code for one user's order (``is_mark``) or free it; another user's mark holds it."""
        held = self.find(body).usable(now)
        openid, marking = text(body, "openid"), flag(body, "is_mark")
        if held.marked_by and held.marked_by != openid:
            raise invalid("code is marked by another openid")
        held.marked_by = openid if marking else ""

    def of_user(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        """The cards in a user's card bag, normal or not (expired, being given, unavailable); a redeemed or deleted
        card has left it."""
        openid, wanted = text(body, "openid"), body.get("card_id") or None
        cards = [
            {"code": held.code, "card_id": held.card_id}
            for held in self.held.values()
            if held.openid == openid and held.status not in LEFT_THE_BAG and wanted in (None, held.card_id)
        ]
        return {"card_list": cards, "has_share_card": False}
