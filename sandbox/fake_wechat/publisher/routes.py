"""``GET /publisher/stat``: the account's 流量主 reports, refusals in WeChat's ``base_resp``; and
``POST /_control/publisher`` ``{app_id, enabled}``, the account becoming (or ceasing to be) a 流量主."""

from aiohttp import web
from pydantic import BaseModel, ConfigDict

from sandbox.fake_wechat.caller import authorized
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body
from sandbox.fake_wechat.edge import wechat_json
from sandbox.fake_wechat.publisher.state import Refused


class EnableBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str
    enabled: bool = True


async def stat(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    try:
        return wechat_json(fake.state.publisher.report(app_id, dict(request.query), now))
    except Refused as refused:
        return wechat_json(refused.answer())


async def enable(request: web.Request) -> web.Response:
    body = await parse_body(request, EnableBody)
    request.app[FAKE].state.publisher.enable(known_app(request, body.app_id), body.enabled)
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/publisher/stat", stat, allow_head=False)
    app.router.add_post("/_control/publisher", enable)
