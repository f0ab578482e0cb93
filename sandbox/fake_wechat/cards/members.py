"""Member cards and special tickets of one account: activation (by the merchant, or by the user through
WeChat's form), bonus and balance changes, the member's details; boarding passes, meeting and movie tickets."""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.cards.codes import CodeBook, UserCard
from sandbox.fake_wechat.cards.rules import FIELD_TOO_LONG, INVALID_CARD_TYPE, flag, obj, refused, text

FORM_FIELDS = frozenset({
    "USER_FORM_INFO_FLAG_MOBILE", "USER_FORM_INFO_FLAG_SEX", "USER_FORM_INFO_FLAG_NAME",
    "USER_FORM_INFO_FLAG_BIRTHDAY", "USER_FORM_INFO_FLAG_IDCARD", "USER_FORM_INFO_FLAG_EMAIL",
    "USER_FORM_INFO_FLAG_LOCATION", "USER_FORM_INFO_FLAG_EDUCATION_BACKGRO", "USER_FORM_INFO_FLAG_INDUSTRY",
    "USER_FORM_INFO_FLAG_INCOME", "USER_FORM_INFO_FLAG_HABIT",
})  # fmt: skip
CUSTOM_FIELDS = ("custom_field_value1", "custom_field_value2", "custom_field_value3")
MAX_CUSTOM_FIELD_BYTES = 12  # 限制为4个汉字,12字节 (UTF-8)
MAX_MEMBERSHIP_NUMBER = 20
MAX_RECORD_CHARS = 14  # record_bonus, record_balance: 不超过14个汉字


def _custom_value(body: dict[str, Any], key: str) -> str:
    """A custom field's value: at most 12 bytes of UTF-8 (4 汉字), or 45021."""
    value = text(body, key)
    if len(value.encode()) > MAX_CUSTOM_FIELD_BYTES:
        raise refused(FIELD_TOO_LONG, f"{key} is longer than {MAX_CUSTOM_FIELD_BYTES} bytes (4 汉字)")
    return value


def _of_type(codes: CodeBook, body: dict[str, Any], kind: str) -> UserCard:
    held = codes.find(body)
    if codes.card_of(held).card_type != kind:
        raise refused(INVALID_CARD_TYPE, f"invalid card type, the card is no {kind}")
    return held


def _amount(body: dict[str, Any], total: str, delta: str, current: int) -> int:
    """The new total: ``total`` sets it, ``delta`` adds to it (one of them at most); never below 0."""
    if total in body and delta in body:
        raise invalid(f"{total} or {delta}, not both")
    if total in body:
        result = integer(body, total)
    else:
        result = current + integer(body, delta, low=-(2**31), high=2**31 - 1, default=0)
    if result < 0:
        raise invalid(f"{total} would fall below 0")
    return result


