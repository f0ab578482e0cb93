"""``/scan/*``: decode the call, ask the account's products, answer as WeChat does."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.scan.state import Products

Action = Callable[[Products, str, dict[str, Any]], dict[str, Any]]
POSTED: dict[str, Action] = {
    "product/create": Products.create,
    "product/modstatus": Products.modstatus,
    "testwhitelist/set": Products.set_whitelist,
    "product/getqrcode": Products.qrcode,
    "product/get": Products.get,
    "product/getlist": Products.list,
    "product/update": Products.update,
    "product/clear": Products.clear,
    "scanticket/check": Products.check_ticket,
}


def _handler(action: Action, *, posted: bool) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, _ = authorized(request)
        body = await json_body(request) if posted else {}
        return wechat_json({**OK, **action(fake.state.products, app_id, body)})

    return handle


def add_routes(app: web.Application) -> None:
    app.router.add_get("/scan/merchantinfo/get", _handler(Products.merchant, posted=False), allow_head=False)
    for name, action in POSTED.items():
        app.router.add_post(f"/scan/{name}", _handler(action, posted=True))
