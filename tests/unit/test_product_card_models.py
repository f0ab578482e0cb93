"""A product card request fails before anything is sent where WeChat would refuse it (an article type
WeChat lacks, a card type the article type does not take, no product id); the answer reads DOM."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.models.product_card import CardType, ProductCard, ProductCardRequest


def test_the_body_and_the_answer() -> None:
    request = ProductCardRequest(product_id="1000000000", article_type="newspic", card_type=CardType.BAR)
    assert request.body() == {"product_id": "1000000000", "article_type": "newspic", "card_type": 3}
    card = ProductCard.model_validate({"errcode": 0, "errmsg": "ok", "DOM": "<section/>", "product_key": "PK1"})
    assert (card.dom, card.product_key) == ("<section/>", "PK1")


@pytest.mark.parametrize(
    "fields",
    [
        {"product_id": "1", "article_type": "newspic", "card_type": 0},
        {"product_id": "1", "article_type": "news", "card_type": 3},
        {"product_id": "1", "article_type": "video", "card_type": 1},
        {"product_id": "", "article_type": "news", "card_type": 1},
        {"product_id": "abc", "article_type": "news", "card_type": 1},
        {"product_id": "1", "article_type": "news", "card_type": 4},
    ],
)
def test_what_wechat_refuses_fails_first(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ProductCardRequest(**fields)
