"""``/cgi-bin/wxopen/*``: decode the call, ask the account's mini programs, answer as WeChat does."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.wxopen.state import MiniPrograms

Action = Callable[[MiniPrograms, str, dict[str, Any]], dict[str, Any]]
ACTIONS: dict[str, Action] = {
    "wxamplinkget": MiniPrograms.linked,
    "wxamplink": MiniPrograms.link,
    "wxampunlink": MiniPrograms.unlink,
    "qrcodejumpget": MiniPrograms.rules,
    "qrcodejumpadd": MiniPrograms.add_rule,
    "qrcodejumppublish": MiniPrograms.publish,
    "qrcodejumpdelete": MiniPrograms.delete_rule,
    "qrcodejumpdownload": MiniPrograms.verify_file,
}


def _handler(action: Action) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, _ = authorized(request)
        return wechat_json({**OK, **action(fake.state.mini_programs, app_id, await json_body(request))})

    return handle


def add_routes(app: web.Application) -> None:
    for name, action in ACTIONS.items():
        app.router.add_post(f"/cgi-bin/wxopen/{name}", _handler(action))
