"""HTTP edge of the token service: authenticate, decode, ask the controller, encode."""

import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import structlog
from aiohttp import web

from services.token import oauth, quota
from services.token.card_signing import parse_request
from services.token.context import TOKENS
from services.token.controller import CredentialController, Refusal
from services.token.credentials import Credential, Kind
from shared.internal_api import Handler, InternalRoutes, bad_request, json_error, not_found
from shared.jssdk import jsapi_signature, nonce_str
from shared.wechat.errors import WeChatError

log = structlog.get_logger(__name__)


def _refusing(handler: Handler) -> Handler:
    """Refusals and upstream errors as JSON bodies."""

    @functools.wraps(handler)
    async def answering(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except Refusal as exc:
            if exc.retry_after is None:
                return json_error(exc.status, exc.code, exc.message)
            response = json_error(exc.status, exc.code, exc.message, retry_after=exc.retry_after)
            response.headers["Retry-After"] = str(exc.retry_after)
            return response
        except WeChatError as exc:
            log.error("upstream_error", path=request.path, errcode=exc.errcode)
            return json_error(502, "upstream_error", "WeChat refused or failed", errcode=exc.errcode, errmsg=exc.errmsg)

    return answering


def _controller(request: web.Request, kind: Kind) -> CredentialController:
    controller = request.app[TOKENS].controllers.get((request.match_info["app_id"], kind))
    if controller is None:
        raise not_found("unknown_app", "no such account")
    return controller


async def _json_body(request: web.Request, *, required: str) -> Any:
    try:
        return await request.json()
    except ValueError:
        raise bad_request(required) from None


async def _json_field(request: web.Request, name: str) -> str:
    required = f"JSON body with a non-empty string field {name} required"
    body = await _json_body(request, required=required)
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value:
        raise bad_request(required)
    return value


@functools.lru_cache(maxsize=256)
def _credential_body(field: str, value: str, expires_at: int) -> bytes:
    """The JSON answer for a credential, encoded once per credential: the same one is
    handed out for two hours, and encoding it anew took about a fifth of each answer."""
    return json.dumps({field: value, "expires_at": expires_at}).encode()


def _credential_answer(field: str, credential: Credential) -> web.Response:
    body = _credential_body(field, credential.value, int(credential.expires_at))
    return web.Response(body=body, content_type="application/json", charset="utf-8")


async def access_token(request: web.Request) -> web.Response:
    return _credential_answer("access_token", await _controller(request, Kind.ACCESS_TOKEN).current())


async def refresh_access_token(request: web.Request) -> web.Response:
    controller = _controller(request, Kind.ACCESS_TOKEN)
    stale = await _json_field(request, "stale_token")
    credential, refreshed = await controller.refresh_stale(stale)
    body = {"access_token": credential.value, "expires_at": int(credential.expires_at), "refreshed": refreshed}
    return web.json_response(body)


async def _signed(
    request: web.Request, controller: CredentialController, sign: Callable[[str, int, str], dict[str, Any]]
) -> web.Response:
    """``sign``'s answer for the account's current ticket, the app clock's time and a fresh nonce; a request
    is checked before this, so a bad one never costs a ticket fetch."""
    ticket = await controller.current()
    return web.json_response(sign(ticket.value, int(request.app[TOKENS].clock()), nonce_str()))


async def jsapi_ticket(request: web.Request) -> web.Response:
    return _credential_answer("ticket", await _controller(request, Kind.JSAPI_TICKET).current())


async def jsapi_signature_for(request: web.Request) -> web.Response:
    controller = _controller(request, Kind.JSAPI_TICKET)
    url = await _json_field(request, "url")
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise bad_request("url must be the absolute http(s) URL of the page")

    def answer(ticket: str, timestamp: int, nonce: str) -> dict[str, Any]:
        signature = jsapi_signature(ticket=ticket, nonce=nonce, timestamp=timestamp, url=url)
        return {"app_id": controller.app_id, "timestamp": timestamp, "nonce_str": nonce, "signature": signature}

    return await _signed(request, controller, answer)


async def card_ticket(request: web.Request) -> web.Response:
    return _credential_answer("ticket", await _controller(request, Kind.CARD_TICKET).current())


async def card_signature_for(request: web.Request) -> web.Response:
    controller = _controller(request, Kind.CARD_TICKET)
    body = await _json_body(request, required="a JSON body required")
    try:
        wanted = parse_request(body)
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    return await _signed(
        request,
        controller,
        lambda ticket, timestamp, nonce: wanted.answer(
            api_ticket=ticket, app_id=controller.app_id, timestamp=timestamp, nonce_str=nonce
        ),
    )


def add_routes(routes: InternalRoutes) -> None:
    routes.get("/v1/apps/{app_id}/access-token", _refusing(access_token))
    routes.post("/v1/apps/{app_id}/access-token/refresh", _refusing(refresh_access_token))
    routes.get("/v1/apps/{app_id}/jsapi-ticket", _refusing(jsapi_ticket))
    routes.post("/v1/apps/{app_id}/jsapi-signature", _refusing(jsapi_signature_for))
    routes.get("/v1/apps/{app_id}/card-ticket", _refusing(card_ticket))
    routes.post("/v1/apps/{app_id}/card-signature", _refusing(card_signature_for))
    routes.post("/v1/apps/{app_id}/oauth/exchange", _refusing(oauth.exchange))
    routes.post("/v1/apps/{app_id}/quota/clear", quota.clear)
