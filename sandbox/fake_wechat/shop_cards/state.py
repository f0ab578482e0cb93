"""微信小店 products per account, with no I/O, and the cards an article embeds for them.

Every account's shop starts with three products (the docs' ``1000000000`` among them); a test adds
more with ``POST /_control/shop/products``. WeChat's codes: 10170001 a product the shop lacks (or a
malformed id), 10170002 an article type other than ``newspic``/``news``, 10170003 a card type the
article type does not take (``newspic``: small 1, link 2, bar 3; ``news``: large 0, small 1, link 2).
A ``newspic`` card comes with its ``product_key`` and ``DOM``, a ``news`` one with its ``DOM`` only.
"""

import hashlib
from dataclasses import dataclass, field
from html import escape
from typing import Any

from sandbox.fake_wechat.errors import ApiError

INVALID_PRODUCT, INVALID_ARTICLE_TYPE, INVALID_CARD_TYPE = 10170001, 10170002, 10170003
CARD_TYPES = {"newspic": (1, 2, 3), "news": (0, 1, 2)}
CARD_NAMES = {0: "large", 1: "small", 2: "link", 3: "bar"}


@dataclass(frozen=True, slots=True)
class Product:
    product_id: str
    title: str
    price: int  # fen


SEEDED = (Product("1000000000", "示例商品", 9900), Product("1000000001", "手冲咖啡豆 250g", 6800),
          Product("1000000002", "陶瓷马克杯", 3900))  # fmt: skip


@dataclass
class Shop:
    products: dict[str, Product] = field(default_factory=lambda: {p.product_id: p for p in SEEDED})


def product_key(app_id: str, product_id: str) -> str:
    return "PK" + hashlib.sha256(f"{app_id}|{product_id}".encode()).hexdigest()[:30]


def dom(product: Product, card_type: int, key: str) -> str:
    """The card's markup, as an article's HTML takes it."""
    title = escape(product.title)
    return (
        f'<section class="wxw_shop_card" data-card-type="{CARD_NAMES[card_type]}" data-product-key="{key}">'
        f'<span class="wxw_shop_card_title">{title}</span>'
        f'<span class="wxw_shop_card_price">¥{product.price // 100}.{product.price % 100:02d}</span></section>'
    )


class ShopCards:
    def __init__(self) -> None:
        self._shops: dict[str, Shop] = {}

    def of(self, app_id: str) -> Shop:
        return self._shops.setdefault(app_id, Shop())

    def add(self, app_id: str, product: Product) -> None:
        self.of(app_id).products[product.product_id] = product

    def card(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """``getcardinfo``: the card of one of the shop's products for an article type."""
        product = self.of(app_id).products.get(str(body.get("product_id")))
        if product is None or not isinstance(body.get("product_id"), str):
            raise ApiError(INVALID_PRODUCT, "invalid product id")
        article_type = body.get("article_type")
        if article_type not in CARD_TYPES:
            raise ApiError(INVALID_ARTICLE_TYPE, "unsupported article type")
        card_type = body.get("card_type")
        if isinstance(card_type, bool) or card_type not in CARD_TYPES[str(article_type)]:
            raise ApiError(INVALID_CARD_TYPE, "unsupported card type")
        key = product_key(app_id, product.product_id)
        answer = {"DOM": dom(product, int(card_type), key)}
        return {"product_key": key, **answer} if article_type == "newspic" else answer
