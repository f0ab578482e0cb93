"""``POST /v1/apps/{app_id}/quota/clear``: reset the account's daily API counts with its AppSecret.

WeChat's ``cgi-bin/clear_quota/v2`` takes the AppSecret instead of an access_token, so it still
works when the token quota itself is spent; only the token service holds AppSecret, so only it calls
it. ``{"cleared": true}``, or WeChat's refusal as a JSON error (48006, the month's 10 resets used:
429). The AppSecret is in the request alone, never in an answer or a log line.
"""

from dataclasses import dataclass

import structlog
from aiohttp import web

from services.token.context import WECHAT_SESSION
from services.token.settings import TokenSettings
from services.token.upstream import Upstream
from shared.internal_api import json_error, not_found
from shared.logging import REDACTED
from shared.wechat.errors import WeChatError

log = structlog.get_logger(__name__)

# WeChat's refusals of a reset, as (HTTP status, error, message) for the caller.
_REFUSALS: dict[int, tuple[int, str, str]] = {
    48006: (429, "clear_quota_limit", "the account has used this month's 10 quota resets"),
    40013: (403, "invalid_app_id", "WeChat does not know this AppId"),
    40125: (403, "invalid_app_secret", "WeChat refused the account's AppSecret: check the apps file"),
    40001: (403, "invalid_app_secret", "WeChat refused the account's AppSecret: check the apps file"),
    40164: (403, "ip_not_whitelisted", "this server's IP is not on the account's API IP whitelist"),
}


@dataclass(frozen=True)
class QuotaClearer:
    upstream: Upstream
    secrets: dict[str, str]  # AppSecret by AppId: the accounts this replica serves


QUOTA = web.AppKey("quota_clearer", QuotaClearer)


def install(app: web.Application, settings: TokenSettings) -> None:
    """The clearer, over the service's session to WeChat, once the app has started."""

    async def start(app: web.Application) -> None:
        upstream = Upstream(
            app[WECHAT_SESSION],
            base_url=settings.wechat_api_base,
            timeout=settings.upstream_timeout_seconds,
            attempts=1,
        )
        app[QUOTA] = QuotaClearer(upstream, settings.served_secrets())

    app.on_startup.append(start)


def refusal(exc: WeChatError, secret: str) -> web.Response:
    """WeChat's refusal for the caller; its message never carries the AppSecret back."""
    errmsg = exc.errmsg.replace(secret, REDACTED)
    if exc.errcode == -1:
        return json_error(502, "upstream_unavailable", "WeChat could not be reached", errcode=-1, errmsg=errmsg)
    status, error, message = _REFUSALS.get(exc.errcode, (502, "upstream_error", "WeChat refused or failed"))
    return json_error(status, error, message, errcode=exc.errcode, errmsg=errmsg)


async def clear(request: web.Request) -> web.Response:
    clearer, app_id = request.app[QUOTA], request.match_info["app_id"]
    secret = clearer.secrets.get(app_id)
    if secret is None:
        raise not_found("unknown_app", "no such account")
    try:
        await clearer.upstream.clear_quota(app_id, secret)
    except WeChatError as exc:
        log.warning("quota_clear_refused", app_id=app_id, errcode=exc.errcode)
        return refusal(exc, secret)
    log.info("quota_cleared", app_id=app_id)
    return web.json_response({"cleared": True})
