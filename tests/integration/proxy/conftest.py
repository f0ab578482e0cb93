"""The API proxy in process over real Redis, the token service in process, and the fake WeChat with
a wire tap: every request that reaches the fake, whatever its path (the fake counts only its
own routes), so a test can say a path trick reached nobody."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from aiohttp.typedefs import Handler
from redis.asyncio import Redis

from sandbox.fake_wechat import FakeWeChatConfig, create_app
from sandbox.fake_wechat.clock import Clock
from services.proxy.app import create_app as create_proxy
from services.proxy.settings import ProxySettings
from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.transport import ProxyTransport
from tests.conftest import FAKE_APP_SECRET, REDIS_URL, FakeWeChat, delete_matching
from tests.integration.conftest import API_KEY, AUTH

__all__ = ["API_KEY", "AUTH"]

Client = TestClient[Any, Any]


@dataclass(frozen=True)
class Seen:
    method: str
    raw_path: str

    @property
    def path(self) -> str:
        return urlsplit(self.raw_path).path

    @property
    def access_token(self) -> str | None:
        values = parse_qs(urlsplit(self.raw_path).query).get("access_token")
        return values[0] if values else None


WIRE = web.AppKey("wire", list[Seen])


@web.middleware
async def tap(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith("/_control/"):
        request.app[WIRE].append(Seen(request.method, request.raw_path))
    return await handler(request)


@pytest.fixture
async def fake_wechat(
    aiohttp_client: Any, fake_wechat_config: FakeWeChatConfig, wechat_clock: Clock, app_id: str
) -> FakeWeChat:
    """The shared fixture's fake WeChat, with the wire tap."""
    app = create_app(fake_wechat_config, clock=wechat_clock)
    app[WIRE] = []
    app.middlewares.insert(0, tap)
    return FakeWeChat(await aiohttp_client(app), app, wechat_clock, app_id, FAKE_APP_SECRET)


def wire(fake: FakeWeChat, *, tokens: bool = False) -> list[Seen]:
    """What reached the fake; without the token service's own fetches unless ``tokens``."""
    return [seen for seen in fake.app[WIRE] if tokens or seen.path != "/cgi-bin/token"]


def proxy_settings(wechat_api_base: str, token_service: Client, app_id: str, **overrides: Any) -> ProxySettings:
    """The proxy for one account that has no AppSecret: the proxy never needs one."""
    values: dict[str, Any] = {
        "redis_url": REDIS_URL,
        "wechat_app_id": app_id,
        "wechat_app_secret": None,
        "wechat_apps_file": None,
        "wechat_api_base": wechat_api_base,
        "wechat_mp_base": wechat_api_base,
        "token_service_url": str(token_service.make_url("")),
        "internal_api_key": API_KEY,
        "proxy_backoff_seconds": 0.001,
    }
    return ProxySettings(**(values | overrides))


ProxyFactory = Callable[..., Awaitable[Client]]


@pytest.fixture
async def redis_keys_cleaned(redis: Redis, app_id: str) -> AsyncIterator[None]:
    yield
    await delete_matching(redis, f"wxmp:proxy:calls:{app_id}:*")


@pytest.fixture
def make_proxy(
    services: None,
    aiohttp_client: Any,
    fake_wechat: FakeWeChat,
    token_service: Client,
    app_id: str,
    redis_keys_cleaned: None,
) -> ProxyFactory:
    async def make(**overrides: Any) -> Client:
        base = overrides.pop("wechat_api_base", fake_wechat.base_url)
        settings = proxy_settings(base, token_service, app_id, **overrides)
        assert settings.accounts[app_id].app_secret is None
        client: Client = await aiohttp_client(create_proxy(settings))
        return client

    return make


@pytest.fixture
async def proxy(make_proxy: ProxyFactory) -> Client:
    return await make_proxy()


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    """The typed API of the test's account over ``ProxyTransport``: every call through the proxy."""
    async with aiohttp.ClientSession() as session:
        yield WeChatApi(ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY), fake_wechat.app_id)


async def errcode_of(call: Awaitable[object]) -> int:
    """The errcode of the WeChatError ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(WeChatError) as error:
        await call
    return int(error.value.errcode)


async def raw_request(
    client: Client, target: str, *, method: str = "GET", headers: dict[str, str] = AUTH
) -> tuple[int, bytes]:
    """Send ``target`` exactly as written (no client normalises it); the status code and the body."""
    server = client.server
    reader, writer = await asyncio.open_connection(server.host, server.port)
    try:
        lines = [f"{method} {target} HTTP/1.1", f"Host: {server.host}:{server.port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        status_line = await reader.readline()
        rest = await reader.read()
        return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2]
    finally:
        writer.close()
        await writer.wait_closed()
