"""A card as ``card/create`` and ``card/update`` check it: its type, ``base_info`` and the type's own fields.

WeChat's limits (创建卡券): title ≤ 9 汉字, brand_name ≤ 12, notice ≤ 16, description ≤ 1024, a colour of
``card/getcolors``, a code type it knows, a validity (a fixed range, a term counted from the day a user
takes the card, or — member cards — permanent), stock ≤ 100,000,000.
"""

from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.cards.rules import (
    FIELD_MISSING,
    INVALID_CARD_TYPE,
    INVALID_CODE_TYPE,
    INVALID_STOCK,
    INVALID_TIME,
    flag,
    obj,
    refused,
    text,
)

CARD_TYPES = (
    "GROUPON", "CASH", "DISCOUNT", "GIFT", "GENERAL_COUPON", "MEMBER_CARD", "SCENIC_TICKET", "MOVIE_TICKET",
    "BOARDING_PASS", "MEETING_TICKET", "BUS_TICKET",
)  # fmt: skip
CODE_TYPES = ("CODE_TYPE_TEXT", "CODE_TYPE_BARCODE", "CODE_TYPE_QRCODE", "CODE_TYPE_ONLY_QRCODE",
              "CODE_TYPE_ONLY_BARCODE", "CODE_TYPE_NONE")  # fmt: skip
# card/getcolors: the names a card's "color" takes and what they look like (the card_extras fake answers them).
COLORS = [
    {"name": name, "value": value}
    for name, value in (
        ("Color010", "#63b359"), ("Color020", "#2c9f67"), ("Color030", "#509fc9"), ("Color040", "#5885cf"),
        ("Color050", "#9062c0"), ("Color060", "#d09a45"), ("Color070", "#e4b138"), ("Color080", "#ee903c"),
        ("Color081", "#f08500"), ("Color082", "#a9d92d"), ("Color090", "#dd6549"), ("Color100", "#cc463d"),
        ("Color101", "#cf3e36"), ("Color102", "#5E6671"),
    )
]  # fmt: skip
COLOR_NAMES = frozenset(color["name"] for color in COLORS)
MAX_QUANTITY = 100_000_000
DEPOSIT_MODE = "GET_CUSTOM_CODE_MODE_DEPOSIT"
# The base_info texts WeChat limits, in characters.
TEXT_LIMITS = {"brand_name": 12, "title": 9, "notice": 16, "description": 1024}
OPTIONAL_LIMITS = {"custom_url_name": 5, "custom_url_sub_title": 6, "promotion_url_name": 5,
                   "promotion_url_sub_title": 6}  # fmt: skip
# The fields each type adds to base_info, with WeChat's limit (None: no limit documented), that it requires.
REQUIRED: dict[str, dict[str, int | None]] = {
    "GROUPON": {"deal_detail": None},
    "GIFT": {"gift": None},
    "GENERAL_COUPON": {"default_detail": None},
    "MEMBER_CARD": {"prerogative": None},
    "BOARDING_PASS": {"from": None, "to": None, "flight": None},
    "MEETING_TICKET": {"meeting_detail": None},
}
# Changing one of these in card/update sends the card back to review (send_check).
REVIEWED_FIELDS = frozenset({"title", "logo_url", "color", "description", "prerogative", "deal_detail", "gift"})


def card_type(card: dict[str, Any]) -> str:
    kind = card.get("card_type")
    if kind not in CARD_TYPES:
        raise refused(INVALID_CARD_TYPE, "invalid card type")
    return str(kind)


def date_info(info: dict[str, Any], kind: str, now: float) -> dict[str, Any]:
    """The validity: ``DATE_TYPE_FIX_TIME_RANGE`` (must not have ended), ``DATE_TYPE_FIX_TERM`` (China days after
    taking it, all ending by its ``end_timestamp`` if given) or, for member cards, ``DATE_TYPE_PERMANENT``."""
    date_type = info.get("type")
    if date_type == "DATE_TYPE_FIX_TIME_RANGE":
        begin, end = integer(info, "begin_timestamp"), integer(info, "end_timestamp")
        if end <= begin or end <= now:
            raise refused(INVALID_TIME, "invalid time, end_timestamp")
    elif date_type == "DATE_TYPE_FIX_TERM":
        integer(info, "fixed_term", low=1)
        integer(info, "fixed_begin_term", default=0)
        if "end_timestamp" in info:  # the term's common expiry
            integer(info, "end_timestamp")
    elif not (date_type == "DATE_TYPE_PERMANENT" and kind == "MEMBER_CARD"):
        raise refused(INVALID_TIME, "invalid time, date_info.type")
    return info


