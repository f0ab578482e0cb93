"""``/intp/marketcode/*``: decode the call, ask the account's batches, answer as WeChat does."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.marketcode.state import Marketcodes

Action = Callable[[Marketcodes, str, dict[str, Any], float], dict[str, Any]]
ACTIONS: dict[str, Action] = {
    "applycode": Marketcodes.apply,
    "applycodequery": Marketcodes.query,
    "applycodedownload": Marketcodes.download,
    "codeactive": Marketcodes.activate,
    "codeactivequery": Marketcodes.active_query,
    "tickettocode": Marketcodes.ticket_to_code,
}


def _handler(action: Action) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, now = authorized(request)
        answer = action(fake.state.marketcodes, app_id, await json_body(request), now)
        return wechat_json({**OK, **answer})

    return handle


def add_routes(app: web.Application) -> None:
    for name, action in ACTIONS.items():
        app.router.add_post(f"/intp/marketcode/{name}", _handler(action))
