"""One app on one port: the fake WeChat API and, beside it, the chat console that plays the followers."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import aiohttp
from aiohttp import web

from sandbox.console import handlers, pages
from sandbox.console.config import ConsoleConfig
from sandbox.console.context import CONSOLE, HTTP, Console
from sandbox.console.events import EventLog
from sandbox.console.job_reports import report_template_jobs
from sandbox.console.mass_reports import report_mass_jobs
from sandbox.console.publish_reports import report_publish_jobs
from sandbox.fake_wechat.app import create_app
from sandbox.fake_wechat.clock import Clock
from sandbox.fake_wechat.config import FakeWeChatConfig
from sandbox.fake_wechat.context import FAKE


async def _http_session(app: web.Application) -> AsyncIterator[None]:
    async with aiohttp.ClientSession() as session:
        app[HTTP] = session
        yield


async def _job_reports(app: web.Application) -> AsyncIterator[None]:
    tasks = [
        asyncio.create_task(report_template_jobs(app[CONSOLE], app[FAKE].state, app[HTTP])),
        asyncio.create_task(report_publish_jobs(app[CONSOLE], app[FAKE], app[HTTP])),
        asyncio.create_task(report_mass_jobs(app[CONSOLE], app[FAKE], app[HTTP])),  # and subscribe_msg_sent_event
    ]
    yield
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task


def create_sandbox_app(
    console: ConsoleConfig, fake_config: FakeWeChatConfig, events: EventLog, *, clock: Clock | None = None
) -> web.Application:
    """The fake WeChat (``/cgi-bin/``, ``/_control/``) plus the console (``/``, ``/events``, ``/sandbox/``).

    ``events`` is fed by the caller (a subscription to the bus); ``clock`` is the fake's. Template
    messages the fake accepts and the publish jobs that end are reported back through the gateway,
    as WeChat does (TEMPLATESENDJOBFINISH, PUBLISHJOBFINISH, MASSSENDJOBFINISH, subscribe_msg_sent_event).
    """
    app = create_app(fake_config, clock=clock)
    app[CONSOLE] = Console(console, events)
    app.cleanup_ctx.append(_http_session)
    app.cleanup_ctx.append(_job_reports)
    handlers.add_routes(app)
    pages.add_routes(app)
    return app
