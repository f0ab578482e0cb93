"""The token service as the web service calls it: the code exchange and the jsapi_ticket.

The web service holds no AppSecret; the token service does the exchange with
WeChat and answers only the identity (the user's web access_token and
refresh_token never leave it).
"""

import json
from typing import Any

import aiohttp

from services.web.records import Identity, Refused

# The token service's errors for a code WeChat refused: invalid or expired (400), used (409).
_REFUSED_CODES = frozenset({"invalid_code", "code_used"})


class Unavailable(Exception):
    """The token service (or WeChat behind it) could not answer; ``reason`` is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TokenServiceClient:
    def __init__(self, session: aiohttp.ClientSession, *, base_url: str, api_key: str, exchange_timeout: float) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._exchange_timeout = aiohttp.ClientTimeout(total=exchange_timeout)
        self._timeout = aiohttp.ClientTimeout(total=5)

    async def _call(self, method: str, path: str, body: Any, within: aiohttp.ClientTimeout) -> tuple[int, Any]:
        try:
            async with self._session.request(
                method, self._base + path, json=body, headers=self._headers, timeout=within
            ) as response:
                raw = await response.read()
                return response.status, json.loads(raw) if raw else None
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise Unavailable(f"token service unreachable: {type(exc).__name__}") from None
        except ValueError:
            raise Unavailable("token service answered something other than JSON") from None

    async def exchange(self, app_id: str, code: str) -> Identity | Refused:
        status, body = await self._call(
            "POST", f"/v1/apps/{app_id}/oauth/exchange", {"code": code}, self._exchange_timeout
        )
        error = body.get("error") if isinstance(body, dict) else None
        if status == 200:
            try:
                return Identity.from_exchange(body)
            except ValueError:
                raise Unavailable("token service answered no openid") from None
        if status in (400, 409) and error in _REFUSED_CODES:
            return Refused()
        raise Unavailable(f"token service answered {status} {error or ''}".strip())

    async def jsapi_ticket(self, app_id: str) -> tuple[str, float]:
        """The account's jsapi_ticket and when it expires (unix seconds)."""
        status, body = await self._call("GET", f"/v1/apps/{app_id}/jsapi-ticket", None, self._timeout)
        if status != 200 or not isinstance(body, dict) or not isinstance(body.get("ticket"), str):
            error = body.get("error") if isinstance(body, dict) else None
            raise Unavailable(f"token service answered {status} {error or ''}".strip())
        return body["ticket"], float(body["expires_at"])
