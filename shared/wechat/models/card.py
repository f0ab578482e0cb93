"""A card (卡券) as ``card/create`` takes it, its changes, pages of cards and their stock.

A card is one of eleven types; each adds its own fields to a common ``base_info``. WeChat's limits
(创建卡券): title ≤ 9 characters, brand_name ≤ 12, notice ≤ 16, description ≤ 1024, a colour of
``card/getcolors``, a validity (a fixed range, a term from the day a user takes it, or — member cards only —
permanent), stock ≤ 100,000,000, a page of ≤ 50 card ids.
"""

import enum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.request import WeChatRequest

MAX_QUANTITY = 100_000_000
MAX_PAGE = 50
DEPOSIT_MODE = "GET_CUSTOM_CODE_MODE_DEPOSIT"
COLORS = frozenset({"Color010", "Color020", "Color030", "Color040", "Color050", "Color060", "Color070",
                    "Color080", "Color081", "Color082", "Color090", "Color100", "Color101", "Color102"})  # fmt: skip
FIXED_FIELDS = frozenset({"brand_name", "sku", "use_custom_code", "get_custom_code_mode"})
Text = Annotated[str, Field(min_length=1)]
Code = Annotated[str, Field(min_length=1, max_length=20)]  # a card's code: at most 20 characters
Url = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^https?://")]
Time = Annotated[int, Field(strict=True, ge=0)]


def chars(most: int) -> Any:
    return Field(min_length=1, max_length=most)


class CardType(enum.StrEnum):
    GROUPON = "GROUPON"  # 团购券
    CASH = "CASH"  # 代金券
    DISCOUNT = "DISCOUNT"  # 折扣券
    GIFT = "GIFT"  # 兑换券
    GENERAL_COUPON = "GENERAL_COUPON"  # 优惠券
    MEMBER_CARD = "MEMBER_CARD"
    SCENIC_TICKET = "SCENIC_TICKET"
    MOVIE_TICKET = "MOVIE_TICKET"
    BOARDING_PASS = "BOARDING_PASS"
    MEETING_TICKET = "MEETING_TICKET"
    BUS_TICKET = "BUS_TICKET"


class CodeType(enum.StrEnum):
    TEXT = "CODE_TYPE_TEXT"
    BARCODE = "CODE_TYPE_BARCODE"
    QRCODE = "CODE_TYPE_QRCODE"
    ONLY_QRCODE = "CODE_TYPE_ONLY_QRCODE"
    ONLY_BARCODE = "CODE_TYPE_ONLY_BARCODE"
    NONE = "CODE_TYPE_NONE"


class CardStatus(enum.StrEnum):
    NOT_VERIFY = "CARD_STATUS_NOT_VERIFY"
    VERIFY_FAIL = "CARD_STATUS_VERIFY_FAIL"
    VERIFY_OK = "CARD_STATUS_VERIFY_OK"
    DELETE = "CARD_STATUS_DELETE"
    DISPATCH = "CARD_STATUS_DISPATCH"


# The fields each type must add to base_info (WeChat's 创建卡券 lists them as required).
REQUIRED_FIELDS: dict[CardType, tuple[str, ...]] = {
    CardType.GROUPON: ("deal_detail",),
    CardType.CASH: ("reduce_cost",),
    CardType.DISCOUNT: ("discount",),
    CardType.GIFT: ("gift",),
    CardType.GENERAL_COUPON: ("default_detail",),
    CardType.MEMBER_CARD: ("prerogative", "supply_bonus", "supply_balance"),
    CardType.BOARDING_PASS: ("from", "to", "flight"),
    CardType.MEETING_TICKET: ("meeting_detail",),
}


class DateInfo(WeChatRequest):
    """``DATE_TYPE_FIX_TIME_RANGE`` (begin/end timestamps), ``DATE_TYPE_FIX_TERM`` (``fixed_term`` days,
    starting ``fixed_begin_term`` days after taking it) or ``DATE_TYPE_PERMANENT`` (member cards)."""

    type: Literal["DATE_TYPE_FIX_TIME_RANGE", "DATE_TYPE_FIX_TERM", "DATE_TYPE_PERMANENT"]
    begin_timestamp: Time | None = None
    end_timestamp: Time | None = None
    fixed_term: Annotated[int, Field(strict=True, ge=1)] | None = None
    fixed_begin_term: Time | None = None

    @model_validator(mode="after")
    def _shape(self) -> "DateInfo":
        if self.type == "DATE_TYPE_FIX_TIME_RANGE":
            if self.begin_timestamp is None or self.end_timestamp is None:
                raise ValueError("a fixed range needs begin_timestamp and end_timestamp")
            if self.end_timestamp <= self.begin_timestamp:
                raise ValueError("end_timestamp is not after begin_timestamp")
        elif self.type == "DATE_TYPE_FIX_TERM" and self.fixed_term is None:
            raise ValueError("a term needs fixed_term (days)")
        return self


class Sku(WeChatRequest):
    quantity: Annotated[int, Field(strict=True, ge=0, le=MAX_QUANTITY)]


