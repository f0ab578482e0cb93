"""The command batcher (gateway de-duplication, dispatcher analytics) over real Redis: one connection,
batches in order, no silent resend."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from shared.backends import NetworkBackends
from shared.redis_batch import CommandBatcher
from shared.settings import CommonSettings
from tests.conftest import REDIS_URL


@pytest.fixture
async def batcher(services: None) -> AsyncIterator[CommandBatcher]:
    client = NetworkBackends(CommonSettings(redis_url=REDIS_URL)).open_store()  # as the gateway opens it
    batcher = CommandBatcher(client)
    yield batcher
    await batcher.drain()
    await client.aclose()


@pytest.fixture
async def key(redis: Redis) -> AsyncIterator[str]:
    name = f"wxmp:test:batch:{uuid.uuid4().hex}"
    yield name
    await redis.delete(name)


async def test_concurrent_commands_share_one_connection_and_keep_their_order(batcher: CommandBatcher, key: str) -> None:
    ids = await asyncio.gather(*(batcher.execute("CLIENT", "ID") for _ in range(20)))
    assert len(set(ids)) == 1
    counts = await asyncio.gather(*(batcher.execute("INCR", key) for _ in range(1000)))
    assert counts == list(range(1, 1001))


async def test_a_dropped_connection_fails_its_batch_once_and_the_next_batch_reconnects(
    batcher: CommandBatcher, redis: Redis, key: str
) -> None:
    first = await batcher.execute("CLIENT", "ID")
    await redis.client_kill_filter(_id=first)
    with pytest.raises(RedisConnectionError):
        await batcher.execute("INCR", key)
    assert await batcher.execute("INCR", key) == 1  # the failed INCR was not sent again behind the caller's back
    assert await batcher.execute("CLIENT", "ID") != first
