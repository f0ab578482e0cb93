"""``/_control/card_extras/*``: a test plays WeChat's reviewers and the users who pay.

- ``review`` ``{"app_id", "merchant_id", "status"}``: a sub-merchant's review outcome.
- ``coins/pay`` ``{"app_id", "order_id"}``: a 券点 recharge is paid.
- ``giftcard/order`` ``{"app_id", "page_id", "openid", "cards": [{"card_id", "price"}]}``: a user buys
  gift cards on a shelf; answers ``{"order_id"}``.
"""

from typing import Annotated

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.errors import ApiError


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str


class Review(_Body):
    merchant_id: int
    status: str


class Paid(_Body):
    order_id: str


class Bought(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    card_id: Annotated[str, Field(min_length=1)]
    price: Annotated[int, Field(ge=0)]  # fen


class GiftOrder(_Body):
    page_id: str
    openid: Annotated[str, Field(min_length=1)]
    cards: Annotated[list[Bought], Field(min_length=1)]


async def review(request: web.Request) -> web.Response:
    body = await parse_body(request, Review)
    account = request.app[FAKE].state.card_extras.of(known_app(request, body.app_id))
    try:
        account.submerchants.review(body.merchant_id, body.status)
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


async def pay(request: web.Request) -> web.Response:
    body = await parse_body(request, Paid)
    fake = request.app[FAKE]
    try:
        fake.state.card_extras.of(known_app(request, body.app_id)).coins.pay(body.order_id, fake.clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


async def gift_order(request: web.Request) -> web.Response:
    body = await parse_body(request, GiftOrder)
    fake = request.app[FAKE]
    giftcards = fake.state.card_extras.of(known_app(request, body.app_id)).giftcards
    cards = [(card.card_id, card.price) for card in body.cards]
    try:
        order_id = giftcards.place_order(body.page_id, body.openid, cards, fake.clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response({"order_id": order_id})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/card_extras/review", review)
    app.router.add_post("/_control/card_extras/coins/pay", pay)
    app.router.add_post("/_control/card_extras/giftcard/order", gift_order)
