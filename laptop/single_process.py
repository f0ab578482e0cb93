"""``make run`` with nothing but Python: the six services and the sandbox in one process, on an
in-memory broker and store.

Each service is built by its own ``create_app`` with its own settings, exactly as
in its process, but handed ``InMemoryBackends`` (one ``MemoryHub``, one fakeredis
server) instead of RabbitMQ and Redis. The sandbox starts first (the services'
WeChat API), the gateway last (its events need the dispatcher's and notifier's
queues); they stop in reverse order, each gracefully.
"""

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import structlog
import uvloop
from aiohttp import web

from laptop.backends import InMemoryBackends
from sandbox.fake_wechat.config import FakeWeChatConfig
from sandbox.fake_wechat.settings import FakeWeChatSettings
from sandbox.service import SandboxSettings
from sandbox.service import create_app as create_sandbox
from services.dispatcher.app import create_app as create_dispatcher
from services.dispatcher.settings import DispatcherSettings
from services.gateway.app import create_app as create_gateway
from services.gateway.settings import GatewaySettings
from services.notifier.app import create_app as create_notifier
from services.notifier.settings import NotifierSettings
from services.proxy.app import create_app as create_proxy
from services.proxy.settings import ProxySettings
from services.token.app import create_app as create_token
from services.token.settings import TokenSettings
from services.web.app import create_app as create_web
from services.web.settings import WebSettings
from shared.logging import configure_logging
from shared.settings import CommonSettings

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Unit:
    name: str
    settings: CommonSettings
    build: Callable[[], web.Application]


def units(
    ports: dict[str, int],
    fake: FakeWeChatConfig,
    *,
    host: str,
    internal_api_key: str,
    wechat_api_base: str | None,
    web_session_secret: str,
) -> list[Unit]:
    """The sandbox (unless the services use a real WeChat API at ``wechat_api_base``) and the six
    services, in start order; ``ports`` by name (``sandbox``, ``token`` …)."""
    backends = InMemoryBackends()
    common: dict[str, Any] = {
        "host": host,
        "internal_api_key": internal_api_key,
        "token_service_url": f"http://127.0.0.1:{ports['token']}",
        "wechat_api_base": wechat_api_base or f"http://127.0.0.1:{ports['sandbox']}",
    }
    web_public_url = os.environ.get("WEB_PUBLIC_URL") or f"http://127.0.0.1:{ports['web']}"
    sandbox = SandboxSettings(
        port=ports["sandbox"],
        web_public_url=web_public_url,
        gateway_url=f"http://127.0.0.1:{ports['gateway']}",
        dispatcher_url=f"http://127.0.0.1:{ports['dispatcher']}",
        **common,
    )
    token = TokenSettings(port=ports["token"], **common)
    dispatcher = DispatcherSettings(port=ports["dispatcher"], **common)
    notifier = NotifierSettings(port=ports["notifier"], **common)
    gateway = GatewaySettings(port=ports["gateway"], **common)
    # showqrcode is on mp.weixin.qq.com for a real WeChat API; the sandbox serves it itself.
    mp_base = {} if wechat_api_base else {"wechat_mp_base": common["wechat_api_base"]}
    proxy = ProxySettings(port=ports["proxy"], **common, **mp_base)
    # WeChat's consent page is the sandbox's too, unless a real WeChat API is used.
    oauth_base = {} if wechat_api_base else {"wechat_oauth_base": common["wechat_api_base"]}
    web = WebSettings(
        port=ports["web"], web_public_url=web_public_url, web_session_secret=web_session_secret, **common, **oauth_base
    )
    services = [
        Unit("token", token, lambda: create_token(token, backends)),
        Unit("proxy", proxy, lambda: create_proxy(proxy, backends)),
        Unit("web", web, lambda: create_web(web, backends)),
        Unit("dispatcher", dispatcher, lambda: create_dispatcher(dispatcher, backends)),
        Unit("notifier", notifier, lambda: create_notifier(notifier, backends)),
        Unit("gateway", gateway, lambda: create_gateway(gateway, backends)),
    ]
    if wechat_api_base:
        return services
    return [Unit("sandbox", sandbox, lambda: create_sandbox(sandbox, fake, backends)), *services]


async def serve_all(parts: list[Unit]) -> int:
    """Start every unit; on SIGINT/SIGTERM stop them in reverse order. The exit code."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    runners: list[tuple[str, web.AppRunner]] = []
    code = 0
    try:
        for unit in parts:
            runner = web.AppRunner(
                unit.build(), access_log=None, shutdown_timeout=unit.settings.shutdown_timeout_seconds
            )
            await runner.setup()
            runners.append((unit.name, runner))
            await web.TCPSite(runner, unit.settings.host, unit.settings.port).start()
            log.info("service_started", service=unit.name, host=unit.settings.host, port=unit.settings.port)
        for unit in parts:
            if unit.name == "sandbox":
                url = f"http://127.0.0.1:{unit.settings.port}"
                print(f"\n  Sandbox: {url}/  (events: {url}/events)\n", file=sys.stderr, flush=True)
        await stopping.wait()
    except OSError as exc:  # a port in use, most often
        log.error("start_failed", error=str(exc))
        code = 1
    finally:
        for name, runner in reversed(runners):
            await runner.cleanup()
            log.info("service_stopped", service=name)
    return code


def run(
    ports: dict[str, int], *, host: str, internal_api_key: str, wechat_api_base: str | None, web_session_secret: str
) -> int:
    fake = FakeWeChatSettings().config()
    parts = units(
        ports, fake, host=host, internal_api_key=internal_api_key, wechat_api_base=wechat_api_base,
        web_session_secret=web_session_secret,
    )  # fmt: skip
    settings = parts[0].settings
    secrets = {value for unit in parts for value in unit.settings.secret_values()}
    secrets |= {app.app_secret.get_secret_value() for app in fake.apps}
    configure_logging(level=settings.log_level, fmt=settings.log_format, secret_values=sorted(secrets))
    log.info(
        "run_mode",
        mode="single-process",
        broker="in-memory",
        store="in-memory",
        host=host,
        reason="AMQP_URL and REDIS_URL are unset",
        note="nothing is kept when the process stops; set both URLs to run against RabbitMQ and Redis",
    )
    with contextlib.suppress(KeyboardInterrupt), asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(serve_all(parts))
    return 130
