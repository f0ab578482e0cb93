"""The WeChat endpoints: decode the call, ask the state, encode WeChat's answer."""

from aiohttp import web

from sandbox.fake_wechat.context import FAKE, FakeContext
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.menus import selfmenu_info
from sandbox.fake_wechat.tokens import Token

OK = {"errcode": 0, "errmsg": "ok"}


def _authorized(request: web.Request) -> tuple[FakeContext, Token, float]:
    fake = request.app[FAKE]
    now = fake.clock.time()
    return fake, fake.state.authorize(request.query.get("access_token"), now), now


async def token(request: web.Request) -> web.Response:
    fake, query = request.app[FAKE], request.query
    now = fake.clock.time()
    issued = fake.state.grant_token(query.get("grant_type"), query.get("appid"), query.get("secret"), now)
    return wechat_json({"access_token": issued.value, "expires_in": issued.expires_in(now)})


async def stable_token(request: web.Request) -> web.Response:
    fake, body = request.app[FAKE], await json_body(request)
    now = fake.clock.time()
    issued = fake.state.grant_stable_token(
        body.get("grant_type"), body.get("appid"), body.get("secret"), body.get("force_refresh", False), now
    )
    return wechat_json({"access_token": issued.value, "expires_in": issued.expires_in(now)})


async def getticket(request: web.Request) -> web.Response:
    fake, caller, now = _authorized(request)
    ticket = fake.state.issue_ticket(caller, request.query.get("type"), now)
    return wechat_json({**OK, "ticket": ticket.value, "expires_in": ticket.expires_in(now)})


async def template_send(request: web.Request) -> web.Response:
    fake, caller, now = _authorized(request)
    msgid = fake.state.send_template(caller, await json_body(request), now, fake.clock.monotonic())
    return wechat_json({**OK, "msgid": msgid})


async def custom_send(request: web.Request) -> web.Response:
    fake, caller, now = _authorized(request)
    fake.state.send_custom(caller, await json_body(request), now, fake.clock.monotonic())
    return wechat_json(OK)


async def menu_create(request: web.Request) -> web.Response:
    fake, caller, _ = _authorized(request)
    fake.state.create_menu(caller, await json_body(request))
    return wechat_json(OK)


async def menu_get(request: web.Request) -> web.Response:
    fake, caller, _ = _authorized(request)
    return wechat_json(fake.state.directory.menus.read(caller.app_id, fake.state.menu(caller)))


async def selfmenu(request: web.Request) -> web.Response:
    fake, caller, _ = _authorized(request)
    return wechat_json(selfmenu_info(fake.state.menu(caller)))


async def menu_delete(request: web.Request) -> web.Response:
    fake, caller, _ = _authorized(request)
    fake.state.menus.pop(caller.app_id, None)
    fake.state.directory.menus.clear(caller.app_id)  # the conditional menus go with the default one
    return wechat_json(OK)


async def qrcode_create(request: web.Request) -> web.Response:
    fake, caller, now = _authorized(request)
    code = fake.state.qrcodes.create(caller.app_id, await json_body(request), now)
    return wechat_json(code.response())


def add_routes(app: web.Application) -> None:
    app.router.add_get("/cgi-bin/token", token, allow_head=False)
    app.router.add_post("/cgi-bin/stable_token", stable_token)
    app.router.add_get("/cgi-bin/ticket/getticket", getticket, allow_head=False)
    app.router.add_post("/cgi-bin/message/template/send", template_send)
    app.router.add_post("/cgi-bin/message/custom/send", custom_send)
    app.router.add_post("/cgi-bin/menu/create", menu_create)
    app.router.add_get("/cgi-bin/menu/get", menu_get, allow_head=False)
    app.router.add_get("/cgi-bin/get_current_selfmenu_info", selfmenu, allow_head=False)
    app.router.add_get("/cgi-bin/menu/delete", menu_delete, allow_head=False)
    app.router.add_post("/cgi-bin/qrcode/create", qrcode_create)
