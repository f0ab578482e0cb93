"""One app on one port: the fake WeChat API and, beside it, the chat console that plays the followers."""

from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from sandbox.console import handlers, pages
from sandbox.console.config import ConsoleConfig
from sandbox.console.context import CONSOLE, HTTP, Console
from sandbox.console.events import EventLog
from sandbox.fake_wechat.app import create_app
from sandbox.fake_wechat.clock import Clock
from sandbox.fake_wechat.config import FakeWeChatConfig


async def _http_session(app: web.Application) -> AsyncIterator[None]:
    async with aiohttp.ClientSession() as session:
        app[HTTP] = session
        yield


def create_sandbox_app(
    console: ConsoleConfig, fake_config: FakeWeChatConfig, events: EventLog, *, clock: Clock | None = None
) -> web.Application:
    """The fake WeChat (``/cgi-bin/``, ``/_control/``) plus the console (``/``, ``/events``, ``/sandbox/``).

    ``events`` is fed by the caller (a subscription to the bus); ``clock`` is the fake's.
    """
    app = create_app(fake_config, clock=clock)
    app[CONSOLE] = Console(console, events)
    app.cleanup_ctx.append(_http_session)
    handlers.add_routes(app)
    pages.add_routes(app)
    return app
