"""HTTP edge of the gateway: decode the request, call the core and the flow, encode the answer."""

import time

import structlog
from aiohttp import web

from services.gateway.callback import Rejected, answer, open_callback, read_params, verify_url
from services.gateway.context import GATEWAY, Gateway
from shared.accounts import Account
from shared.broker import PublishFailed

log = structlog.get_logger(__name__)

_TEXT = "text/plain"
_XML = "application/xml"


def _account(gateway: Gateway, request: web.Request) -> Account:
    account = gateway.accounts.get(request.match_info["app_id"])
    if account is None or account.token is None:
        raise Rejected(404, "unknown app")
    return account


async def _body(request: web.Request, limit: int) -> bytes:
    """The whole body, however many chunks or segments it came in; never more than ``limit`` + 1
    bytes read (a body over ``limit`` is 413, with or without Content-Length)."""
    if request.content_length is not None and request.content_length > limit:
        raise Rejected(413, f"body exceeds {limit} bytes")
    body = bytearray()
    while len(body) <= limit and (chunk := await request.content.read(limit + 1 - len(body))):
        body += chunk
    if len(body) > limit:
        raise Rejected(413, f"body exceeds {limit} bytes")
    return bytes(body)


def _rejection(gateway: Gateway, request: web.Request, exc: Rejected) -> web.Response:
    gateway.metrics.requests.labels(request.method, f"rejected_{exc.status}").inc()
    log.warning("callback_rejected", app_id=request.match_info["app_id"], status=exc.status, reason=exc.reason)
    return web.Response(status=exc.status, text=exc.reason, content_type=_TEXT)


async def verify(request: web.Request) -> web.Response:
    """WeChat's URL verification: answer ``echostr`` when the signature holds."""
    gateway = request.app[GATEWAY]
    try:
        account = _account(gateway, request)
        echostr = verify_url(account, request.query, now=time.time(), window=gateway.settings.timestamp_window_seconds)
    except Rejected as exc:
        return _rejection(gateway, request, exc)
    gateway.metrics.requests.labels("GET", "verified").inc()
    return web.Response(text=echostr, content_type=_TEXT)


async def callback(request: web.Request) -> web.Response:
    """A pushed message or event: verified, published with confirm, answered."""
    arrived = time.monotonic()
    gateway = request.app[GATEWAY]
    settings = gateway.settings
    with gateway.metrics.post_latency.time():
        try:
            account = _account(gateway, request)
            params = read_params(request.query)
            body = await _body(request, settings.max_body_bytes)
            inbound = open_callback(
                account, params, body,
                now=time.time(), window=settings.timestamp_window_seconds, max_bytes=settings.max_body_bytes,
            )  # fmt: skip
        except Rejected as exc:
            return _rejection(gateway, request, exc)
        try:
            reply_xml = await gateway.flow.handle(inbound.event, arrived=arrived)
        except PublishFailed:
            gateway.metrics.requests.labels("POST", "publish_failed").inc()
            return web.Response(status=503, text="event not stored, retry", content_type=_TEXT)
        gateway.metrics.requests.labels("POST", "replied" if reply_xml else "accepted").inc()
        return web.Response(body=answer(account, inbound, params, reply_xml), content_type=_XML if reply_xml else _TEXT)
