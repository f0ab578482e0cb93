"""The notifier's app factory: the sends and reports queues, the command exchange, the API."""

from collections.abc import AsyncIterator

import aiohttp
import structlog
from aiohttp import web

from services.notifier import handlers
from services.notifier.context import NOTIFIER, Notifier
from services.notifier.delivery import Delivery
from services.notifier.metrics import NotifierMetrics
from services.notifier.rate import RateLimiter, backoff
from services.notifier.reports import Reports
from services.notifier.settings import NotifierSettings
from services.notifier.status import StatusStore
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.consumer import Consumer
from shared.internal_api import InternalRoutes
from shared.runtime import add_operational_routes
from shared.topology import notifier_queues
from shared.wechat.client import WeChatClient
from shared.wechat.token_provider import TokenProvider

log = structlog.get_logger(__name__)


def create_app(settings: NotifierSettings, backends: Backends | None = None) -> web.Application:
    backends = backends or NetworkBackends(settings)
    api_key = settings.required_internal_api_key("the notifier's API and the token service use it")
    metrics = NotifierMetrics()
    app = web.Application()

    async def resources(app: web.Application) -> AsyncIterator[None]:
        broker = await backends.open_broker("notifier")
        redis = backends.open_store(max_connections=2 * settings.prefetch_count + 16)
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=2 * settings.prefetch_count))
        wechat = WeChatClient(
            session, TokenProvider(session, base_url=settings.token_service_url, api_key=api_key),
            base_url=settings.wechat_api_base,
        )  # fmt: skip
        status = StatusStore(redis, ttl_seconds=settings.status_ttl_seconds)
        consumers: list[Consumer] = []
        try:
            sends_spec, reports_spec = notifier_queues(
                settings.queue_prefix, settings.command_accounts, settings.queue_type
            )
            delivery = Delivery(
                status, wechat, RateLimiter(redis, settings.rate_limit_per_second), metrics,
                max_attempts=settings.max_attempts,
            )  # fmt: skip
            for spec, handler, delays in (
                (sends_spec, delivery, settings.max_attempts - 1),
                (reports_spec, Reports(status), 0),
            ):
                await broker.declare(spec, delay_queues=delays)
                name = spec.name.rsplit(".", 1)[-1]
                consumer = Consumer(
                    broker, spec.name, handler, settings.max_attempts, name, settings.prefetch_count,
                    on_outcome=metrics.consumer(name),
                    retry_delays=backoff(settings.retry_base_seconds, settings.retry_cap_seconds) if delays else None,
                )  # fmt: skip
                await consumer.start()
                consumers.append(consumer)
            app[NOTIFIER] = Notifier(
                frozenset(settings.accounts), status, metrics, broker, redis, settings.max_batch_size
            )
            log.info("notifier_ready", queues=[sends_spec.name, reports_spec.name])
            yield
        finally:
            for consumer in consumers:
                await consumer.stop(grace=settings.shutdown_timeout_seconds)
            await session.close()
            await status.close()
            await redis.aclose()
            await broker.close()

    app.cleanup_ctx.append(resources)
    add_operational_routes(app, metrics.registry, connection_checks(app, NOTIFIER))
    handlers.add_routes(InternalRoutes(app, api_key))
    return app