def base_info(info: dict[str, Any], kind: str, now: float) -> dict[str, Any]:
    text(info, "logo_url", max_chars=128)
    for key, most in TEXT_LIMITS.items():
        text(info, key, max_chars=most)
    for key, most in OPTIONAL_LIMITS.items():
        text(info, key, max_chars=most, required=False)
    if info.get("code_type") not in CODE_TYPES:
        raise refused(INVALID_CODE_TYPE, "invalid code type")
    if info.get("color") not in COLOR_NAMES:
        raise invalid("color: a name card/getcolors lists")
    date_info(obj(info, "date_info"), kind, now)
    quantity = obj(info, "sku").get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 0 <= quantity <= MAX_QUANTITY:
        raise refused(INVALID_STOCK, "invalid sku quantity")
    if "get_limit" in info:
        integer(info, "get_limit", low=1)
    for key in ("use_custom_code", "bind_openid", "can_share", "can_give_friend"):
        flag(info, key)
    mode = info.get("get_custom_code_mode")
    if mode is not None and (mode != DEPOSIT_MODE or info.get("use_custom_code") is not True):
        raise invalid("get_custom_code_mode: GET_CUSTOM_CODE_MODE_DEPOSIT, with use_custom_code")
    if mode is not None and quantity != 0:  # "quantity字段须为0,须导入code后再增加库存"
        raise refused(INVALID_STOCK, "invalid stock, an imported-code card is created with quantity 0")
    return info


def type_fields(fields: dict[str, Any], kind: str) -> dict[str, Any]:
    for key, most in REQUIRED.get(kind, {}).items():
        text(fields, key, max_chars=most)
    if kind == "CASH":
        integer(fields, "least_cost", default=0)
        integer(fields, "reduce_cost", low=1)
    elif kind == "DISCOUNT":
        integer(fields, "discount", low=1, high=99)  # the percentage taken off
    elif kind == "MEMBER_CARD":
        for key in ("supply_bonus", "supply_balance"):
            if not isinstance(fields.get(key), bool):
                raise refused(FIELD_MISSING, f"data format error, {key} is required")
    return fields


def new_card(body: dict[str, Any], now: float) -> tuple[str, dict[str, Any]]:
    """``card/create``'s ``card``: its type and the type's object (``base_info`` among its fields)."""
    card = obj(body, "card")
    kind = card_type(card)
    fields = obj(card, kind.lower())
    base_info(obj(fields, "base_info"), kind, now)
    return kind, type_fields(fields, kind)


def changed(current: dict[str, Any], change: dict[str, Any], kind: str, now: float) -> tuple[dict[str, Any], bool]:
    """The card after ``card/update``'s change of its type's object, and whether it goes back to review.

    What update cannot change: the type, the brand, the stock (``card/modifystock``), the code mode."""
    base_change = change.get("base_info", {})
    if not isinstance(base_change, dict):
        raise invalid("base_info")
    fixed = {"brand_name", "sku", "use_custom_code", "get_custom_code_mode"} & base_change.keys()
    if fixed:
        raise invalid(f"{sorted(fixed)[0]} cannot be updated")
    base = {**current["base_info"], **base_change}
    fields = {**current, **{k: v for k, v in change.items() if k != "base_info"}, "base_info": base}
    base_info(base, kind, now)
    type_fields(fields, kind)
    reviewed = any(
        key in REVIEWED_FIELDS and value != current["base_info"].get(key) for key, value in base_change.items()
    ) or any(key in REVIEWED_FIELDS and value != current.get(key) for key, value in change.items())
    return fields, reviewed
