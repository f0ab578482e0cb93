"""The WeChat endpoints that issue credentials, with retries and backoff on transient failures.

Errors come back as ``WeChatError`` with WeChat's errcode and errmsg; the
AppSecret travels only in the request and never in an error or a log line.
"""

import asyncio
import random
from dataclasses import dataclass
from typing import Any, Literal

import aiohttp
import structlog

from shared.wechat.errors import WeChatError
from shared.wechat.http import call_wechat

log = structlog.get_logger(__name__)

TicketType = Literal["jsapi", "wx_card"]


@dataclass(frozen=True)
class Issued:
    value: str
    expires_in: float


class Upstream:
    def __init__(self, session: aiohttp.ClientSession, *, base_url: str, timeout: float, attempts: int) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._attempts = attempts

    async def _call(self, method: str, path: str, *, params: dict[str, str], json: Any = None) -> dict[str, Any]:
        delay = 0.2
        for attempt in range(1, self._attempts + 1):
            try:
                return await call_wechat(
                    self._session, method, self._base + path, params=params, json=json, within=self._timeout
                )
            except WeChatError as exc:
                error = exc
            if not error.retryable or attempt == self._attempts:
                raise error
            log.warning("upstream_retry", path=path, attempt=attempt, errcode=error.errcode)
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))
            delay *= 2
        raise AssertionError("unreachable")

    async def access_token(self, app_id: str, secret: str) -> Issued:
        params = {"grant_type": "client_credential", "appid": app_id, "secret": secret}
        body = await self._call("GET", "/cgi-bin/token", params=params)
        return Issued(str(body["access_token"]), float(body["expires_in"]))

    async def stable_token(self, app_id: str, secret: str, *, force_refresh: bool) -> Issued:
        payload = {"grant_type": "client_credential", "appid": app_id, "secret": secret, "force_refresh": force_refresh}
        body = await self._call("POST", "/cgi-bin/stable_token", params={}, json=payload)
        return Issued(str(body["access_token"]), float(body["expires_in"]))

    async def clear_quota(self, app_id: str, secret: str) -> None:
        """``clear_quota/v2``: today's API counts reset by AppSecret (no token). Sent once, never retried:
        each reset that reaches WeChat spends one of the account's 10 a month."""
        params = {"appid": app_id, "appsecret": secret}
        await call_wechat(
            self._session, "POST", self._base + "/cgi-bin/clear_quota/v2", params=params, within=self._timeout
        )

    async def ticket(self, access_token: str, ticket_type: TicketType) -> Issued:
        """A JS-SDK (``jsapi``) or 卡券 (``wx_card``) ticket: two kinds, each with its own daily quota."""
        body = await self._call(
            "GET", "/cgi-bin/ticket/getticket", params={"access_token": access_token, "type": ticket_type}
        )
        return Issued(str(body["ticket"]), float(body["expires_in"]))
