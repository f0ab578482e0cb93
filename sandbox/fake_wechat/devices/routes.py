"""``/device/*``: decode the call, ask the account's devices, answer in WeChat's shapes for each."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.caller import authorized
from sandbox.fake_wechat.devices.state import Devices
from sandbox.fake_wechat.edge import json_body, wechat_json

Handler = Callable[[web.Request], Awaitable[web.Response]]
Posted = Callable[[Devices, str, dict[str, Any]], dict[str, Any]]
Queried = Callable[[Devices, str, Any], dict[str, Any]]

POSTED: dict[str, Posted] = {
    "authorize_device": Devices.authorize,
    "create_qrcode": Devices.create_qrcode,
    "verify_qrcode": lambda d, app, body: {"errcode": 0, "errmsg": "ok", **d.verify(app, body)},
    "bind": lambda d, app, body: d.bind(app, body, ticket=True),
    "unbind": lambda d, app, body: d.unbind(app, body, ticket=True),
    "compel_bind": lambda d, app, body: d.bind(app, body, ticket=False),
    "compel_unbind": lambda d, app, body: d.unbind(app, body, ticket=False),
    "transmsg": Devices.transmsg,
}
QUERIED: dict[str, Queried] = {
    "getqrcode": lambda d, app, q: d.new_device(app, q.get("product_id")),
    "get_stat": lambda d, app, q: d.stat(app, q.get("device_id")),
    "get_openid": lambda d, app, q: d.openids(app, q.get("device_type"), q.get("device_id")),
    "get_bind_device": lambda d, app, q: d.bound_to(app, q.get("openid")),
}


def _posted(action: Posted) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, _ = authorized(request)
        return wechat_json(action(fake.state.devices, app_id, await json_body(request)))

    return handle


def _queried(action: Queried) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, _ = authorized(request)
        return wechat_json(action(fake.state.devices, app_id, request.query))

    return handle


def add_routes(app: web.Application) -> None:
    for name, posted in POSTED.items():
        app.router.add_post(f"/device/{name}", _posted(posted))
    for name, queried in QUERIED.items():
        app.router.add_get(f"/device/{name}", _queried(queried), allow_head=False)
