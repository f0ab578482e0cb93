"""The gateway's app factory: routes, and the broker and Redis resources as cleanup contexts."""

from collections.abc import AsyncIterator

import structlog
from aiohttp import web

from services.gateway import handlers
from services.gateway.context import GATEWAY, Gateway
from services.gateway.dedup import DedupStore
from services.gateway.flow import CallbackFlow
from services.gateway.metrics import GatewayMetrics
from services.gateway.publisher import EventPublisher
from services.gateway.settings import GatewaySettings
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.redis_batch import CommandBatcher
from shared.runtime import add_operational_routes

log = structlog.get_logger(__name__)


def create_app(settings: GatewaySettings, backends: Backends | None = None) -> web.Application:
    backends = backends or NetworkBackends(settings)
    accounts = settings.accounts
    served = {app_id: account for app_id, account in accounts.items() if account.token is not None}
    for app_id in accounts.keys() - served.keys():
        log.warning("account_not_served", app_id=app_id, reason="no token configured")
    metrics = GatewayMetrics()
    # Large enough for the body limit plus headers; the handler enforces the limit itself.
    app = web.Application(client_max_size=settings.max_body_bytes + 1024)

    async def resources(app: web.Application) -> AsyncIterator[None]:
        broker = await backends.open_broker("gateway", publish_timeout=settings.publish_timeout_seconds)
        redis = backends.open_store(socket_timeout=1.0)
        batcher = CommandBatcher(redis)
        try:
            publisher = EventPublisher(broker)
            await publisher.start()
            flow = CallbackFlow(
                DedupStore(batcher, ttl_seconds=settings.dedup_ttl_seconds),
                publisher,
                metrics,
                reply_deadline=settings.reply_deadline_seconds,
                reply_grace=settings.reply_grace_seconds,
            )
            app[GATEWAY] = Gateway(settings, served, metrics, flow, broker, redis)
            log.info("gateway_ready", accounts=sorted(served))
            yield
        finally:
            await batcher.drain()
            await redis.aclose()
            await broker.close()

    app.cleanup_ctx.append(resources)
    # Without Redis the gateway still publishes (no de-duplication): degraded, not out of service.
    add_operational_routes(app, metrics.registry, connection_checks(app, GATEWAY), advisory=frozenset({"redis"}))
    app.router.add_get("/wechat/{app_id}", handlers.verify)
    app.router.add_post("/wechat/{app_id}", handlers.callback)
    return app
