"""Pipelines the Redis commands that concurrent requests issue, over one connection of its own.

Each awaited command costs a round trip and a pass through redis-py's pool
and pipeline machinery; under load, many requests want one command each at
the same moment. ``CommandBatcher.execute`` queues the command; one sender
writes everything queued as a single batch and reads the replies in order,
and commands that arrive meanwhile wait to go out together as the next batch.
So N requests share one write and one read, and the batches grow with the load.

A batch is never sent twice: when the connection fails, its callers get the
error (a resent ``SET NX`` that had been applied before the failure would find
its own claim), and so do the commands queued behind it, at once. The next
batch connects again.

The connection is the batcher's own, made like the pool's but without redis-py's
per-reply read timeout: the pool's ``socket_timeout`` bounds a whole batch, its
write and every reply, with one timer (redis-py's costs a timer for each reply,
and one more and a task for the write, a tenth of a web login's CPU time).
"""

import asyncio
import hashlib
from collections.abc import Sequence
from typing import Any

import hiredis
from redis.asyncio import Redis
from redis.exceptions import NoScriptError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

_Queued = tuple[tuple[Any, ...], "asyncio.Future[Any]"]


class CommandBatcher:
    def __init__(self, redis: Redis, *, max_batch: int = 512) -> None:
        pool = redis.connection_pool
        self._timeout: float | None = pool.connection_kwargs.get("socket_timeout")
        # Connected by the first batch (and again after a failure), not before: no I/O here.
        self._connection = pool.connection_class(**{**pool.connection_kwargs, "socket_timeout": None})
        self._max_batch = max_batch
        self._queued: list[_Queued] = []
        self._sender: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def execute(self, *command: Any) -> Any:
        return await self.submit(*command)

    def submit(self, *command: Any) -> "asyncio.Future[Any]":
        """Queue ``command``; the future resolves with Redis's raw reply (bytes, int or
        None) or fails with its error."""
        # The loop is looked up once: on Python 3.11 each lookup costs a getpid() syscall.
        loop = self._loop or self._bind_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queued.append((command, future))
        if self._sender is None:
            # Started on the next turn of the loop, so the commands of this turn go together.
            self._sender = loop.create_task(self._send_queued())
        return future

    def _bind_loop(self) -> asyncio.AbstractEventLoop:
        self._loop = asyncio.get_running_loop()
        return self._loop

    async def _send_queued(self) -> None:
        batch: list[_Queued] = []
        try:
            while self._queued:
                batch, self._queued = self._queued[: self._max_batch], self._queued[self._max_batch :]
                await self._send(batch)
        except BaseException as exc:
            # The connection failed (redis-py has disconnected it) or the sender was cancelled:
            # the batch and everything queued behind it fail at once. In a Redis stall,
            # callers must not wait out a timeout for each batch ahead of theirs.
            failed, self._queued = batch + self._queued, []
            for _, future in failed:
                _settle(future, exc)
            if not isinstance(exc, Exception):
                raise
        finally:
            self._sender = None

    async def _send(self, batch: list[_Queued]) -> None:
        packed, waiting = [], []
        for command, future in batch:
            try:
                # hiredis packs in C, at an eighth of redis-py's cost for the gateway's commands.
                packed.append(hiredis.pack_command(command))
            except (TypeError, ValueError) as exc:  # e.g. a lone surrogate: this command only
                _settle(future, exc)
            else:
                waiting.append(future)
        if not waiting:
            return
        connection = self._connection
        try:
            async with asyncio.timeout(self._timeout):
                # Connects first when it is not connected (the first batch, or the one after a failure).
                await connection.send_packed_command(b"".join(packed), check_health=False)
                for future in waiting:
                    try:
                        _settle(future, await connection.read_response())
                    except ResponseError as exc:  # this command's error; the connection is fine
                        _settle(future, exc)
        except TimeoutError:
            await connection.disconnect(nowait=True)  # replies may still come: never read them as the next batch's
            raise RedisTimeoutError(f"Redis did not answer a batch of {len(waiting)} in {self._timeout} s") from None

    async def drain(self) -> None:
        """Send what is queued, wait for it, and close the connection (at shutdown)."""
        while self._sender is not None:
            await asyncio.wait([self._sender])
        await self._connection.disconnect()


def _settle(future: "asyncio.Future[Any]", outcome: Any) -> None:
    if future.done():
        return
    if isinstance(outcome, asyncio.CancelledError):
        future.cancel()
    elif isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


class BatchedScript:
    """A Lua script run through a ``CommandBatcher``: EVALSHA, and EVAL (which caches it
    again) when Redis has lost its scripts (a restart, SCRIPT FLUSH). Replies are raw, as
    redis-py's own scripts return them."""

    def __init__(self, batcher: CommandBatcher, source: str) -> None:
        self._batcher = batcher
        self._source = source
        self._sha = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()  # how Redis names scripts

    async def __call__(self, *, keys: Sequence[str], args: Sequence[str | int | float] = ()) -> Any:
        try:
            return await self._batcher.execute("EVALSHA", self._sha, len(keys), *keys, *args)
        except NoScriptError:
            return await self._batcher.execute("EVAL", self._source, len(keys), *keys, *args)
