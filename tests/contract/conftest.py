"""Contract fixtures: each test runs once on the real backend and once in memory.

``broker_factory`` opens connections to RabbitMQ (a vhost of this session, so no binding made
elsewhere can route the tests' messages; queues named per test and deleted after it) or to one
``MemoryHub`` per test. ``store`` is a redis.asyncio client of real Redis (keys named with the
test's ``app_id``, deleted after it) or of a fresh in-memory store. The real ones need the
``services`` fixture: skipped when RabbitMQ or Redis is down, failed under CI."""

import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator

import aio_pika
import pytest
from redis.asyncio import Redis

from laptop.backends import InMemoryBackends
from shared.backends import Backends, NetworkBackends
from shared.settings import CommonSettings
from tests.conftest import AMQP_URL
from tests.contract.brokers import BrokerFactory
from tests.contract.stores import STORES, StoreUnderTest, open_store

BROKERS = [pytest.param("rabbitmq", marks=pytest.mark.integration, id="rabbitmq"), pytest.param("memory", id="memory")]


def _rabbitmqctl(*arguments: str) -> None:
    subprocess.run(["rabbitmqctl", *arguments], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="session")
def contract_vhost(services: None) -> Iterator[str]:
    """A RabbitMQ vhost for this session's contract tests; its AMQP URL."""
    name = f"contract-{uuid.uuid4().hex[:12]}"
    _rabbitmqctl("add_vhost", name)
    try:
        _rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
        yield AMQP_URL.rstrip("/") + "/" + name
    finally:
        _rabbitmqctl("delete_vhost", name)


async def delete_queues(url: str, names: list[str]) -> None:
    """Delete these queues; deleting one that does not exist is not an error in RabbitMQ."""
    connection = await aio_pika.connect(url)
    try:
        channel = await connection.channel()
        for name in names:
            await channel.queue_delete(name)
    finally:
        await connection.close()


@pytest.fixture(params=BROKERS)
async def broker_factory(request: pytest.FixtureRequest) -> AsyncIterator[BrokerFactory]:
    backends: Backends
    if request.param == "rabbitmq":
        url: str = request.getfixturevalue("contract_vhost")
        backends = NetworkBackends(CommonSettings(amqp_url=url))
    else:
        backends = InMemoryBackends()
    factory = BrokerFactory(request.param, backends)
    try:
        yield factory
    finally:
        await factory.close()
        if request.param == "rabbitmq":
            await delete_queues(url, factory.queue_names)


@pytest.fixture(params=STORES)
async def store_under_test(request: pytest.FixtureRequest, app_id: str) -> AsyncIterator[StoreUnderTest]:
    async with open_store(request, app_id) as store:
        yield store


@pytest.fixture
def store(store_under_test: StoreUnderTest) -> Redis:
    """A redis.asyncio client of the store under test; name keys with the test's ``app_id``."""
    return store_under_test.client
