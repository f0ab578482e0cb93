"""微信小店 product cards in articles (``channels/ec/service/product/getcardinfo``).

WeChat's rules: ``article_type`` is ``newspic`` (图片消息: small card, text link, bar card) or ``news``
(图文消息: large card, small card, text link); WeChat answers 10170002 for another article type and
10170003 for a card type the article type does not take. The answer carries the card's ``DOM`` and,
for the article types that need it, a ``product_key``.
"""

from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class CardType(IntEnum):
    LARGE = 0  # 大卡
    SMALL = 1  # 小卡
    LINK = 2  # 文字链接
    BAR = 3  # 条卡


ArticleType = Literal["newspic", "news"]
CARD_TYPES: dict[str, frozenset[CardType]] = {
    "newspic": frozenset({CardType.SMALL, CardType.LINK, CardType.BAR}),
    "news": frozenset({CardType.LARGE, CardType.SMALL, CardType.LINK}),
}


class ProductCardRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    product_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[0-9]+$")]
    article_type: ArticleType
    card_type: CardType

    @model_validator(mode="after")
    def _fits(self) -> "ProductCardRequest":
        if self.card_type not in CARD_TYPES[self.article_type]:
            raise ValueError(f"a {self.article_type} article takes no {self.card_type.name.lower()} card")
        return self

    def body(self) -> dict[str, Any]:
        return {"product_id": self.product_id, "article_type": self.article_type, "card_type": int(self.card_type)}


class ProductCard(BaseModel):
    """What to put in the article: ``dom`` (WeChat's ``DOM``) and/or ``product_key``."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)

    dom: str | None = Field(default=None, alias="DOM")
    product_key: str | None = None
