"""The OAuth2 code exchange: the token service alone holds AppSecret, so it alone trades a code.

``POST /v1/apps/{app_id}/oauth/exchange`` ``{"code"}`` → ``{"openid", "unionid",
"scope", "user"}``: ``GET {WECHAT_API_BASE}/sns/oauth2/access_token`` and, for
snsapi_userinfo, ``GET …/sns/userinfo``. The user's web access_token and
refresh_token are used for that one call and dropped: never answered, stored or
logged. The code is sent once (a second try would be ``40163 code been used``);
only the profile read is retried. WeChat's refusals become 4xx JSON errors.
"""

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
import structlog
from aiohttp import web

from services.token.context import WECHAT_SESSION
from services.token.settings import TokenSettings
from shared.internal_api import bad_request, json_error, not_found
from shared.logging import REDACTED
from shared.wechat.errors import WeChatError
from shared.wechat.http import call_wechat

log = structlog.get_logger(__name__)

USERINFO_SCOPE = "snsapi_userinfo"
MAX_CODE_LENGTH = 512

# WeChat's answers to a code exchange, as (HTTP status, error) for the caller.
_REFUSALS: dict[int, tuple[int, str, str]] = {
    40029: (400, "invalid_code", "WeChat refused the code: invalid or expired"),
    42003: (400, "invalid_code", "WeChat refused the code: expired"),
    41008: (400, "invalid_code", "WeChat got no code"),
    40163: (409, "code_used", "WeChat says the code was already used"),
    40125: (403, "invalid_app_secret", "WeChat refused the account's AppSecret: check the apps file"),
    40013: (403, "invalid_app_id", "WeChat does not know this AppId"),
    48001: (403, "api_unauthorized", "the account may not use web authorization (scope not granted)"),
}


@dataclass(frozen=True)
class OAuthExchange:
    session: aiohttp.ClientSession
    base_url: str
    timeout: aiohttp.ClientTimeout
    attempts: int  # of the profile read (the code itself is sent once)
    secrets: dict[str, str]  # AppSecret by AppId: the accounts this replica serves

    async def _get(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        return await call_wechat(self.session, "GET", self.base_url + path, params=params, within=self.timeout)

    async def _profile(self, access_token: str, openid: str) -> dict[str, Any]:
        params = {"access_token": access_token, "openid": openid, "lang": "zh_CN"}
        for attempt in range(1, self.attempts + 1):
            try:
                answer = await self._get("/sns/userinfo", params)
                return {k: v for k, v in answer.items() if k not in _NOT_USER}
            except WeChatError as exc:
                if not exc.retryable or attempt == self.attempts:
                    raise
                await asyncio.sleep(0.2 * attempt)
        raise AssertionError("unreachable")

    async def identity(self, app_id: str, code: str) -> dict[str, Any]:
        params = {"appid": app_id, "secret": self.secrets[app_id], "code": code, "grant_type": "authorization_code"}
        grant = await self._get("/sns/oauth2/access_token", params)
        openid = str(grant.get("openid") or "")
        if not openid:
            raise WeChatError(-1, "no openid in WeChat's answer")
        scopes = [s.strip() for s in str(grant.get("scope") or "").split(",") if s.strip()]
        user = await self._profile(str(grant.get("access_token")), openid) if USERINFO_SCOPE in scopes else None
        unionid = grant.get("unionid") or (user or {}).get("unionid")
        return {"openid": openid, "unionid": unionid or None, "scope": ",".join(scopes), "user": user}


_NOT_USER = frozenset({"errcode", "errmsg"})
OAUTH = web.AppKey("oauth", OAuthExchange)


def install(app: web.Application, settings: TokenSettings) -> None:
    """The exchange, over the service's session to WeChat, once the app has started."""

    async def start(app: web.Application) -> None:
        app[OAUTH] = OAuthExchange(
            app[WECHAT_SESSION],
            settings.wechat_api_base.rstrip("/"),
            aiohttp.ClientTimeout(total=settings.upstream_timeout_seconds),
            settings.upstream_attempts,
            settings.served_secrets(),
        )

    app.on_startup.append(start)


async def exchange(request: web.Request) -> web.Response:
    oauth, app_id = request.app[OAUTH], request.match_info["app_id"]
    if app_id not in oauth.secrets:
        raise not_found("unknown_app", "no such account")
    try:
        body = await request.json()
    except ValueError:
        body = None
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH or not code.isprintable():
        raise bad_request("JSON body with the code (a non-empty string) required")
    try:
        return web.json_response(await oauth.identity(app_id, code))
    except WeChatError as exc:
        log.warning("oauth_exchange_refused", app_id=app_id, errcode=exc.errcode)
        errmsg = exc.errmsg.replace(code, REDACTED)  # WeChat's message never carries the code back
        status, error, message = _REFUSALS.get(exc.errcode, (502, "upstream_error", "WeChat refused or failed"))
        if exc.errcode == -1:
            status, error, message = 502, "upstream_unavailable", "WeChat could not be reached"
        return json_error(status, error, message, errcode=exc.errcode, errmsg=errmsg)
