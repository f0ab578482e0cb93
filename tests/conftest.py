"""Fixtures every tier shares: test accounts; real RabbitMQ and Redis for integration tests; the fake
WeChat on a real loopback port with a manual clock (``fake_wechat.base_url`` is a service's
``WECHAT_API_BASE``; drive it with ``fake_wechat.control(...)``, move time with
``fake_wechat.clock.advance(seconds)``)."""

import os
import socket
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aio_pika
import hypothesis
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from sandbox.fake_wechat import FAKE, FakeApp, FakeWeChatConfig, ManualClock, create_app
from sandbox.fake_wechat.clock import Clock
from sandbox.fake_wechat.state import FakeWeChatState
from shared.accounts import Account
from shared.crypto import MessageCipher

# Property tests check what holds, not how fast: on two shared cores a per-example time limit
# fails whichever example a busy moment lands on.
hypothesis.settings.register_profile("shared-cores", deadline=None)
hypothesis.settings.load_profile("shared-cores")

AMQP_URL = os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

TOKEN = "test-token-7d1f"
APP_SECRET = "test-app-secret-0b9e61c2a5d84f37"
AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
OLD_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


async def matching_keys(redis: Redis, pattern: str) -> list[bytes]:
    """Every key matching ``pattern``: SCAN in large steps, since the shared test Redis holds the
    short-lived keys of every other test (SCAN's default of 10 a step meant thousands of round trips)."""
    return [key async for key in redis.scan_iter(match=pattern, count=100_000)]


async def delete_matching(redis: Redis, pattern: str) -> None:
    keys = await matching_keys(redis, pattern)
    if keys:
        await redis.delete(*keys)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def services() -> None:
    """RabbitMQ and Redis on loopback; a failure (not a skip) under CI."""
    missing = [name for name, port in (("RabbitMQ", 5672), ("Redis", 6379)) if not _reachable("127.0.0.1", port)]
    if missing:
        message = f"{' and '.join(missing)} not reachable on 127.0.0.1 (see README: Running the tests)"
        if os.environ.get("WXMP_REQUIRE_SERVICES") or os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def app_id() -> str:
    """A fresh AppId per test, so routing keys, queues and Redis keys never collide."""
    return "wxt" + uuid.uuid4().hex[:13]


@pytest.fixture
def account(app_id: str) -> Account:
    return Account.model_validate(
        {"name": "test", "app_id": app_id, "app_secret": APP_SECRET, "token": TOKEN, "encoding_aes_key": AES_KEY}
    )


@pytest.fixture
def cipher(app_id: str) -> MessageCipher:
    return MessageCipher.from_encoding_aes_key(AES_KEY, app_id)


@pytest.fixture
async def amqp(services: None) -> AsyncIterator[aio_pika.abc.AbstractRobustConnection]:
    connection = await aio_pika.connect_robust(AMQP_URL)
    yield connection
    await connection.close()


@pytest.fixture
async def redis(services: None) -> AsyncIterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


FAKE_APP_SECRET = "fake-wechat-secret-3c5e0a9d7b21"


@dataclass
class FakeWeChat:
    client: TestClient[Any, Any]
    app: web.Application
    clock: Clock
    app_id: str
    app_secret: str

    @property
    def base_url(self) -> str:
        return str(self.client.make_url("")).rstrip("/")

    @property
    def state(self) -> FakeWeChatState:
        return self.app[FAKE].state

    async def control(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """POST to ``/_control/{path}`` (GET when ``body`` is None) and return the JSON answer."""
        url = f"/_control/{path}"
        response = await (self.client.get(url) if body is None else self.client.post(url, json=body))
        assert response.status == 200, await response.text()
        return await response.json()

    async def access_token(self) -> str:
        query = {"grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret}
        answer = await (await self.client.get("/cgi-bin/token", params=query)).json()
        return str(answer["access_token"])


@pytest.fixture
def wechat_clock() -> Clock:
    return ManualClock()


@pytest.fixture
def fake_wechat_config(app_id: str) -> FakeWeChatConfig:
    return FakeWeChatConfig(apps=(FakeApp(app_id=app_id, app_secret=FAKE_APP_SECRET),))


@pytest.fixture
async def fake_wechat(
    aiohttp_client: Any, fake_wechat_config: FakeWeChatConfig, wechat_clock: Clock, app_id: str
) -> FakeWeChat:
    app = create_app(fake_wechat_config, clock=wechat_clock)
    return FakeWeChat(await aiohttp_client(app), app, wechat_clock, app_id, FAKE_APP_SECRET)
