"""``get_current_autoreply_info``, ``draft/switch`` and ``changeopenid``: decode, ask the state, answer."""

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json


async def autoreply(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json(fake.state.account_admin.autoreply(app_id))


async def draft_switch(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({**OK, **fake.state.account_admin.draft_switch(app_id, request.query.get("checkonly"))})


async def change_openids(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({**OK, **fake.state.account_admin.change_openids(app_id, await json_body(request))})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/cgi-bin/get_current_autoreply_info", autoreply, allow_head=False)
    app.router.add_post("/cgi-bin/draft/switch", draft_switch)
    app.router.add_post("/cgi-bin/changeopenid", change_openids)