class BaseInfoChange(WeChatRequest):
    """base_info's fields, each optional: what ``card/update`` changes, and what ``BaseInfo`` adds to its required
    ones (WeChat has more, such as ``center_title``; they pass through)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    logo_url: Url | None = None
    title: Annotated[str, chars(9)] | None = None
    color: str | None = None
    notice: Annotated[str, chars(16)] | None = None
    description: Annotated[str, chars(1024)] | None = None
    service_phone: str | None = None
    get_limit: Annotated[int, Field(strict=True, ge=1)] | None = None
    use_limit: Annotated[int, Field(strict=True, ge=1)] | None = None
    can_share: bool | None = None
    can_give_friend: bool | None = None
    location_id_list: list[int] | None = None
    custom_url_name: Annotated[str, chars(5)] | None = None
    custom_url: Url | None = None
    custom_url_sub_title: Annotated[str, chars(6)] | None = None
    promotion_url_name: Annotated[str, chars(5)] | None = None
    promotion_url: Url | None = None
    promotion_url_sub_title: Annotated[str, chars(6)] | None = None

    @model_validator(mode="after")
    def _color(self) -> "BaseInfoChange":
        if self.color is not None and self.color not in COLORS:
            raise ValueError(f"color is one of card/getcolors' names (Color010 …), not {self.color!r}")
        return self


class BaseInfo(BaseInfoChange):
    logo_url: Url
    brand_name: Annotated[str, chars(12)]
    code_type: CodeType
    title: Annotated[str, chars(9)]
    color: str
    notice: Annotated[str, chars(16)]
    description: Annotated[str, chars(1024)]
    date_info: DateInfo
    sku: Sku
    use_custom_code: bool | None = None
    get_custom_code_mode: Literal["GET_CUSTOM_CODE_MODE_DEPOSIT"] | None = None
    bind_openid: bool | None = None

    @model_validator(mode="after")
    def _deposit(self) -> "BaseInfo":
        if self.get_custom_code_mode is not None and not self.use_custom_code:
            raise ValueError("imported codes (get_custom_code_mode) are custom codes: set use_custom_code")
        if self.get_custom_code_mode is not None and self.sku.quantity != 0:
            raise ValueError("an imported-code card is created with sku.quantity 0; add stock after importing codes")
        return self


class CardDefinition(WeChatRequest):
    """A new card: its type, ``base_info``, and the type's own fields (``deal_detail``, ``reduce_cost`` …)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    card_type: CardType
    base_info: BaseInfo

    @model_validator(mode="after")
    def _type_fields(self) -> "CardDefinition":
        fields = self.model_extra or {}
        missing = [key for key in REQUIRED_FIELDS.get(self.card_type, ()) if fields.get(key) in (None, "")]
        if missing:
            raise ValueError(f"a {self.card_type} card needs {', '.join(missing)}")
        if self.card_type == CardType.DISCOUNT and not _within(fields["discount"], 1, 99):
            raise ValueError("discount is the percentage taken off, 1 to 99")
        if self.card_type == CardType.CASH and not _within(fields["reduce_cost"], 1, 2**31):
            raise ValueError("reduce_cost is the amount taken off in fen, at least 1")
        if self.base_info.date_info.type == "DATE_TYPE_PERMANENT" and self.card_type != CardType.MEMBER_CARD:
            raise ValueError("only a member card is permanent (DATE_TYPE_PERMANENT)")
        return self

    def body(self) -> dict[str, Any]:
        fields = {**(self.model_extra or {}), "base_info": self.base_info.body()}
        return {"card": {"card_type": self.card_type.value, self.card_type.value.lower(): fields}}


class CardChange(WeChatRequest):
    """``card/update``: new values for some of a card's fields (its type names where they go). The brand, the
    stock (``card/modifystock``) and the code mode do not change."""

    model_config = ConfigDict(extra="allow", frozen=True)

    card_id: Text
    card_type: CardType
    base_info: BaseInfoChange | None = None

    @model_validator(mode="after")
    def _changes(self) -> "CardChange":
        if self.base_info is None and not self.model_extra:
            raise ValueError("a card change changes at least one field")
        fixed = FIXED_FIELDS & set(self.base_info.model_extra or {}) if self.base_info is not None else set()
        if fixed:
            raise ValueError(f"card/update cannot change {', '.join(sorted(fixed))}")
        return self

    def body(self) -> dict[str, Any]:
        fields = dict(self.model_extra or {})
        if self.base_info is not None:
            fields["base_info"] = self.base_info.body()
        return {"card_id": self.card_id, self.card_type.value.lower(): fields}


class CardQuery(WeChatRequest):
    offset: Time = 0
    count: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] = MAX_PAGE
    status_list: list[CardStatus] | None = None


class StockChange(WeChatRequest):
    card_id: Text
    increase_stock_value: Annotated[int, Field(strict=True, ge=0, le=MAX_QUANTITY)] = 0
    reduce_stock_value: Annotated[int, Field(strict=True, ge=0, le=MAX_QUANTITY)] = 0

    @model_validator(mode="after")
    def _changes(self) -> "StockChange":
        if not self.increase_stock_value and not self.reduce_stock_value:
            raise ValueError("a stock change increases or reduces the stock")
        return self


class CardPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    card_id_list: list[str] = []
    total_num: int


class CardInfo(BaseModel):
    """``card/get``'s card: its type, review status, stock, and the type's object as WeChat answered it."""

    model_config = ConfigDict(frozen=True)

    card_id: str
    card_type: CardType
    status: CardStatus
    quantity: int
    total_quantity: int
    details: dict[str, Any]  # the type's object: base_info and the type's own fields

    @classmethod
    def of(cls, card: dict[str, Any]) -> "CardInfo":
        kind = CardType(card["card_type"])
        details: dict[str, Any] = card[kind.value.lower()]
        base, sku = details["base_info"], details["base_info"].get("sku", {})
        return cls(card_id=base["id"], card_type=kind, status=base["status"], quantity=sku.get("quantity", 0),
                   total_quantity=sku.get("total_quantity", 0), details=details)  # fmt: skip


def _within(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
