"""``/_control/card/*``: a test plays WeChat's reviewers and the users who take and use cards.

- ``review`` ``{"app_id", "card_id", "status"}``: the review outcome (``CARD_STATUS_VERIFY_OK`` or ``_FAIL``).
- ``take`` ``{"app_id", "card_id", "openid", "code"?, "outer_str"?}``: a user takes a card (a custom code card
  is given its ``code``); answers ``{"code", "encrypt_code"}``.
- ``scan`` ``{"app_id", "ticket", "openid", "card_id"?}``: a user scans a card QR code and takes its card (or
  the ``card_id`` of several); refused once it has expired or when it names another ``openid``; answers
  ``{"code", "encrypt_code"}``.
- ``drop`` ``{"app_id", "code"}``: the user deletes the card from their card bag.
- ``gift`` ``{"app_id", "code"}``: the user gives the card to a friend (``GIFTING``).
- ``accept`` ``{"app_id", "code", "openid"}``: the friend takes it; answers ``{"code"}``, the friend's code.
- ``fill`` ``{"app_id", "code", "fields": {name: value}}``: the user fills in a member card's activation
  form; answers ``{"activate_ticket"}``.
"""

from collections.abc import Callable
from typing import Annotated, Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.cards.state import Account
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.errors import ApiError

Text = Annotated[str, Field(min_length=1)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str


class Review(_Body):
    card_id: Text
    status: Text


class Take(_Body):
    card_id: Text
    openid: Text
    code: str | None = None
    outer_str: str = ""


class Scan(_Body):
    ticket: Text
    openid: Text
    card_id: str = ""


class UserCode(_Body):
    code: Text


class Accept(_Body):
    code: Text
    openid: Text


class Fill(_Body):
    code: Text
    fields: dict[str, str]


def _run(request: web.Request, app_id: str, act: Callable[[Account, float], dict[str, Any]]) -> web.Response:
    fake = request.app[FAKE]
    try:
        answer = act(fake.state.cards.of(known_app(request, app_id)), fake.clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(answer)


async def review(request: web.Request) -> web.Response:
    body = await parse_body(request, Review)

    def act(account: Account, _now: float) -> dict[str, Any]:
        account.cards.review(body.card_id, body.status)
        return DONE

    return _run(request, body.app_id, act)


async def take(request: web.Request) -> web.Response:
    body = await parse_body(request, Take)

    def act(account: Account, now: float) -> dict[str, Any]:
        held = account.codes.take(body.card_id, body.openid, now, body.code, body.outer_str)
        return {"code": held.code, "encrypt_code": account.codes.encrypt_code(held)}

    return _run(request, body.app_id, act)


async def scan(request: web.Request) -> web.Response:
    body = await parse_body(request, Scan)

    def act(account: Account, now: float) -> dict[str, Any]:
        held = account.codes.scan(body.ticket, body.openid, now, body.card_id)
        return {"code": held.code, "encrypt_code": account.codes.encrypt_code(held)}

    return _run(request, body.app_id, act)


async def drop(request: web.Request) -> web.Response:
    body = await parse_body(request, UserCode)

    def act(account: Account, _now: float) -> dict[str, Any]:
        account.codes.drop(body.code)
        return DONE

    return _run(request, body.app_id, act)


async def gift(request: web.Request) -> web.Response:
    body = await parse_body(request, UserCode)

    def act(account: Account, now: float) -> dict[str, Any]:
        account.codes.gift(body.code, now)
        return DONE

    return _run(request, body.app_id, act)


async def accept(request: web.Request) -> web.Response:
    body = await parse_body(request, Accept)
    return _run(request, body.app_id, lambda a, _: {"code": a.codes.accept(body.code, body.openid).code})


async def fill(request: web.Request) -> web.Response:
    body = await parse_body(request, Fill)
    return _run(request, body.app_id, lambda a, _: {"activate_ticket": a.members.fill_form(body.code, body.fields)})


def add_routes(app: web.Application) -> None:
    handlers = {
        "review": review,
        "take": take,
        "scan": scan,
        "drop": drop,
        "gift": gift,
        "accept": accept,
        "fill": fill,
    }
    for name, handler in handlers.items():
        app.router.add_post(f"/_control/card/{name}", handler)
