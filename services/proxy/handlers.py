"""HTTP edge of the API proxy: admit the call, forward it, pass WeChat's answer back, audit it."""

import asyncio
import json

import structlog
from aiohttp import ClientError, hdrs, web
from redis.exceptions import RedisError

from services.proxy.audit import CallRecord, caller_of, record
from services.proxy.bodies import body_of, content_type
from services.proxy.context import PROXY, Proxy
from services.proxy.forwarding import Buffered, Outgoing, Streamed
from services.proxy.paths import known_app, no_token_in, raw_tail, resolve
from services.proxy.refusals import Refusal
from services.proxy.upload import CHUNK, Upload
from shared.internal_api import Handler, InternalRoutes, json_error

log = structlog.get_logger(__name__)

MEDIA_HEADERS = (hdrs.CONTENT_TYPE, hdrs.CONTENT_DISPOSITION, hdrs.CACHE_CONTROL)


async def admitted(request: web.Request, proxy: Proxy, call: CallRecord) -> Outgoing:
    """The call as it will go to WeChat; a ``Refusal`` for anything the proxy does not forward."""
    tail = raw_tail(request.raw_path, call.app_id)
    known_app(call.app_id, proxy.accounts)
    call.endpoint = endpoint = resolve(tail, request.method, proxy.catalogue)
    no_token_in(request.query.keys())
    body = await body_of(request, endpoint, proxy.limits)
    call.bytes_in = len(body) if isinstance(body, bytes) else 0
    return Outgoing(call.app_id, endpoint, list(request.query.items()), body, content_type(request, endpoint))


async def streamed(request: web.Request, answer: Streamed, call: CallRecord) -> web.StreamResponse:
    """A media answer, passed on chunk by chunk; a download that breaks off breaks the caller's connection."""
    upstream = answer.response
    headers = {name: upstream.headers[name] for name in MEDIA_HEADERS if name in upstream.headers}
    if hdrs.CONTENT_LENGTH in upstream.headers and hdrs.CONTENT_ENCODING not in upstream.headers:
        headers[hdrs.CONTENT_LENGTH] = upstream.headers[hdrs.CONTENT_LENGTH]
    response = web.StreamResponse(status=upstream.status, headers=headers)
    try:
        await response.prepare(request)
        async for chunk in upstream.content.iter_chunked(CHUNK):
            await response.write(chunk)
            call.bytes_out += len(chunk)
        await response.write_eof()
    except (ClientError, TimeoutError) as exc:
        call.trace.failure = f"WeChat's download broke off ({type(exc).__name__})"
        raise ConnectionResetError(call.trace.failure) from None
    finally:
        upstream.release()
    return response


async def answered(request: web.Request, answer: Buffered | Streamed, call: CallRecord) -> web.StreamResponse:
    if isinstance(answer, Streamed):
        return await streamed(request, answer, call)
    call.bytes_out = len(answer.body)
    return web.Response(status=answer.status, body=answer.body, headers={hdrs.CONTENT_TYPE: answer.content_type})


async def call_wechat(request: web.Request) -> web.StreamResponse:
    proxy = request.app[PROXY]
    call = CallRecord(request.match_info["app_id"], caller_of(request), request.match_info["path"])
    out: Outgoing | None = None
    try:
        out = await admitted(request, proxy, call)
        answer = await proxy.forwarder.send(out, call.trace)
        return await answered(request, answer, call)
    except Refusal as refusal:
        call.refused(refusal)
        return refusal.response()
    finally:
        if out is not None and isinstance(out.body, Upload):
            call.bytes_in = out.body.received
            out.body.close()
        # After the answer: aiohttp writes it when this handler returns, before the loop's next turn.
        asyncio.get_running_loop().call_soon(record, call, proxy.metrics)


async def endpoints(request: web.Request) -> web.Response:
    listing = [endpoint.describe() for endpoint in request.app[PROXY].catalogue]
    return web.json_response({"endpoints": listing})


async def quota(request: web.Request) -> web.Response:
    proxy, app_id = request.app[PROXY], request.match_info["app_id"]
    try:
        known_app(app_id, proxy.accounts)
        day, calls = await proxy.quota.day(app_id)
    except Refusal as refusal:
        return refusal.response()
    except (RedisError, OSError) as exc:
        log.warning("quota_read_failed", error=type(exc).__name__)
        return json_error(503, "store_unavailable", "the call counts are in Redis, which is unavailable")
    rows = [
        {"path": e.path, "calls": calls.get(e.path, 0), "daily_limit": proxy.daily_limits.get(e.path)}
        for e in proxy.catalogue
        if not e.deprecated
    ]
    return web.json_response({"app_id": app_id, "date": day, "endpoints": rows})


def openapi_handler(document: dict[str, object]) -> Handler:
    body = json.dumps(document, ensure_ascii=False).encode()

    async def openapi(_request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    return openapi


def add_routes(app: web.Application, routes: InternalRoutes, document: dict[str, object]) -> None:
    routes.get("/v1/endpoints", endpoints)
    routes.get("/v1/apps/{app_id}/quota", quota)
    routes.get("/v1/apps/{app_id}/wechat/{path:.*}", call_wechat)
    routes.post("/v1/apps/{app_id}/wechat/{path:.*}", call_wechat)
    app.router.add_get("/openapi.json", openapi_handler(document))
