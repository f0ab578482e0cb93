"""The command batcher (gateway de-duplication, dispatcher analytics) over real Redis: one
connection, batches in order, a failure shared by what is queued, never a silent resend."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from shared.backends import NetworkBackends
from shared.redis_batch import CommandBatcher
from shared.settings import CommonSettings
from tests.conftest import REDIS_URL
from tests.waiting import eventually


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


async def blocked_on(redis: Redis, batcher: CommandBatcher, key: str) -> tuple["asyncio.Future[object]", int]:
    """A batch out on the wire and held there (BLPOP on ``key``), and the id of its connection."""
    held = batcher.submit("BLPOP", key, 10)

    async def blocked() -> list[int]:
        return [int(c["id"]) for c in await redis.client_list() if c["cmd"] == "blpop" and "b" in c["flags"]]

    async def is_blocked() -> bool:
        return bool(await blocked())

    await eventually(is_blocked, what="the batcher's BLPOP blocked in Redis")
    [connection_id] = await blocked()
    return held, connection_id


async def test_commands_arriving_while_a_batch_is_out_go_next_on_the_same_connection_in_order(
    batcher: CommandBatcher, redis: Redis, key: str
) -> None:
    held, connection_id = await blocked_on(redis, batcher, key)
    queued = [batcher.submit("CLIENT", "ID") for _ in range(20)] + [
        batcher.submit("INCR", f"{key}:n") for _ in range(5)
    ]
    assert not any(future.done() for future in queued)
    await redis.rpush(key, b"go")
    assert await held == [key.encode(), b"go"]
    assert await asyncio.gather(*queued) == [connection_id] * 20 + [1, 2, 3, 4, 5]
    await redis.delete(f"{key}:n")


async def test_a_dropped_connection_fails_its_batch_and_what_is_queued_behind_it_then_reconnects(
    batcher: CommandBatcher, redis: Redis, key: str
) -> None:
    held, connection_id = await blocked_on(redis, batcher, key)
    queued = batcher.submit("INCR", key + ":n")
    await redis.client_kill_filter(_id=str(connection_id))
    for failed in (held, queued):
        with pytest.raises(RedisConnectionError):
            await failed
    assert await redis.get(key + ":n") is None  # the queued INCR was failed, not sent on a new connection
    assert await batcher.execute("INCR", key + ":n") == 1
    assert await batcher.execute("CLIENT", "ID") != connection_id
    await redis.delete(key + ":n")


async def test_a_command_that_cannot_be_encoded_fails_alone(batcher: CommandBatcher, key: str) -> None:
    replies = await asyncio.gather(
        batcher.execute("INCR", key), batcher.execute("SET", key + ":bad", "\udcff"), batcher.execute("INCR", key),
        return_exceptions=True,
    )  # fmt: skip
    assert replies[0] == 1 and replies[2] == 2
    assert isinstance(replies[1], UnicodeEncodeError)


async def test_a_batch_redis_does_not_answer_in_time_fails_whole_and_the_next_one_gets_its_own_replies(
    services: None, key: str
) -> None:
    client = NetworkBackends(CommonSettings(redis_url=REDIS_URL)).open_store(socket_timeout=0.3)
    batcher = CommandBatcher(client)
    try:
        stalled = [batcher.submit("BLPOP", key, 2), batcher.submit("INCR", key + ":n")]
        for failed in stalled:
            with pytest.raises(RedisTimeoutError):
                await failed
        # The stalled batch's connection is gone with its late replies: the next batch reads its own.
        assert await batcher.execute("ECHO", "mine") == b"mine"
    finally:
        await batcher.drain()
        await client.aclose()
