"""The web service's app factory: the pages' hosts per account, Redis and the token service as resources."""

from collections.abc import AsyncIterator, Mapping

import aiohttp
import structlog
from aiohttp import web

from services.web import handlers
from services.web.context import WEB, Web
from services.web.exchange import Exchanges
from services.web.hosts import AllowedHosts, parse_hosts, split_hosts
from services.web.jsapi import JsapiTickets
from services.web.logins import LoginConfig, Logins
from services.web.metrics import WebMetrics
from services.web.settings import WebSettings
from services.web.store import WebStore
from services.web.token_client import TokenServiceClient
from shared.accounts import ConfigError
from shared.backends import Backends, NetworkBackends
from shared.connections import connection_checks
from shared.internal_api import InternalRoutes
from shared.redis_batch import CommandBatcher
from shared.runtime import add_operational_routes

log = structlog.get_logger(__name__)


def account_hosts(settings: WebSettings) -> dict[str, AllowedHosts]:
    """Each account's allowed hosts: WEB_ALLOWED_HOSTS and its own ``web_allowed_hosts``."""
    try:
        common = parse_hosts(split_hosts(settings.web_allowed_hosts), source="WEB_ALLOWED_HOSTS")
        found = {
            app_id: common | parse_hosts(account.web_allowed_hosts, source=f"account {account.name} web_allowed_hosts")
            for app_id, account in settings.accounts.items()
        }
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    for app_id, hosts in found.items():
        if not hosts:
            log.warning("account_without_pages", app_id=app_id, reason="no allowed hosts: every return_to is refused")
    return found


def create_app(settings: WebSettings, backends: Backends | None = None) -> web.Application:
    backends = backends or NetworkBackends(settings)
    secret = settings.session_secret()
    api_key = settings.required_internal_api_key("tickets are redeemed with it, and the token service asks for it")
    hosts: Mapping[str, AllowedHosts] = account_hosts(settings)
    if settings.web_public_url is None:
        log.warning("web_public_url_unset", using=settings.public_url(), reason="WeChat redirects browsers here")
    metrics = WebMetrics()
    app = web.Application()

    async def resources(app: web.Application) -> AsyncIterator[None]:
        redis = backends.open_store()
        batchers = [CommandBatcher(redis) for _ in range(settings.web_redis_pipelines)]
        session = aiohttp.ClientSession()
        token_service = TokenServiceClient(
            session,
            base_url=settings.token_service_url,
            api_key=api_key,
            exchange_timeout=settings.web_exchange_timeout_seconds,
        )
        store = WebStore(
            batchers,
            secret=secret,
            login_ttl=settings.web_login_ttl_seconds,
            ticket_ttl=settings.web_ticket_ttl_seconds,
            result_ttl=settings.web_code_result_ttl_seconds,
        )
        exchanges = Exchanges(
            store,
            token_service,
            hold_seconds=settings.web_exchange_timeout_seconds + 5,
            on_exchange=lambda result: metrics.exchanged[result].inc(),
        )
        config = LoginConfig(secret, settings.public_url(), settings.wechat_oauth_base, settings.web_login_ttl_seconds)
        tickets = JsapiTickets(token_service, refresh_seconds=settings.web_jsapi_ticket_refresh_seconds)
        app[WEB] = Web(hosts, Logins(config, hosts, store, exchanges, metrics), store, tickets, metrics, redis)
        log.info("web_ready", accounts=sorted(hosts), public_url=settings.public_url())
        try:
            yield
        finally:
            await session.close()
            for batcher in batchers:
                await batcher.drain()
            await redis.aclose()

    app.cleanup_ctx.append(resources)
    add_operational_routes(app, metrics.registry, connection_checks(app, WEB, ["redis"]))
    handlers.add_routes(app, InternalRoutes(app, api_key))
    return app
