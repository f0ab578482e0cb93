"""``POST /channels/ec/service/product/getcardinfo`` and ``POST /_control/shop/products``
``{app_id, product_id, title, price}`` (a product the account's 微信小店 sells)."""

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.actions import add_actions
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body
from sandbox.fake_wechat.shop_cards.state import Product, ShopCards


class ProductBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str
    product_id: str = Field(pattern=r"^[0-9]+$")
    title: str = Field(min_length=1)
    price: int = Field(default=100, ge=0)  # fen


async def add_product(request: web.Request) -> web.Response:
    body = await parse_body(request, ProductBody)
    request.app[FAKE].state.shop_cards.add(
        known_app(request, body.app_id), Product(body.product_id, body.title, body.price)
    )
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.shop_cards, {"/channels/ec/service/product/getcardinfo": ShopCards.card})
    app.router.add_post("/_control/shop/products", add_product)
