"""The platform as ``wxmp`` reaches it: the typed WeChat API through the proxy, and the services' own APIs."""

from collections.abc import Mapping
from typing import Any

import aiohttp

from shared.wechat.api import WeChatApi
from shared.wechat.transport import ProxyTransport
from wxmp_cli.errors import ServiceError
from wxmp_cli.settings import Settings


class Service:
    """One of the platform's internal HTTP APIs: JSON in and out, bearer ``INTERNAL_API_KEY``."""

    def __init__(self, session: aiohttp.ClientSession, name: str, url: str, settings: Settings) -> None:
        self._session = session
        self.name = name
        self.url = url.rstrip("/")
        self._settings = settings
        self._timeout = aiohttp.ClientTimeout(total=settings.timeout_seconds)

    async def get(self, path: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        return await self._request("GET", path, params=params)

    async def post(self, path: str, body: Any) -> dict[str, Any]:
        return await self._request("POST", path, json=body)

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self._settings.api_key()}"}
        try:
            async with self._session.request(
                method, self.url + path, headers=headers, timeout=self._timeout, **kwargs
            ) as response:
                try:
                    body = await response.json(content_type=None)
                except ValueError:
                    body = None
                if response.status >= 400 or not isinstance(body, dict):
                    error = body.get("error") if isinstance(body, dict) else None
                    message = body.get("message", "") if isinstance(body, dict) else ""
                    raise ServiceError(
                        self.name, self.url, response.status, str(error or f"http_{response.status}"), str(message)
                    )
                return body
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ServiceError(self.name, self.url, 0, "unreachable", type(exc).__name__) from None

    async def ready(self) -> tuple[bool, str]:
        """``GET /readyz`` (no key): whether the service says it is ready, and what it answered."""
        try:
            async with self._session.get(self.url + "/readyz", timeout=aiohttp.ClientTimeout(total=5)) as response:
                return response.status == 200, f"HTTP {response.status}"
        except (aiohttp.ClientError, TimeoutError) as exc:
            return False, f"unreachable ({type(exc).__name__})"


class Platform:
    def __init__(self, session: aiohttp.ClientSession, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.proxy = Service(session, "API proxy", settings.proxy_url, settings)
        self.tokens = Service(session, "token service", settings.token_service_url, settings)
        self.notifier = Service(session, "notifier", settings.notifier_url, settings)
        self.dispatcher = Service(session, "dispatcher", settings.dispatcher_url, settings)
        self.gateway = Service(session, "gateway", settings.gateway_url, settings)

    def services(self) -> list[Service]:
        return [self.gateway, self.tokens, self.dispatcher, self.notifier, self.proxy]

    def api(self, app_id: str) -> WeChatApi:
        """The typed WeChat API of ``app_id``, through the proxy (which adds the token: wxmp never holds one)."""
        transport = ProxyTransport(
            self.session,
            proxy_url=self.settings.proxy_url,
            api_key=self.settings.api_key(),
            timeout_seconds=self.settings.timeout_seconds,
        )
        return WeChatApi(transport, app_id)

    async def token_expiry(self, app_id: str) -> int:
        """When the account's current access_token expires (unix seconds); the token itself is dropped here."""
        answer = await self.tokens.get(f"/v1/apps/{app_id}/access-token")
        return int(answer["expires_at"])
