"""Putting cards in front of users and the codes they hold: QR codes (one card, or up to 5), landing pages,
imported codes (≤ 100 a call), a code's status, and what redeeming one answers.

A code is at most 20 characters; a QR code expires after 60 to 1800 seconds, or a year when none is given.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.card import Code, Text
from shared.wechat.models.request import WeChatRequest

MAX_QR_CARDS = 5
MAX_CODES = 100
Url = Annotated[str, Field(min_length=1, pattern=r"^https?://")]
Scene = Literal["SCENE_NEAR_BY", "SCENE_MENU", "SCENE_QRCODE", "SCENE_ARTICLE", "SCENE_H5", "SCENE_IVR",
                "SCENE_CARD_CUSTOM_CELL"]  # fmt: skip


class QrCard(WeChatRequest):
    """One card a QR code gives: a custom code card names its ``code``; ``openid`` lets one user take it."""

    card_id: Text
    code: Code | None = None
    openid: Text | None = None
    is_unique_code: bool | None = None
    outer_str: Annotated[str, Field(max_length=128)] | None = None


class CardQrCode(WeChatRequest):
    """``card/qrcode/create``: one card (``QR_CARD``) or 2 to 5 (``QR_MULTIPLE_CARD``)."""

    cards: Annotated[list[QrCard], Field(min_length=1, max_length=MAX_QR_CARDS)]
    expire_seconds: Annotated[int, Field(strict=True, ge=60, le=1800)] | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {} if self.expire_seconds is None else {"expire_seconds": self.expire_seconds}
        cards = [card.body() for card in self.cards]
        if len(cards) == 1:
            return {**body, "action_name": "QR_CARD", "action_info": {"card": cards[0]}}
        return {**body, "action_name": "QR_MULTIPLE_CARD", "action_info": {"multiple_card": {"card_list": cards}}}


class QrTicket(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    ticket: str
    url: str
    show_qrcode_url: str
    expire_seconds: int = 0


class LandingCard(WeChatRequest):
    card_id: Text
    thumb_url: Url


class LandingPage(WeChatRequest):
    banner: Url
    page_title: Text
    can_share: bool
    scene: Scene
    card_list: Annotated[list[LandingCard], Field(min_length=1)]


class CodeRef(WeChatRequest):
    """One code; ``card_id`` is required for a custom code card (and checked against the code otherwise)."""

    code: Code
    card_id: Text | None = None


class CodeBatch(WeChatRequest):
    card_id: Text
    code: Annotated[list[Code], Field(min_length=1, max_length=MAX_CODES)]

    @model_validator(mode="after")
    def _unique(self) -> "CodeBatch":
        if len(set(self.code)) != len(self.code):
            raise ValueError("a code is named once")
        return self


class DepositResult(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    succ_code: list[str] = []
    duplicate_code: list[str] = []
    fail_code: list[str] = []

    def __add__(self, other: "DepositResult") -> "DepositResult":
        return DepositResult(succ_code=self.succ_code + other.succ_code,
                             duplicate_code=self.duplicate_code + other.duplicate_code,
                             fail_code=self.fail_code + other.fail_code)  # fmt: skip


class CodeCheck(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    exist_code: list[str] = []
    not_exist_code: list[str] = []


class CodeValidity(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    card_id: str
    begin_time: int = 0
    end_time: int = 0


class CodeStatus(BaseModel):
    """``card/code/get``: the holder, the card's dates, the status (``NORMAL``, ``CONSUMED``, ``EXPIRE``,
    ``GIFTING``, ``GIFT_TIMEOUT``, ``DELETE``, ``UNAVAILABLE``) and whether it can be redeemed now."""

    model_config = ConfigDict(extra="allow", frozen=True)

    card: CodeValidity
    openid: str
    can_consume: bool
    user_card_status: str
    outer_str: str = ""


class Mark(WeChatRequest):
    card_id: Text
    code: Code
    openid: Text
    is_mark: bool


class UserCardRef(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    card_id: str
    code: str
