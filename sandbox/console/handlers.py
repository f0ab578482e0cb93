"""The console's JSON API under ``/sandbox/api/``: decode the request, call the core, encode the answer.

Input errors are translated once, by ``_api``: ``BadInput`` → 400 naming the field,
``UnknownApp`` → 404.
"""

import functools
from collections.abc import Awaitable, Callable

from aiohttp import web

from sandbox.console import accounts, phone
from sandbox.console.account_view import menu_for, qr_codes
from sandbox.console.context import CONSOLE, HTTP
from sandbox.console.errors import BadInput, UnknownApp
from sandbox.console.inputs import account_of, int_param, openid_of, parse_send
from sandbox.console.stats import MAX_DAYS, stats_query
from sandbox.console.transport import Unreachable, get_stats
from sandbox.fake_wechat.context import FAKE
from shared.internal_api import json_error

Handler = Callable[[web.Request], Awaitable[web.Response]]


def _api(handler: Handler) -> Handler:
    @functools.wraps(handler)
    async def translated(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except BadInput as exc:
            return json_error(400, "bad_request", exc.message, field=exc.field)
        except UnknownApp as exc:
            return json_error(404, "unknown_app", str(exc), app_id=exc.app_id)

    return translated


@_api
async def list_accounts(request: web.Request) -> web.Response:
    return web.json_response({"accounts": accounts.reachable(request.app[CONSOLE].config.accounts)})


@_api
async def menu(request: web.Request) -> web.Response:
    """The menu the follower ``openid`` sees (conditional menus matched), or the default one."""
    account = account_of(request.app[CONSOLE].config.accounts, request.query.get("app_id"))
    openid = openid_of(request.query["openid"]) if request.query.get("openid") else None
    shown = menu_for(request.app[FAKE].state, account.app_id, openid)
    return web.json_response({"app_id": account.app_id, **shown})


@_api
async def qrcodes(request: web.Request) -> web.Response:
    account = account_of(request.app[CONSOLE].config.accounts, request.query.get("app_id"))
    fake = request.app[FAKE]
    shown = qr_codes(fake.state, account.app_id, fake.clock.time())
    return web.json_response({"app_id": account.app_id, "qrcodes": shown})


@_api
async def send(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    try:
        body = await request.json()
    except ValueError:
        raise BadInput("body", "the body must be a JSON object") from None
    parsed = parse_send(body, console.config.accounts)
    outcome = await phone.send(console, request.app[FAKE].state, request.app[HTTP], parsed)
    answer = {"status": outcome.status, "reply": outcome.reply, "timeline_seq": outcome.seq}
    answer["following"] = outcome.following
    if outcome.error is not None:
        return web.json_response(answer | {"error": "bad_gateway", "message": outcome.error}, status=502)
    return web.json_response(answer)


@_api
async def timeline(request: web.Request) -> web.Response:
    console, query = request.app[CONSOLE], request.query
    account = account_of(console.config.accounts, query.get("app_id"))
    openid = openid_of(query.get("openid"))
    after = int_param(query, "after", default=0, low=0, high=2**62)
    console.timeline.absorb(request.app[FAKE].state.outbox.sent)
    items = console.timeline.since(account.app_id, openid, after)
    return web.json_response(
        {
            "items": items,
            "last_seq": items[-1]["seq"] if items else after,
            "following": console.timeline.following(account.app_id, openid),
        }
    )


@_api
async def events(request: web.Request) -> web.Response:
    log = request.app[CONSOLE].events
    limit = int_param(request.query, "limit", default=50, low=1, high=log.capacity)
    return web.json_response({"events": log.recent(limit)})


@_api
async def stats(request: web.Request) -> web.Response:
    console = request.app[CONSOLE]
    account = account_of(console.config.accounts, request.query.get("app_id"))
    days = int_param(request.query, "days", default=7, low=1, high=MAX_DAYS)
    config = console.config
    try:
        status, body = await get_stats(
            request.app[HTTP],
            config.dispatcher_url,
            account.app_id,
            api_key=config.internal_api_key.get_secret_value(),
            query=stats_query(days, console.wall()),
        )
    except Unreachable as exc:
        return json_error(502, "dispatcher_unreachable", exc.reason)
    if status >= 500:
        return json_error(502, "dispatcher_error", f"dispatcher answered HTTP {status}", upstream=body)
    return web.json_response(body, status=status)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/sandbox/api/accounts", list_accounts, allow_head=False)
    app.router.add_get("/sandbox/api/menu", menu, allow_head=False)
    app.router.add_get("/sandbox/api/qrcodes", qrcodes, allow_head=False)
    app.router.add_post("/sandbox/api/send", send)
    app.router.add_get("/sandbox/api/timeline", timeline, allow_head=False)
    app.router.add_get("/sandbox/api/events", events, allow_head=False)
    app.router.add_get("/sandbox/api/stats", stats, allow_head=False)
