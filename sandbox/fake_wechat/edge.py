"""What every API call (``/cgi-bin/``, ``/datacube/``) passes through: counted, delayed, maybe failed, errors rendered.

WeChat answers errors with HTTP 200 and ``{"errcode", "errmsg"}``; an injected fault with a
``status`` answers at the HTTP level instead.
"""

import asyncio
import json
from functools import partial
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.dropped import dropped_answer
from sandbox.fake_wechat.edge_account import count_call, failed_call
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.faults import Fault
from sandbox.fake_wechat.state import FakeWeChatState

# str.startswith takes the tuple; customer service, subscription templates (wxaapi), vision (cv) and cards too.
API_PREFIX: tuple[str, ...] = ("/cgi-bin/", "/datacube/", "/customservice/", "/wxaapi/", "/cv/", "/card/")
API_PREFIX += ("/intp/", "/device/", "/scan/")  # marketing codes, devices, 扫一扫
API_PREFIX += ("/bizwifi/", "/shakearound/", "/nontax/", "/wxa/")  # Wi-Fi, 摇一摇周边, 非税, store mini programs
API_PREFIX += ("/publisher/", "/cityservice/", "/channels/")  # 流量主, 就医助手, 微信小店 product cards
GRANT_PATH = "/cgi-bin/token"
STABLE_GRANT_PATH = "/cgi-bin/stable_token"
CLEAR_QUOTA_V2_PATH = "/cgi-bin/clear_quota/v2"  # by AppSecret, without a token
UNKNOWN_APP = "unknown"

_dumps = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def wechat_json(body: dict[str, Any]) -> web.Response:
    return web.json_response(body, dumps=_dumps)


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object, or WeChat's 47001 "data format error"."""
    try:
        body = json.loads(await request.read())
    except ValueError:
        raise ApiError(ErrCode.DATA_FORMAT_ERROR) from None
    if not isinstance(body, dict):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return body


async def caller_app(request: web.Request, state: FakeWeChatState) -> str:
    """Which app a call is from, for counting and app-scoped faults: appid or the token's owner."""
    appid: object = None
    if request.path in (GRANT_PATH, CLEAR_QUOTA_V2_PATH):
        appid = request.query.get("appid")
    elif request.path == STABLE_GRANT_PATH:
        try:
            appid = (await json_body(request)).get("appid")
        except ApiError:
            appid = None
    else:
        appid = state.tokens.owner(request.query.get("access_token"))
    return appid if isinstance(appid, str) and appid else UNKNOWN_APP


def fault_response(fault: Fault) -> web.Response:
    if fault.status is not None:
        return web.Response(status=fault.status, text=f"{fault.status} injected by fake WeChat")
    return wechat_json({"errcode": fault.errcode, "errmsg": fault.errmsg})


@web.middleware
async def wechat_edge(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith(API_PREFIX) or request.match_info.http_exception is not None:
        return await handler(request)
    fake = request.app[FAKE]
    state, started = fake.state, fake.clock.monotonic()
    app_id = await caller_app(request, state)
    state.calls.record(request.path, app_id)
    over_quota = count_call(state, app_id, request.path, fake.clock.time())
    delay = state.faults.latency_seconds(request.path)
    if delay > 0:
        await asyncio.sleep(delay)
    fault = state.faults.take(request.path, app_id)
    if fault is not None and fault.drop:
        return await dropped_answer(request, handler, hold_seconds=fault.hold_ms / 1000)
    if fault is not None and fault.status is not None:
        return fault_response(fault)
    try:
        if fault is not None:
            raise ApiError(fault.errcode, fault.errmsg)
        if over_quota is not None:
            raise over_quota
        return await handler(request)
    except ApiError as exc:
        cost_ms = (fake.clock.monotonic() - started) * 1000
        return wechat_json(await failed_call(request, state, app_id, exc, now=fake.clock.time(), cost_ms=cost_ms))
