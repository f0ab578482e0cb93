"""Fixtures every tier shares: test accounts and, for integration tests, real RabbitMQ and Redis."""

import os
import socket
import uuid
from collections.abc import AsyncIterator

import aio_pika
import pytest
from redis.asyncio import Redis

from shared.accounts import Account
from shared.crypto import MessageCipher

AMQP_URL = os.environ.get("TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

TOKEN = "test-token-7d1f"
APP_SECRET = "test-app-secret-0b9e61c2a5d84f37"
AES_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR"
OLD_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


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
