"""The dispatcher's app factory: two competing-consumer queues (replies, analytics), the rules
with reload on SIGHUP or file change, and the stats API (its own counts, and WeChat's through the
token service, asked only when a request wants them)."""

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Callable

import aiohttp
import structlog
from aiohttp import web

from services.dispatcher import stats
from services.dispatcher.analytics import Analytics
from services.dispatcher.answering import Answerer, decode_event
from services.dispatcher.context import DISPATCHER, Dispatcher
from services.dispatcher.metrics import DispatcherMetrics
from services.dispatcher.rules_reload import RulesHolder, watch
from services.dispatcher.settings import DispatcherSettings
from services.dispatcher.stats_wechat import FIGURES, WeChatFigures
from shared.backends import Backends, NetworkBackends
from shared.broker import IncomingMessage
from shared.connections import connection_checks
from shared.consumer import Consumer, Permanent
from shared.internal_api import InternalRoutes
from shared.runtime import add_operational_routes
from shared.topology import dispatcher_queues
from shared.wechat.client import WeChatClient
from shared.wechat.token_provider import TokenProvider
from shared.wechat.transport import DirectTransport

log = structlog.get_logger(__name__)


def create_app(settings: DispatcherSettings, backends: Backends | None = None) -> web.Application:
    backends = backends or NetworkBackends(settings)
    api_key = settings.required_internal_api_key("the stats API and the token service use it")
    rules = RulesHolder(settings.reply_rules_file)  # a bad rules file at start is fatal
    metrics = DispatcherMetrics()
    _show_rules(metrics)(rules)
    app = web.Application()

    async def resources(app: web.Application) -> AsyncIterator[None]:
        broker = await backends.open_broker("dispatcher")
        redis = backends.open_store(max_connections=2 * settings.prefetch_count + 4)  # both queues in flight
        session = aiohttp.ClientSession()
        tokens = TokenProvider(session, base_url=settings.token_service_url, api_key=api_key)
        wechat = WeChatClient(session, tokens, base_url=settings.wechat_api_base)
        app[FIGURES] = WeChatFigures(DirectTransport(session, tokens, base_url=settings.wechat_api_base))
        analytics = Analytics(redis, retention_days=settings.stats_retention_days)
        stopping = asyncio.Event()
        watcher = asyncio.create_task(
            watch(rules, interval=settings.rules_poll_seconds, stopping=stopping, on_reload=_show_rules(metrics))
        )
        consumers: list[Consumer] = []
        try:
            replies_spec, analytics_spec = dispatcher_queues(
                settings.queue_prefix, settings.event_binding, settings.queue_type
            )

            async def count(event_message: IncomingMessage) -> None:
                try:
                    await analytics.record(decode_event(event_message))
                except ValueError as exc:  # an event analytics can never place (no integer create_time …)
                    raise Permanent(str(exc)) from None

            for spec, handler in (
                (replies_spec, Answerer(rules, broker, wechat, redis, metrics)),
                (analytics_spec, count),
            ):
                await broker.declare(spec)
                name = spec.name.rsplit(".", 1)[-1]
                consumer = Consumer(
                    broker, spec.name, handler, settings.max_attempts, name, settings.prefetch_count,
                    on_outcome=metrics.consumer(name),
                )  # fmt: skip
                await consumer.start()
                consumers.append(consumer)
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, _reload, rules, metrics)
            app[DISPATCHER] = Dispatcher(frozenset(settings.accounts), analytics, rules, metrics, broker, redis)
            log.info("dispatcher_ready", queues=[replies_spec.name, analytics_spec.name], rules=len(rules.rules))
            yield
        finally:
            stopping.set()
            for consumer in consumers:
                await consumer.stop(grace=settings.shutdown_timeout_seconds)
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            await session.close()
            await analytics.close()
            await redis.aclose()
            await broker.close()
            await asyncio.wait([watcher], timeout=3)

    app.cleanup_ctx.append(resources)
    add_operational_routes(app, metrics.registry, connection_checks(app, DISPATCHER))
    InternalRoutes(app, api_key).get("/v1/apps/{app_id}/stats", stats.stats)
    return app


def _show_rules(metrics: DispatcherMetrics) -> Callable[[RulesHolder], None]:
    def show(rules: RulesHolder) -> None:
        metrics.rules.set(len(rules.rules))
        metrics.rules_reload_failures.set(rules.failed_reloads)

    return show


def _reload(rules: RulesHolder, metrics: DispatcherMetrics) -> None:
    rules.reload()
    _show_rules(metrics)(rules)
