"""How each credential kind is fetched upstream, per the configured mode."""

from collections.abc import Callable

import structlog

from services.token.controller import CredentialController, Fetcher, Refusal
from services.token.credentials import Kind, seconds_to_next_china_day
from services.token.store import CredentialStore
from services.token.upstream import Issued, TicketType, Upstream
from shared.wechat.errors import Action, WeChatError

log = structlog.get_logger(__name__)


def access_token_fetcher(
    upstream: Upstream,
    store: CredentialStore,
    *,
    app_id: str,
    secret: str,
    mode: str,
    force_daily_limit: int,
    force_min_interval: float,
    clock: Callable[[], float],
) -> Fetcher:
    async def fetch(stale: str | None) -> Issued:
        if mode == "token":
            return await upstream.access_token(app_id, secret)
        issued = await upstream.stable_token(app_id, secret, force_refresh=False)
        if stale is None or issued.value != stale:
            return issued
        # WeChat handed back the very token that failed: force, within its limits, or refuse
        # (never answer the rejected token).
        now = clock()
        count = await store.count_forced(app_id, now, min_interval=force_min_interval)
        if count is None:
            log.warning("stable_token_force_refused", app_id=app_id, reason="interval")
            raise Refusal(
                429, "force_refresh_limit",
                f"stable_token force_refresh allowed once every {force_min_interval:g} s; the last was sooner",
                retry_after=force_min_interval,
            )  # fmt: skip
        if count > force_daily_limit:
            log.error("stable_token_force_refused", app_id=app_id, reason="daily_limit")
            raise Refusal(
                429, "force_refresh_limit",
                f"stable_token force_refresh limit of {force_daily_limit} a day reached (resets at midnight in China)",
                retry_after=seconds_to_next_china_day(now),
            )  # fmt: skip
        log.warning("stable_token_force_refresh", app_id=app_id, count_today=count)
        return await upstream.stable_token(app_id, secret, force_refresh=True)

    return fetch


# The credential kinds that are tickets, and the ``type`` getticket issues each under.
TICKET_TYPES: dict[Kind, TicketType] = {Kind.JSAPI_TICKET: "jsapi", Kind.CARD_TICKET: "wx_card"}


def ticket_fetcher(upstream: Upstream, tokens: CredentialController, ticket_type: TicketType) -> Fetcher:
    """Fetch a ticket with the account's access_token; when WeChat says that token is stale
    (40001, 42001 …), refresh it once (compare-and-refresh) and ask again."""

    async def fetch(_stale: str | None) -> Issued:
        token = await tokens.current()
        try:
            return await upstream.ticket(token.value, ticket_type)
        except WeChatError as exc:
            if exc.action is not Action.REFRESH_TOKEN:
                raise
            fresh, _ = await tokens.refresh_stale(token.value)
            return await upstream.ticket(fresh.value, ticket_type)

    return fetch
