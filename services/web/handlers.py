"""HTTP edge of the web service: decode, ask the core, encode (a redirect's Location exactly as built)."""

import functools
import time

import structlog
from aiohttp import web
from redis.exceptions import RedisError

from services.web.context import WEB
from services.web.hosts import AllowedHosts
from services.web.logins import Refusal
from services.web.page_url import RefusedUrl, check_page_url
from services.web.store import well_formed_ticket
from services.web.token_client import Unavailable
from shared.internal_api import Handler, InternalRoutes, json_error
from shared.jssdk import jsapi_signature, nonce_str

log = structlog.get_logger(__name__)

_NO_STORE = {"Cache-Control": "no-store"}


def _answering(handler: Handler) -> Handler:
    """Refusals as JSON errors; Redis down as 503 (never a stack trace, never a secret)."""

    @functools.wraps(handler)
    async def answering(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except Refusal as exc:
            return json_error(exc.status, exc.code, exc.message)
        except RedisError as exc:
            log.error("store_unavailable", route=handler.__name__, error=type(exc).__name__)
            return json_error(503, "unavailable", "the login store is unavailable; try again")

    return answering


def _redirect(location: str) -> web.Response:
    """302 with ``location`` as the header's value, byte for byte (aiohttp's HTTPFound would re-encode it)."""
    headers = {"Location": location, "Referrer-Policy": "no-referrer", **_NO_STORE}
    return web.Response(status=302, headers=headers)


async def login(request: web.Request) -> web.Response:
    query = request.query
    location = await request.app[WEB].logins.start(
        request.match_info["app_id"], query.get("return_to", ""), query.get("scope")
    )
    return _redirect(location)


async def callback(request: web.Request) -> web.Response:
    state = request.query.get("state")
    if not state:
        raise Refusal(400, "bad_state", "state is required", reason="bad_state")
    location = await request.app[WEB].logins.finish(request.match_info["app_id"], state, request.query.get("code"))
    return _redirect(location)


async def redeem_ticket(request: web.Request) -> web.Response:
    service, ticket = request.app[WEB], request.match_info["ticket"]
    answer = await service.store.redeem(ticket) if well_formed_ticket(ticket) else None
    if answer is None:
        service.metrics.redeemed["unknown"].inc()
        return json_error(404, "unknown_ticket", "no such ticket: unknown, expired or already redeemed")
    service.metrics.redeemed["ok"].inc()
    return web.Response(body=answer, content_type="application/json", charset="utf-8", headers=_NO_STORE)


def _cors(request: web.Request, hosts: AllowedHosts) -> dict[str, str]:
    """CORS headers for a page whose origin is on one of the account's hosts; none otherwise."""
    origin = request.headers.get("Origin")
    if not origin:
        return {}
    try:
        check_page_url(origin, hosts)
    except RefusedUrl:
        return {}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


def _hosts(request: web.Request) -> AllowedHosts:
    hosts = request.app[WEB].hosts.get(request.match_info["app_id"])
    if hosts is None:
        raise Refusal(404, "unknown_app", "no such account", reason=None)
    return hosts


def _with_cors(response: web.Response, cors: dict[str, str]) -> web.Response:
    response.headers.update(cors)
    return response


async def jssdk_config(request: web.Request) -> web.Response:
    service, app_id = request.app[WEB], request.match_info["app_id"]
    hosts = _hosts(request)
    cors = _cors(request, hosts)
    url = request.query.get("url", "")
    try:
        check_page_url(url, hosts)
        ticket = await service.jsapi_tickets.ticket(app_id)
    except RefusedUrl as exc:
        service.metrics.configs["bad_url"].inc()
        return _with_cors(json_error(400, "bad_url", f"url refused: {exc}"), cors)
    except Unavailable as exc:
        service.metrics.configs["unavailable"].inc()
        log.warning("jsapi_ticket_unavailable", app_id=app_id, reason=exc.reason)
        return _with_cors(json_error(502, "upstream_unavailable", "no jsapi_ticket to sign with; try again"), cors)
    timestamp, nonce = int(time.time()), nonce_str()
    signature = jsapi_signature(ticket=ticket, nonce=nonce, timestamp=timestamp, url=url)
    service.metrics.configs["ok"].inc()
    # Every value is [A-Za-z0-9_-] (an AppId of the accounts, hex, digits): JSON without an encoder.
    body = f'{{"appId":"{app_id}","timestamp":{timestamp},"nonceStr":"{nonce}","signature":"{signature}"}}'
    return web.Response(text=body, content_type="application/json", headers={**cors, **_NO_STORE})


async def jssdk_preflight(request: web.Request) -> web.Response:
    cors = _cors(request, _hosts(request))
    if cors:
        cors |= {"Access-Control-Allow-Methods": "GET", "Access-Control-Max-Age": "600"}
        requested = request.headers.get("Access-Control-Request-Headers")
        if requested:
            cors["Access-Control-Allow-Headers"] = requested
    return web.Response(status=204, headers=cors)


def add_routes(app: web.Application, internal: InternalRoutes) -> None:
    app.router.add_get("/oauth/{app_id}/login", _answering(login), allow_head=False)
    app.router.add_get("/oauth/{app_id}/callback", _answering(callback), allow_head=False)
    app.router.add_get("/jssdk/{app_id}/config", _answering(jssdk_config), allow_head=False)
    app.router.add_route("OPTIONS", "/jssdk/{app_id}/config", _answering(jssdk_preflight))
    internal.get("/v1/web/tickets/{ticket}", _answering(redeem_ticket))