@dataclass
class Members:
    codes: CodeBook
    forms: dict[str, dict[str, Any]] = field(default_factory=dict)  # activate_ticket → what the user filled in

    def activate(self, body: dict[str, Any], now: float) -> None:
        held = _of_type(self.codes, body, "MEMBER_CARD").usable(now)
        initial = {f: _custom_value(body, f"init_{f}") for f in CUSTOM_FIELDS if f"init_{f}" in body}
        if held.member.get("has_active"):
            raise invalid("the member card is already activated")
        card = self.codes.card_of(held)
        number = text(body, "membership_number", max_chars=MAX_MEMBERSHIP_NUMBER)
        balance = integer(body, "init_balance", default=0)
        if balance and not card.fields.get("supply_balance"):
            raise invalid("init_balance: the card keeps no balance (supply_balance)")
        held.member.update(membership_number=number, bonus=integer(body, "init_bonus", default=0),
                           balance=balance, has_active=True)  # fmt: skip
        held.member.update(initial)

    def set_form(self, body: dict[str, Any]) -> None:
        card = self.codes.cards.live(body)
        if card.card_type != "MEMBER_CARD":
            raise refused(INVALID_CARD_TYPE, "invalid card type, the card is no MEMBER_CARD")
        forms = {key: obj(body, key) for key in ("required_form", "optional_form") if key in body}
        if not forms:
            raise invalid("required_form or optional_form")
        for form in forms.values():
            fields = form.get("common_field_id_list", [])
            if not isinstance(fields, list) or not set(fields) <= FORM_FIELDS:
                raise invalid("common_field_id_list")
            flag(form, "can_modify")
        card.user_form = {key: body[key] for key in body if key != "card_id"}

    def fill_form(self, code: str, filled: dict[str, str]) -> str:
        """A user fills in the activation form (the control API plays them): the ``activate_ticket``."""
        held = self.codes.by_code(code)
        if self.codes.card_of(held).card_type != "MEMBER_CARD":
            raise refused(INVALID_CARD_TYPE, "invalid card type, the card is no MEMBER_CARD")
        ticket = hashlib.sha256(f"activate{code}{len(self.forms)}".encode()).hexdigest()[:44]
        self.forms[ticket] = {"common_field_list": [{"name": name, "value": value} for name, value in filled.items()],
                              "custom_field_list": []}  # fmt: skip
        held.member["user_info"] = self.forms[ticket]
        return ticket

    def filled(self, body: dict[str, Any]) -> dict[str, Any]:
        info = self.forms.get(text(body, "activate_ticket"))
        if info is None:
            raise invalid("activate_ticket")
        return info

    def activate_url(self, body: dict[str, Any]) -> str:
        card = self.codes.cards.live(body)
        if card.card_type != "MEMBER_CARD":
            raise refused(INVALID_CARD_TYPE, "invalid card type, the card is no MEMBER_CARD")
        outer = text(body, "outer_str", required=False)
        return f"https://mp.weixin.qq.com/bizmall/activatemembercard?card_id={card.card_id}&outer_str={outer}"

    def update(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        held = _of_type(self.codes, body, "MEMBER_CARD").usable(now)
        card = self.codes.card_of(held)
        member = held.member
        bonus = _amount(body, "bonus", "add_bonus", member.get("bonus", 0))
        balance = _amount(body, "balance", "add_balance", member.get("balance", 0))
        if balance != member.get("balance", 0) and not card.fields.get("supply_balance"):
            raise invalid("balance: the card keeps no balance (supply_balance)")
        for key in ("record_bonus", "record_balance"):
            text(body, key, max_chars=MAX_RECORD_CHARS, required=False)
        values = {key: _custom_value(body, key) for key in CUSTOM_FIELDS if key in body}
        member.update(values)
        member.update(bonus=bonus, balance=balance)
        return {"result_bonus": bonus, "result_balance": balance, "openid": held.openid}

    def details(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        held = _of_type(self.codes, body, "MEMBER_CARD")
        member = held.member
        return {
            "openid": held.openid, "nickname": "", "membership_number": member.get("membership_number", ""),
            "bonus": member.get("bonus", 0), "balance": member.get("balance", 0), "sex": "",
            "user_info": member.get("user_info", {"common_field_list": [], "custom_field_list": []}),
            "user_card_status": held.status_at(now), "has_active": bool(member.get("has_active")),
        }  # fmt: skip

    # -- special tickets -----------------------------------------------------------------------------

    def check_in(self, body: dict[str, Any], now: float) -> None:
        held = _of_type(self.codes, body, "BOARDING_PASS").usable(now)
        if flag(body, "is_cancel"):
            held.ticket = {}
            return
        held.ticket = {key: text(body, key) for key in ("passenger_name", "class", "etkt_bnr")}
        held.ticket.update({key: text(body, key) for key in ("seat", "qrcode_data") if key in body})

    def meeting(self, body: dict[str, Any], now: float) -> None:
        held = _of_type(self.codes, body, "MEETING_TICKET").usable(now)
        held.ticket = {key: text(body, key) for key in ("zone", "entrance", "seat_number")}

    def movie(self, body: dict[str, Any], now: float) -> None:
        held = _of_type(self.codes, body, "MOVIE_TICKET").usable(now)
        ticket = {"ticket_class": text(body, "ticket_class"), "show_time": integer(body, "show_time"),
                  "duration": integer(body, "duration", low=1)}  # fmt: skip
        if "screening_room" in body:
            ticket["screening_room"] = text(body, "screening_room")
        seats = body.get("seat_number", [])
        if not isinstance(seats, list) or not all(isinstance(seat, str) and seat for seat in seats):
            raise invalid("seat_number")
        held.ticket = {**ticket, "seat_number": seats}
