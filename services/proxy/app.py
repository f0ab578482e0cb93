"""The API proxy's app factory: the catalogue, the token provider, the quota counter, the routes."""

from collections.abc import AsyncIterator

import aiohttp
import structlog
from aiohttp import web

from services.proxy import handlers
from services.proxy.context import PROXY, Limits, Proxy
from services.proxy.forwarding import Forwarder, Upstream
from services.proxy.metrics import ProxyMetrics
from services.proxy.openapi import document
from services.proxy.quota import QuotaCounter, allowed_calls, daily_limits_of
from services.proxy.settings import ProxySettings
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.internal_api import InternalRoutes
from shared.runtime import ReadinessCheck, add_operational_routes
from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.endpoint import Host
from shared.wechat.token_provider import TokenProvider

log = structlog.get_logger(__name__)


def upstream_of(settings: ProxySettings, daily_limits: dict[str, int]) -> Upstream:
    timeout = settings.proxy_upstream_timeout_seconds
    return Upstream(
        bases={Host.API: settings.wechat_api_base.rstrip("/"), Host.MP: settings.wechat_mp_base.rstrip("/")},
        attempts=settings.proxy_upstream_attempts,
        backoff_seconds=settings.proxy_backoff_seconds,
        # Bounds each wait (connecting, each read), not a whole download.
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=min(timeout, 5.0), sock_read=timeout),
        guard={path: allowed_calls(limit, settings.proxy_quota_fraction) for path, limit in daily_limits.items()},
        limits=daily_limits,
    )


def _token_service_check(app: web.Application, settings: ProxySettings) -> ReadinessCheck:
    async def token_service() -> bool:
        proxy = app.get(PROXY)
        if proxy is None:
            return False
        url = settings.token_service_url.rstrip("/") + "/healthz"
        async with proxy.forwarder.session.get(url, timeout=aiohttp.ClientTimeout(total=1.5)) as response:
            return response.status == 200

    return token_service


def create_app(
    settings: ProxySettings, backends: Backends | None = None, catalogue: Catalogue | None = None
) -> web.Application:
    backends = backends or NetworkBackends(settings)
    catalogue = catalogue or default_catalogue()
    api_key = settings.required_internal_api_key("the proxy's API and the token service use it")
    accounts = frozenset(settings.accounts)
    daily_limits = daily_limits_of(catalogue, settings.proxy_daily_limits)
    metrics = ProxyMetrics(accounts, catalogue)
    body_limits = Limits(
        settings.proxy_max_json_bytes, settings.proxy_max_upload_bytes, settings.proxy_spool_memory_bytes
    )
    app = web.Application(client_max_size=settings.proxy_max_json_bytes)

    async def resources(app: web.Application) -> AsyncIterator[None]:
        redis = backends.open_store()
        connector = aiohttp.TCPConnector(limit=settings.proxy_upstream_connections)
        session = aiohttp.ClientSession(connector=connector)
        quota = QuotaCounter(redis, on_store_error=metrics.store_errors.inc)
        tokens = TokenProvider(session, base_url=settings.token_service_url, api_key=api_key)
        forwarder = Forwarder(session, tokens, quota, upstream_of(settings, daily_limits), metrics)
        app[PROXY] = Proxy(catalogue, accounts, daily_limits, body_limits, forwarder, quota, metrics, redis)
        log.info("proxy_ready", accounts=sorted(accounts), endpoints=len(catalogue))
        try:
            yield
        finally:
            await quota.close()
            await session.close()
            await redis.aclose()

    app.cleanup_ctx.append(resources)
    # Every pod shares Redis and the token service: taking pods out of rotation for either helps
    # no one. Without Redis calls go uncounted (fail open); without the token service, cached
    # tokens still serve. Both are reported (degraded), neither makes the proxy unready.
    checks = connection_checks(app, PROXY, ["redis"]) | {"token_service": _token_service_check(app, settings)}
    add_operational_routes(app, metrics.registry, checks, advisory=frozenset(checks))
    handlers.add_routes(app, InternalRoutes(app, api_key), document(catalogue))
    return app
