"""A demo H5 page ("a shop") and its own small backend, as a team on the platform would write them.

``/shop/{app_id}`` sends the visitor to the web service's login; back with
``wx_ticket``, its backend redeems the ticket (``GET /v1/web/tickets/{ticket}``,
bearer INTERNAL_API_KEY), keeps who it is in a cookie session and shows the
page again without the ticket. The page calls ``wx.config`` with the web
service's ``/jssdk/{app_id}/config`` for its own URL, through the JS-SDK stand-in
(``/open/js/jweixin-1.6.0.js``), and shows ``config:ok`` or WeChat's error.
Sessions live in memory: a development page, not a pattern for production.
"""

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import structlog
from aiohttp import web

log = structlog.get_logger(__name__)

STATIC = Path(__file__).parent / "static"
COOKIE = "wxmp_shop"


@dataclass
class Shop:
    web_url: str
    internal_api_key: str
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)  # cookie → the ticket's identity
    http: aiohttp.ClientSession | None = None

    async def redeem(self, ticket: str) -> dict[str, Any] | None:
        assert self.http is not None
        url = f"{self.web_url}/v1/web/tickets/{quote(ticket, safe='')}"
        headers = {"Authorization": f"Bearer {self.internal_api_key}"}
        try:
            async with self.http.get(url, headers=headers, timeout=aiohttp.ClientTimeout(total=10)) as response:
                if response.status != 200:
                    log.info("shop_ticket_refused", status=response.status)
                    return None
                identity: dict[str, Any] = await response.json()
                return identity
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("shop_web_service_unreachable", error=type(exc).__name__)
            return None


SHOP = web.AppKey("sandbox_shop", Shop)


async def page(request: web.Request) -> web.StreamResponse:
    shop, app_id = request.app[SHOP], request.match_info["app_id"]
    ticket = request.query.get("wx_ticket")
    if ticket is None:
        return web.FileResponse(STATIC / "shop.html", headers={"Cache-Control": "no-store"})
    identity = await shop.redeem(ticket)
    here = f"/shop/{quote(app_id, safe='')}"
    if identity is None or identity.get("app_id") != app_id:
        raise web.HTTPSeeOther(f"{here}?wx_error=ticket_refused")
    session = secrets.token_urlsafe(24)
    shop.sessions[session] = identity
    response = web.HTTPSeeOther(here)  # the ticket leaves the address bar (and the history)
    response.set_cookie(COOKIE, session, path="/shop/", httponly=True, samesite="Lax")
    raise response


async def session(request: web.Request) -> web.Response:
    shop, app_id = request.app[SHOP], request.match_info["app_id"]
    identity = shop.sessions.get(request.cookies.get(COOKIE, ""))
    if identity is not None and identity.get("app_id") != app_id:
        identity = None
    return web.json_response({"app_id": app_id, "web_url": shop.web_url, "identity": identity})


def add_routes(app: web.Application, *, web_url: str, internal_api_key: str) -> None:
    app[SHOP] = Shop(web_url.rstrip("/"), internal_api_key)

    async def http(app: web.Application) -> AsyncIterator[None]:
        async with aiohttp.ClientSession() as client:
            app[SHOP].http = client
            yield

    app.cleanup_ctx.append(http)
    app.router.add_get("/shop/{app_id}", page, allow_head=False)
    app.router.add_get("/shop/api/{app_id}/session", session)
    app.router.add_static("/shop/static/", STATIC)
