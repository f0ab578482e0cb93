"""The token service's app factory: controllers per account, the update listener, proactive refresh."""

import asyncio
import time
from collections.abc import AsyncIterator, Callable

import aiohttp
import structlog
from aiohttp import web
from redis.asyncio import Redis
from redis.exceptions import RedisError

from services.token import handlers, oauth, quota
from services.token.context import TOKENS, WECHAT_SESSION, Tokens
from services.token.controller import CredentialController, Policy
from services.token.credentials import Kind
from services.token.fetchers import TICKET_TYPES, access_token_fetcher, ticket_fetcher
from services.token.metrics import TokenMetrics
from services.token.settings import TokenSettings
from services.token.store import UPDATES_CHANNEL, CredentialStore, parse_announcement
from services.token.upstream import Upstream
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.internal_api import InternalRoutes
from shared.runtime import add_operational_routes

log = structlog.get_logger(__name__)


def _controllers(
    settings: TokenSettings, store: CredentialStore, upstream: Upstream, metrics: TokenMetrics
) -> dict[tuple[str, Kind], CredentialController]:
    policy = Policy(
        margin=settings.refresh_margin_seconds,
        jitter=settings.refresh_jitter_seconds,
        proactive_floor=settings.min_refresh_interval_seconds,
        daily_limit=settings.daily_fetch_limit,
        lock_ttl=settings.lock_ttl_seconds,
    )
    controllers: dict[tuple[str, Kind], CredentialController] = {}
    for app_id, account in settings.accounts.items():
        if account.app_secret is None:
            log.warning("account_not_served", app_id=app_id, reason="no app_secret configured")
            continue
        fetch = access_token_fetcher(
            upstream, store, app_id=app_id, secret=account.app_secret.get_secret_value(),
            mode=settings.token_upstream_mode, force_daily_limit=settings.stable_force_daily_limit,
            force_min_interval=settings.stable_force_min_interval_seconds, clock=time.time,
        )  # fmt: skip
        tokens = CredentialController(
            app_id, Kind.ACCESS_TOKEN, store=store, fetch=fetch, policy=policy, metrics=metrics
        )
        controllers[(app_id, Kind.ACCESS_TOKEN)] = tokens
        for kind, ticket_type in TICKET_TYPES.items():
            controllers[(app_id, kind)] = CredentialController(
                app_id, kind, store=store, fetch=ticket_fetcher(upstream, tokens, ticket_type), policy=policy,
                metrics=metrics,
            )  # fmt: skip
    return controllers


async def _listen_for_updates(
    redis: Redis, controllers: dict[tuple[str, Kind], CredentialController], stopping: asyncio.Event
) -> None:
    """Drop in-memory copies another replica replaced; resubscribe after Redis outages.

    While Redis is down nobody can store a new credential, so the copies in memory
    keep serving; once resubscribed after an outage, they are dropped, since an
    update may have been announced before this replica was listening again.
    """
    outage = False
    while not stopping.is_set():
        try:
            async with redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                await pubsub.subscribe(UPDATES_CHANNEL)
                if outage:
                    for each in controllers.values():
                        each.forget()
                    outage = False
                while not stopping.is_set():
                    message = await pubsub.get_message(timeout=0.5)
                    if message is None:
                        continue
                    app_id, kind, fetched_at = parse_announcement(message["data"].decode())
                    updated = controllers.get((app_id, kind))
                    if updated is not None:
                        updated.forget(older_than=fetched_at)
        except (RedisError, OSError) as exc:
            if not outage:
                log.warning("update_listener_disconnected", error=type(exc).__name__)
            outage = True
            await asyncio.sleep(0.5)


def create_app(
    settings: TokenSettings, backends: Backends | None = None, *, clock: Callable[[], float] = time.time
) -> web.Application:
    """The service; ``clock`` gives the JS-SDK and card signatures their timestamps."""
    backends = backends or NetworkBackends(settings)
    api_key = settings.required_internal_api_key("the token service hands out credentials")
    metrics = TokenMetrics()
    app = web.Application()

    async def resources(app: web.Application) -> AsyncIterator[None]:
        redis = backends.open_store()
        session = app[WECHAT_SESSION] = aiohttp.ClientSession()
        upstream = Upstream(
            session,
            base_url=settings.wechat_api_base,
            timeout=settings.upstream_timeout_seconds,
            attempts=settings.upstream_attempts,
        )
        controllers = _controllers(settings, CredentialStore(redis), upstream, metrics)
        app[TOKENS] = Tokens(controllers, metrics, redis, clock)
        stopping = asyncio.Event()
        listener = asyncio.create_task(_listen_for_updates(redis, controllers, stopping))
        tasks = [
            asyncio.create_task(c.keep_fresh(stopping))
            for (_, kind), c in controllers.items()
            if kind is Kind.ACCESS_TOKEN
        ]
        log.info("token_service_ready", accounts=sorted({app_id for app_id, _ in controllers}))
        try:
            yield
        finally:
            stopping.set()
            # The listener only drops copies: cancelled at once rather than waiting out its poll.
            listener.cancel()
            # Bounded: a task stuck in a library call must not hold up the shutdown.
            _, stuck = await asyncio.wait([listener, *tasks], timeout=3.0)
            for task in stuck:
                task.cancel()
            await session.close()
            await redis.aclose()

    app.cleanup_ctx.append(resources)
    # Without Redis the token service serves its in-memory copies: degraded, not out of service.
    add_operational_routes(
        app, metrics.registry, connection_checks(app, TOKENS, ["redis"]), advisory=frozenset({"redis"})
    )
    oauth.install(app, settings)
    quota.install(app, settings)  # clear_quota/v2, by AppSecret
    handlers.add_routes(InternalRoutes(app, api_key))
    return app
