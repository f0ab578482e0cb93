"""Pipelines the Redis commands that concurrent requests issue in the same loop turn.

Each awaited command costs a round trip and a pass through the connection
pool; under load, many requests want one command each at the same moment.
``CommandBatcher.execute`` queues the command and one task sends everything
queued so far as a single non-transactional pipeline, so N requests share one
write and one read.
"""

import asyncio
from typing import Any

from redis.asyncio import Redis


class CommandBatcher:
    def __init__(self, redis: Redis, *, max_batch: int = 512) -> None:
        self._redis = redis
        self._max_batch = max_batch
        self._queued: list[tuple[tuple[Any, ...], asyncio.Future[Any]]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None

    async def execute(self, *command: Any) -> Any:
        return await self.submit(*command)

    def submit(self, *command: Any) -> "asyncio.Future[Any]":
        """Queue ``command``; the future resolves with its reply (or its error)."""
        # The loop is looked up once: on Python 3.11 each lookup costs a getpid() syscall.
        loop = self._loop or self._bind_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queued.append((command, future))
        if len(self._queued) == 1:
            loop.call_soon(self._flush)
        elif len(self._queued) >= self._max_batch:
            self._flush()
        return future

    def _bind_loop(self) -> asyncio.AbstractEventLoop:
        self._loop = asyncio.get_running_loop()
        return self._loop

    def _flush(self) -> None:
        batch, self._queued = self._queued, []
        if batch:
            task = (self._loop or self._bind_loop()).create_task(self._send(batch))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: list[tuple[tuple[Any, ...], asyncio.Future[Any]]]) -> None:
        try:
            pipe = self._redis.pipeline(transaction=False)
            for command, _ in batch:
                pipe.execute_command(*command)
            results = await pipe.execute(raise_on_error=False)
        except Exception as exc:  # noqa: BLE001 - the whole batch failed: each caller gets the error
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for (_, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)

    async def drain(self) -> None:
        """Send what is queued and wait for every batch in flight (at shutdown)."""
        self._flush()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
