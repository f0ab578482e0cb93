"""The console's pages: plain HTML, CSS and JavaScript files, no build step and nothing from outside."""

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).parent / "static"
STATIC_PREFIX = "/sandbox/static/"


def _page(name: str) -> Callable[[web.Request], Awaitable[web.FileResponse]]:
    async def page(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / name, headers={"Cache-Control": "no-cache"})

    return page


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", _page("chat.html"))
    app.router.add_get("/events", _page("events.html"))
    app.router.add_static(STATIC_PREFIX, STATIC)
