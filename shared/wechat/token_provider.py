"""Access tokens for every service but the token service: asked of the token service,
cached until shortly before they expire, refreshed passively when WeChat rejects one."""

import asyncio
import time
from collections.abc import Callable

import aiohttp

from shared.wechat.errors import WeChatError


class TokenServiceError(Exception):
    """The token service refused or was unreachable; ``status`` 0 for a transport failure."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"token service {status}: {message}")
        self.status = status


class TokenProvider:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        base_url: str,
        api_key: str,
        margin_seconds: float = 60.0,
        timeout_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._margin = margin_seconds
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._clock = clock
        self._cache: dict[str, tuple[str, float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def token(self, app_id: str) -> str:
        cached = self._cache.get(app_id)
        if cached is not None and self._clock() < cached[1] - self._margin:
            return cached[0]
        async with self._locks.setdefault(app_id, asyncio.Lock()):  # one request per account at a time
            cached = self._cache.get(app_id)
            if cached is not None and self._clock() < cached[1] - self._margin:
                return cached[0]
            return await self._ask("GET", f"/v1/apps/{app_id}/access-token", app_id)

    async def refresh(self, app_id: str, stale: str) -> str:
        """Report ``stale`` as rejected by WeChat; the token to use now."""
        cached = self._cache.get(app_id)
        if cached is not None and cached[0] != stale:
            return cached[0]  # already replaced
        return await self._ask("POST", f"/v1/apps/{app_id}/access-token/refresh", app_id, {"stale_token": stale})

    async def _ask(self, method: str, path: str, app_id: str, body: dict[str, str] | None = None) -> str:
        try:
            async with self._session.request(
                method, self._base + path, json=body, headers=self._headers, timeout=self._timeout
            ) as response:
                payload = await response.json(content_type=None)
                if response.status != 200:
                    if isinstance(payload, dict) and "errcode" in payload:
                        raise WeChatError(int(payload["errcode"]), str(payload.get("errmsg", "")))
                    message = payload.get("message", "") if isinstance(payload, dict) else ""
                    raise TokenServiceError(response.status, str(message))
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise TokenServiceError(0, type(exc).__name__) from None
        token, expires_at = str(payload["access_token"]), float(payload["expires_at"])
        self._cache[app_id] = (token, expires_at)
        return token
