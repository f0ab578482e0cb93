"""The dropped answer: WeChat did the work, but its answer never reached the caller.

A ``drop`` fault (``POST /_control/fail {"path", "drop": true, "hold_ms"?}``) lets the call through
to its handler, so whatever it changes is changed (a broadcast is sent, a message is queued), then
holds the connection for ``hold_ms`` (long enough for the caller's timeout, if the test wants one)
and closes it without a byte of answer. The caller sees a timeout or a dropped connection and cannot
tell whether WeChat acted: the situation a sender must resolve by asking (``mass/get``), never by
calling again.
"""

import asyncio

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler

from sandbox.fake_wechat.errors import ApiError

log = structlog.get_logger(__name__)


async def dropped_answer(request: web.Request, handler: Handler, *, hold_seconds: float) -> web.StreamResponse:
    """Run the call, then close its connection instead of answering."""
    try:
        await handler(request)
    except ApiError as exc:  # refused calls are dropped just the same: the caller learns nothing either way
        log.info("fake_wechat_dropped_error", path=request.path, errcode=exc.errcode)
    if hold_seconds > 0:
        await asyncio.sleep(hold_seconds)
    log.info("fake_wechat_answer_dropped", path=request.path)
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=503)  # never written: the connection is already closed
