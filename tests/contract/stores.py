"""Stores for the contract tests: real Redis or the in-memory store (fakeredis), each behind
redis-py's asyncio client, opened as the services open them (``shared.backends``, ``laptop.backends``).

Test modules outside tests/contract parametrize their own ``redis`` fixture with ``STORES`` and
``open_store`` so their one body runs on both."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import fakeredis
import pytest
from redis.asyncio import Redis

from laptop.backends import InMemoryBackends
from shared.backends import Backends, NetworkBackends
from shared.settings import CommonSettings
from tests.conftest import REDIS_URL

STORES = [pytest.param("redis", marks=pytest.mark.integration, id="redis"), pytest.param("memory", id="memory")]


@dataclass
class StoreUnderTest:
    kind: str
    backends: Backends
    client: Redis
    _decoding: Callable[[], Redis]
    _clients: list[Redis] = field(default_factory=list)

    def another(self, *, max_connections: int = 32) -> Redis:
        """One more client of the same store, opened as a service opens it; closed with the store."""
        return self._keep(self.backends.open_store(max_connections=max_connections))

    def decoding(self) -> Redis:
        """One more client of the same store that decodes replies to str; closed with the store."""
        return self._keep(self._decoding())

    def _keep(self, client: Redis) -> Redis:
        self._clients.append(client)
        return client


@asynccontextmanager
async def open_store(request: pytest.FixtureRequest, unique: str) -> AsyncIterator[StoreUnderTest]:
    """The store ``request.param`` names, opened as the services open it (``Backends.open_store``):
    real Redis (``REDIS_URL``, db 0), whose keys containing ``unique`` are deleted afterwards, or a
    fresh in-memory store."""
    store: StoreUnderTest
    if request.param == "redis":
        request.getfixturevalue("services")  # up, or skipped (failed under CI)
        network = NetworkBackends(CommonSettings(redis_url=REDIS_URL))
        store = StoreUnderTest(
            "redis", network, network.open_store(), lambda: Redis.from_url(REDIS_URL, decode_responses=True)
        )
    else:
        memory = InMemoryBackends()
        store = StoreUnderTest(
            "memory",
            memory,
            memory.open_store(),
            lambda: fakeredis.FakeAsyncRedis(server=memory.server, decode_responses=True),
        )
    try:
        yield store
    finally:
        if store.kind == "redis":
            keys = [key async for key in store.client.scan_iter(match=f"*{unique}*", count=1000)]
            if keys:
                await store.client.delete(*keys)
        for each in [store.client, *store._clients]:
            await each.aclose(close_connection_pool=True)
