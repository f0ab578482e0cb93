"""The notifier's app factory: the sends, reports and broadcast queues, the command exchange, the API."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import structlog
from aiohttp import web
from redis.asyncio import Redis

from services.notifier import handlers, handlers_mass, handlers_mass_admin
from services.notifier.context import NOTIFIER, Notifier
from services.notifier.delivery import Delivery
from services.notifier.mass import MassJobs
from services.notifier.mass_call import MassCaller
from services.notifier.mass_store import MassStore
from services.notifier.metrics import NotifierMetrics
from services.notifier.notices import NOTICE_TEMPLATES, NoticeCheck
from services.notifier.rate import RateLimiter, backoff
from services.notifier.reports import Reports
from services.notifier.settings import NotifierSettings
from services.notifier.status import StatusStore
from services.notifier.template_rules import Template
from services.notifier.templates import TemplateBook, TemplateCheck
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.consumer import Consumer
from shared.internal_api import InternalRoutes
from shared.runtime import add_operational_routes
from shared.topology import notifier_mass_queues, notifier_queues
from shared.wechat.api import WeChatApi
from shared.wechat.client import WeChatClient
from shared.wechat.token_provider import TokenProvider
from shared.wechat.transport import DirectTransport

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
        tokens = TokenProvider(session, base_url=settings.token_service_url, api_key=api_key)
        wechat = WeChatClient(session, tokens, base_url=settings.wechat_api_base)
        status = StatusStore(redis, ttl_seconds=settings.status_ttl_seconds)
        mass = MassStore(redis, ttl_seconds=settings.status_ttl_seconds)
        check_template = TemplateCheck(template_book(settings, session, tokens, redis), metrics)
        check_notice = NoticeCheck(template_book(settings, session, tokens, redis, notices=True), metrics)
        consumers: list[Consumer] = []
        try:
            sends_spec, reports_spec = notifier_queues(
                settings.queue_prefix, settings.command_accounts, settings.queue_type
            )
            mass_spec, recheck_spec = notifier_mass_queues(
                settings.queue_prefix, settings.command_accounts, settings.queue_type
            )
            await broker.declare(recheck_spec)
            delivery = Delivery(
                status, wechat, RateLimiter(redis, settings.rate_limit_per_second), metrics,
                max_attempts=settings.max_attempts, check_template=check_template,
                check_notice=check_notice,
            )  # fmt: skip
            api = DirectTransport(session, tokens, base_url=settings.wechat_api_base)
            jobs = MassJobs(
                mass,
                MassCaller(session, tokens, base_url=settings.wechat_api_base,
                           timeout_seconds=settings.mass_call_timeout_seconds),
                lambda app_id: WeChatApi(api, app_id), broker, metrics,
                recheck_queue=recheck_spec.name, recheck_seconds=settings.mass_recheck_seconds,
                resolve_seconds=settings.mass_resolve_seconds, max_attempts=settings.max_attempts,
                # a call, another after a token refresh, and the token service's answers: then the holder is gone
                lease_seconds=2 * settings.mass_call_timeout_seconds + 10,
            )  # fmt: skip
            for spec, handler, delays in (
                (sends_spec, delivery, settings.max_attempts - 1),
                (reports_spec, Reports(status, mass), 0),
                (mass_spec, jobs, settings.max_attempts - 1),
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
                frozenset(settings.accounts), status, metrics, broker, redis, settings.max_batch_size, mass,
                check_template, check_notice, lambda app_id: WeChatApi(api, app_id),
            )  # fmt: skip
            log.info("notifier_ready", queues=[sends_spec.name, reports_spec.name, mass_spec.name])
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
    routes = InternalRoutes(app, api_key)
    handlers.add_routes(routes)
    handlers_mass.add_routes(routes)
    handlers_mass_admin.add_routes(routes)
    return app


def _listing_transport(
    settings: NotifierSettings, session: aiohttp.ClientSession, tokens: TokenProvider
) -> DirectTransport:
    """One call, no retry (a miss waits for it)."""
    return DirectTransport(
        session, tokens, base_url=settings.wechat_api_base, attempts=1,
        timeout_seconds=settings.template_fetch_timeout_seconds,
    )  # fmt: skip


def template_book(
    settings: NotifierSettings, session: aiohttp.ClientSession, tokens: TokenProvider, redis: Redis, *,
    notices: bool = False,
) -> TemplateBook:  # fmt: skip
    """The accounts' templates, listed through the typed client and cached; with ``notices``, their
    subscription templates (wxaapi/newtmpl/gettemplate) instead."""
    transport = _listing_transport(settings, session, tokens)

    async def fetch(app_id: str) -> list[dict[str, Any]]:
        api = WeChatApi(transport, app_id)
        return await (api.subscribe.templates() if notices else api.template.all())

    return TemplateBook(
        redis, fetch, ttl_seconds=settings.template_cache_seconds,
        fetch_timeout=settings.template_fetch_timeout_seconds,
        kind=NOTICE_TEMPLATES if notices else "templates",
        read=Template.from_notice_listing if notices else Template.from_listing,
    )  # fmt: skip
