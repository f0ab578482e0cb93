"""The sandbox on one port (8090): the fake WeChat API, the follower's chat console, a tap on the
bus for the events page, the demo menu created through the menu API, and a demo shop page
(``/shop/{app_id}``) that logs its visitor in through the web service.

The console plays WeChat's side of a conversation (signed, encrypted callbacks to
the gateway); the services call the fake WeChat here as their ``WECHAT_API_BASE``,
so their customer-service and template messages land where the console shows
them. The tap is a transient queue bound to every event and command; it goes
away with the sandbox. While it is there nothing published is unroutable: an
event or command no service's queue takes still lands in the tap (the gateway
answers 200, not 503) — a development setup, not a production one.
"""

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import structlog
from aiohttp import web
from prometheus_client import CollectorRegistry
from pydantic import Field, SecretStr

from sandbox.console.app import create_sandbox_app
from sandbox.console.config import ConsoleConfig
from sandbox.console.events import EventLog
from sandbox.fake_wechat.config import FakeWeChatConfig
from sandbox.shop import app as shop
from shared.backends import Backends
from shared.broker import Broker, IncomingMessage
from shared.runtime import add_operational_routes
from shared.settings import CommonSettings
from shared.topology import COMMANDS_EXCHANGE, EVENTS_EXCHANGE, QueueSpec
from shared.wechat.client import WeChatClient
from shared.wechat.errors import WeChatError
from shared.wechat.token_provider import TokenProvider, TokenServiceError

log = structlog.get_logger(__name__)

MENU_PATH = "/cgi-bin/menu/create"
TAP_BROKER: web.AppKey[Broker] = web.AppKey("sandbox_tap_broker")
_MENU_RETRY_SECONDS = 0.5


class SandboxSettings(CommonSettings):
    host: str = "127.0.0.1"
    port: int = Field(default=8090, ge=0, le=65535)
    gateway_url: str = "http://127.0.0.1:8080"
    dispatcher_url: str = "http://127.0.0.1:8082"
    # The web service (WEB_PUBLIC_URL, as browsers reach it): the demo shop page logs in through it.
    web_public_url: str = "http://127.0.0.1:8085"
    # Created through the menu API for every account at start (None: no menu).
    sandbox_menu_file: Path | None = Path("config/menu.example.json")
    sandbox_menu_timeout_seconds: float = Field(default=60.0, gt=0)

    def menu(self) -> dict[str, Any] | None:
        if self.sandbox_menu_file is None:
            return None
        loaded = json.loads(self.sandbox_menu_file.read_text(encoding="utf-8"))
        if not isinstance(loaded, dict):
            raise ValueError(f"{self.sandbox_menu_file}: a menu is a JSON object with a 'button' list")
        return loaded


def tap_spec(instance_id: str) -> QueueSpec:
    """Every event and command, into a queue of this sandbox's own that goes with it."""
    return QueueSpec(
        f"sandbox.tap.{instance_id}",
        ((EVENTS_EXCHANGE, "#"), (COMMANDS_EXCHANGE, "#")),
        dead_letter=False,
        transient=True,
    )


async def open_tap(broker: Broker, events: EventLog, *, instance_id: str) -> None:
    spec = tap_spec(instance_id)
    await broker.declare(spec)

    async def seen(message: IncomingMessage) -> None:
        events.append(message.routing_key or "", message.body, time.time())
        await message.ack()

    await broker.consume(spec.name, seen, prefetch=256)


async def create_menus(wechat: WeChatClient, menu: dict[str, Any], app_ids: list[str], *, within: float) -> None:
    """``menu/create`` for every account, as an operator would; retried while the token
    service is not up yet."""
    try:
        async with asyncio.timeout(within):
            await _create_each(wechat, menu, app_ids)
    except TimeoutError:
        log.error("sandbox_menu_gave_up", within=within)


async def _create_each(wechat: WeChatClient, menu: dict[str, Any], app_ids: list[str]) -> None:
    for app_id in app_ids:
        while True:
            try:
                await wechat.call(app_id, "POST", MENU_PATH, json=menu)
                log.info("sandbox_menu_created", app_id=app_id)
                break
            except (TokenServiceError, aiohttp.ClientError, OSError) as exc:
                log.info("sandbox_menu_waiting", app_id=app_id, error=type(exc).__name__)
                await asyncio.sleep(_MENU_RETRY_SECONDS)
            except WeChatError as exc:
                log.error("sandbox_menu_refused", app_id=app_id, errcode=exc.errcode, errmsg=exc.errmsg)
                break


def create_app(settings: SandboxSettings, fake_config: FakeWeChatConfig, backends: Backends) -> web.Application:
    api_key = settings.internal_api_key.get_secret_value() if settings.internal_api_key is not None else ""
    served = {app_id: account for app_id, account in settings.accounts.items() if account.token is not None}
    console = ConsoleConfig(
        gateway_url=settings.gateway_url,
        dispatcher_url=settings.dispatcher_url,
        internal_api_key=SecretStr(api_key),
        accounts=served,
    )
    events = EventLog()
    menu = settings.menu()  # a bad menu file at start is fatal
    app = create_sandbox_app(console, fake_config, events)
    shop.add_routes(app, web_url=settings.web_public_url, internal_api_key=api_key)  # /shop/{app_id}: logs in
    own_url = f"http://127.0.0.1:{settings.port}"

    async def resources(app: web.Application) -> AsyncIterator[None]:
        broker = await backends.open_broker("sandbox")
        app[TAP_BROKER] = broker
        session = aiohttp.ClientSession()
        tasks: list[asyncio.Task[None]] = []
        try:
            await open_tap(broker, events, instance_id=settings.instance_id)
            if menu is not None and api_key:
                wechat = WeChatClient(
                    session, TokenProvider(session, base_url=settings.token_service_url, api_key=api_key),
                    base_url=own_url,
                )  # fmt: skip
                menus = create_menus(wechat, menu, sorted(served), within=settings.sandbox_menu_timeout_seconds)
                tasks.append(asyncio.create_task(menus))
            log.info("sandbox_ready", url=own_url, accounts=sorted(served))
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await session.close()
            await broker.close()

    async def broker_open() -> bool:
        broker = app.get(TAP_BROKER)
        return broker is not None and broker.is_open

    app.cleanup_ctx.append(resources)
    # The page works without the tap (only the events list stays empty): advisory.
    add_operational_routes(app, CollectorRegistry(), {"broker": broker_open}, advisory=frozenset({"broker"}))
    return app
