"""The guide endpoints' HTTP edge: authorize, decode the JSON body, run the operation, answer."""

from functools import partial

from aiohttp import web

from sandbox.fake_wechat.audience import Group
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.guide.fields import Call, Follower
from sandbox.fake_wechat.guide.operations import OPERATIONS, Operation
from sandbox.fake_wechat.state import FakeWeChatState

PREFIX = "/cgi-bin/guide/"


def follower_check(state: FakeWeChatState, app_id: str) -> Follower:
    """A well-formed openid (40003) of someone following the account (43004)."""

    def check(value: object) -> str:
        openid = state.audience.openid(app_id, value)
        if state.audience.has(app_id, Group.UNSUBSCRIBED, openid):
            raise ApiError(ErrCode.REQUIRE_SUBSCRIBE)
        return openid

    return check


async def handle(operation: Operation, request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    body = await json_body(request)
    call = Call(int(now), follower_check(fake.state, app_id))
    return wechat_json({**OK, **operation(fake.state.guide.of(app_id), body, call)})


def add_routes(app: web.Application) -> None:
    for action, operation in OPERATIONS.items():
        app.router.add_post(f"{PREFIX}{action}", partial(handle, operation))
