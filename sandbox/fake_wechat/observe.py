"""The ``/_control/`` reads: what the fake saw (calls, sends) and holds (tokens, tickets, QR codes, policy)."""

from typing import Any

from aiohttp import web

from sandbox.fake_wechat.context import FAKE


def _app_ids(request: web.Request) -> list[str]:
    app_id = request.query.get("app_id")
    return [app_id] if app_id else sorted(request.app[FAKE].state.apps)


async def calls(request: web.Request) -> web.Response:
    return web.json_response(request.app[FAKE].state.calls.snapshot())


async def sent(request: web.Request) -> web.Response:
    outbox = request.app[FAKE].state.outbox
    return web.json_response(outbox.listing(request.query.get("app_id"), request.query.get("kind")))


async def tokens(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    now = fake.clock.time()
    return web.json_response([t.describe(now) for a in _app_ids(request) for t in fake.state.tokens.of_app(a)])


async def tickets(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    now = fake.clock.time()
    return web.json_response([t.describe(now) for a in _app_ids(request) for t in fake.state.tickets.of_app(a)])


async def qrcodes(request: web.Request) -> web.Response:
    state = request.app[FAKE].state
    return web.json_response([code.describe() for a in _app_ids(request) for code in state.qrcodes.of_app(a)])


async def settings(request: web.Request) -> web.Response:
    """The running policy (no secrets), pending faults and the audience configuration."""
    state = request.app[FAKE].state
    policy: dict[str, Any] = state.config.model_dump(exclude={"apps"})
    return web.json_response(
        {
            "apps": sorted(state.apps),
            "policy": policy,
            "faults": state.faults.describe(),
            "audience": state.audience.snapshot(),
        }
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/_control/calls", calls)
    app.router.add_get("/_control/sent", sent)
    app.router.add_get("/_control/tokens", tokens)
    app.router.add_get("/_control/tickets", tickets)
    app.router.add_get("/_control/qrcodes", qrcodes)
    app.router.add_get("/_control/settings", settings)
