"""``POST /cityservice/sendchannelmsg`` (微信就医助手) and ``POST /_control/cityservice`` ``{app_id,
enabled}``: the account enabling (or losing) 就医助手."""

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict

from sandbox.fake_wechat.actions import add_actions
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body
from sandbox.fake_wechat.state import FakeWeChatState


class EnableBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str
    enabled: bool = True


def send(state: FakeWeChatState, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
    return state.cityservice.send(state.audience, app_id, body, now)


async def enable(request: web.Request) -> web.Response:
    body = await parse_body(request, EnableBody)
    request.app[FAKE].state.cityservice.enable(known_app(request, body.app_id), body.enabled)
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state, {"/cityservice/sendchannelmsg": send})
    app.router.add_post("/_control/cityservice", enable)
