"""The async WeChat API client base: one errcode policy for every API group.

``call`` adds the account's access token; a token error (40001/42001/40014)
triggers one passive refresh and a retry; a transient error (-1, network,
HTTP 5xx) is retried with backoff; anything else raises ``WeChatError``.
``on_attempt`` (optional) is told of each request about to go to WeChat, retries
included, so a caller can count what WeChat received without a policy of its own.
API groups (messages, menus …) are small classes that call through it.
"""

import asyncio
import random
from collections.abc import Callable
from typing import Any

import aiohttp
import structlog

from shared.wechat.errors import Action, WeChatError
from shared.wechat.http import call_wechat
from shared.wechat.token_provider import TokenProvider

log = structlog.get_logger(__name__)

# Called once before each request to WeChat (the first, a retry, the call after a token refresh).
AttemptHook = Callable[[], None]


class WeChatClient:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        tokens: TokenProvider,
        *,
        base_url: str,
        attempts: int = 3,
        timeout_seconds: float = 5.0,
        backoff_seconds: float = 0.2,
    ) -> None:
        self._session = session
        self._tokens = tokens
        self._base = base_url.rstrip("/")
        self._attempts = attempts
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._backoff = backoff_seconds

    async def call(
        self,
        app_id: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, str] | None = None,
        on_attempt: AttemptHook | None = None,
    ) -> dict[str, Any]:
        token = await self._tokens.token(app_id)
        refreshed = False
        delay = self._backoff
        attempt = 0
        while True:
            attempt += 1
            if on_attempt is not None:
                on_attempt()
            try:
                return await self._once(method, path, token, json=json, params=params)
            except WeChatError as exc:
                if exc.action is Action.REFRESH_TOKEN and not refreshed:
                    log.info("wechat_token_rejected", app_id=app_id, path=path, errcode=exc.errcode)
                    token = await self._tokens.refresh(app_id, token)
                    refreshed = True
                    continue
                if exc.action is not Action.RETRY or attempt >= self._attempts:
                    raise
                log.warning("wechat_retry", app_id=app_id, path=path, attempt=attempt, errcode=exc.errcode)
                await asyncio.sleep(delay * random.uniform(0.5, 1.5))
                delay *= 2

    async def _once(
        self, method: str, path: str, token: str, *, json: Any, params: dict[str, str] | None
    ) -> dict[str, Any]:
        query = {**(params or {}), "access_token": token}
        return await call_wechat(
            self._session, method, self._base + path, params=query, json=json, within=self._timeout
        )
