"""The fake's 微信小店 product cards keep WeChat's rules: the account's products only (10170001), newspic
or news articles (10170002), each with its own card types (10170003); a newspic card carries a
product_key beside its DOM, a news card its DOM only; products a test adds are carded too."""

from typing import Any

import pytest

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.shop_cards.state import Product, ShopCards, product_key

APP, OTHER = "wxshop", "wxothershop"


def refused(cards: ShopCards, body: dict[str, Any], app: str = APP) -> int:
    with pytest.raises(ApiError) as error:
        cards.card(app, body, 0.0)
    return error.value.errcode


def test_a_newspic_card_has_a_key_and_a_dom_a_news_card_a_dom() -> None:
    cards = ShopCards()
    pic = cards.card(APP, {"product_id": "1000000000", "article_type": "newspic", "card_type": 3}, 0.0)
    assert pic["product_key"] == product_key(APP, "1000000000") != product_key(OTHER, "1000000000")
    assert 'data-card-type="bar"' in pic["DOM"] and pic["product_key"] in pic["DOM"]
    news = cards.card(APP, {"product_id": "1000000001", "article_type": "news", "card_type": 0}, 0.0)
    assert set(news) == {"DOM"} and "手冲咖啡豆" in news["DOM"] and "¥68.00" in news["DOM"]


def test_a_product_added_to_one_shop_is_carded_there_only() -> None:
    cards = ShopCards()
    cards.add(APP, Product("2000000001", "<限量>礼盒", 12345))
    dom = cards.card(APP, {"product_id": "2000000001", "article_type": "news", "card_type": 1}, 0.0)["DOM"]
    assert "&lt;限量&gt;礼盒" in dom and "¥123.45" in dom
    assert refused(cards, {"product_id": "2000000001", "article_type": "news", "card_type": 1}, OTHER) == 10170001


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"product_id": "999", "article_type": "news", "card_type": 1}, 10170001),
        ({"product_id": 1000000000, "article_type": "news", "card_type": 1}, 10170001),
        ({"product_id": "1000000000", "article_type": "video", "card_type": 1}, 10170002),
        ({"product_id": "1000000000", "card_type": 1}, 10170002),
        ({"product_id": "1000000000", "article_type": "newspic", "card_type": 0}, 10170003),
        ({"product_id": "1000000000", "article_type": "news", "card_type": 3}, 10170003),
        ({"product_id": "1000000000", "article_type": "news", "card_type": "1"}, 10170003),
        ({"product_id": "1000000000", "article_type": "news", "card_type": True}, 10170003),
    ],
)
def test_what_wechat_refuses(body: dict[str, Any], errcode: int) -> None:
    assert refused(ShopCards(), body) == errcode
