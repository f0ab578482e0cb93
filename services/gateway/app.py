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
from shared.connections import connect_broker, connect_redis, connection_checks
from shared.redis_batch import CommandBatcher
from shared.runtime import add_operational_routes

log = structlog.get_logger(__name__)


def create_app(settings: GatewaySettings) -> web.Application:
    accounts = settings.accounts
    served = {app_id: account for app_id, account in accounts.items() if account.token is not None}
    for app_id in accounts.keys() - served.keys():
        log.warning("account_not_served", app_id=app_id, reason="no token configured")
    metrics = GatewayMetrics()
    # Large enough for the body limit plus headers; the handler enforces the limit itself.
    app = web.Application(client_max_size=settings.max_body_bytes + 1024)

    async def resources(app: web.Application) -> AsyncIterator[None]:
        connection = await connect_broker(settings, "gateway")
        redis = connect_redis(settings, socket_timeout=1.0)
        batcher = CommandBatcher(redis)
        try:
            channel = await connection.channel(publisher_confirms=True, on_return_raises=False)
            publisher = EventPublisher(channel, timeout=settings.publish_timeout_seconds)
            await publisher.start()
            flow = CallbackFlow(
                DedupStore(batcher, ttl_seconds=settings.dedup_ttl_seconds),
                publisher,
                metrics,
                reply_deadline=settings.reply_deadline_seconds,
                reply_grace=settings.reply_grace_seconds,
            )
            app[GATEWAY] = Gateway(settings, served, metrics, flow, connection, redis)
            log.info("gateway_ready", accounts=sorted(served))
            yield
        finally:
            await batcher.drain()
            await redis.aclose()
            await connection.close()

    app.cleanup_ctx.append(resources)
    # Without Redis the gateway still publishes (no de-duplication): degraded, not out of service.
    add_operational_routes(app, metrics.registry, connection_checks(app, GATEWAY), advisory=frozenset({"redis"}))
    app.router.add_get("/wechat/{app_id}", handlers.verify)
    app.router.add_post("/wechat/{app_id}", handlers.callback)
    return app
