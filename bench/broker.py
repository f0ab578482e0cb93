"""A throwaway RabbitMQ queue that catches the events a scenario publishes, so they are really stored.

The gateway publishes with ``mandatory=True``: without a bound queue every event
would come back unroutable. Each operation opens its own short connection, so
the harness holds no broker connection (and adds no broker work) during a run.
"""

import asyncio
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

import aio_pika
from aiormq.exceptions import AMQPError, ChannelNotFoundEntity

from bench.measure import RunConfig
from shared.topology import EVENTS_EXCHANGE, QueueType, delay_queue_name


@dataclass(frozen=True)
class CatchQueue:
    amqp_url: str
    name: str
    routing_key: str
    max_length: int
    expires_seconds: int  # RabbitMQ drops the queue if the harness dies and never deletes it
    queue_type: QueueType = "classic"
    exchange: str = EVENTS_EXCHANGE.name  # a durable topic exchange (the peer publishes to its own)

    @classmethod
    def for_app(cls, amqp_url: str, app_id: str, cfg: RunConfig, queue_type: QueueType = "classic") -> "CatchQueue":
        """``bench.{app_id}``, bound to all of the account's events, long enough for the whole run."""
        return cls(
            amqp_url,
            name=f"bench.{app_id}",
            routing_key=f"{app_id}.#",
            max_length=cfg.max_requests(),
            expires_seconds=600 + 3 * (cfg.warmup + cfg.duration),
            queue_type=queue_type,
        )

    def declare(self) -> None:
        asyncio.run(self._declare())

    def message_count(self) -> int:
        return asyncio.run(self._message_count())

    def delete(self) -> None:
        asyncio.run(self._delete())

    def settled_count(self, *, at_least: int, timeout: float = 10.0, interval: float = 0.25) -> int:
        """The message count once it stops growing (publishes still in flight land), or at ``timeout``."""
        deadline = time.monotonic() + timeout
        count = self.message_count()
        while time.monotonic() < deadline:
            time.sleep(interval)
            latest = self.message_count()
            if latest == count and latest >= at_least:
                return latest
            count = latest
        return count

    async def _declare(self) -> None:
        connection = await aio_pika.connect(self.amqp_url)
        async with connection:
            channel = await connection.channel()
            exchange = await channel.declare_exchange(self.exchange, aio_pika.ExchangeType.TOPIC, durable=True)
            queue = await channel.declare_queue(
                self.name,
                durable=True,
                exclusive=False,
                auto_delete=False,
                arguments={
                    "x-queue-type": self.queue_type,
                    "x-max-length": self.max_length,
                    "x-expires": self.expires_seconds * 1000,
                },
            )
            await queue.bind(exchange, self.routing_key)

    async def _message_count(self) -> int:
        connection = await aio_pika.connect(self.amqp_url)
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(self.name, passive=True)
            count = queue.declaration_result.message_count
            return int(count or 0)

    async def _delete(self) -> None:
        connection = await aio_pika.connect(self.amqp_url)
        async with connection:
            channel = await connection.channel()
            await channel.queue_delete(self.name)


MAX_RETRY_QUEUES = 10  # per-attempt delay queues to delete per queue, should a service declare them


def service_queue_names(prefix: str, kinds: Sequence[str]) -> list[str]:
    """A service's queues ``{prefix}.{kind}``, their ``.dead`` queues and any per-attempt delay
    queues (``shared.topology.delay_queue_name``; deleting one never declared is a no-op)."""
    names = [f"{prefix}.{kind}" for kind in kinds]
    dead = [f"{name}.dead" for name in names]
    delays = [delay_queue_name(name, attempt) for name in names for attempt in range(1, MAX_RETRY_QUEUES + 1)]
    return [*names, *dead, *delays]


def queue_depths(amqp_url: str, names: list[str]) -> dict[str, int]:
    """Messages on each of ``names`` that exists; empty if the broker cannot be reached."""
    try:
        return asyncio.run(_depths(amqp_url, names))
    except (ConnectionError, AMQPError) as exc:
        print(f"warning: could not read the bench queues: {exc}", file=sys.stderr)
        return {}


async def _depths(amqp_url: str, names: list[str]) -> dict[str, int]:
    depths: dict[str, int] = {}
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        for name in names:
            channel = await connection.channel()  # a failed passive declare closes its channel
            try:
                queue = await channel.declare_queue(name, passive=True)
            except ChannelNotFoundEntity:
                continue
            depths[name] = int(queue.declaration_result.message_count or 0)
            await channel.close()
    return depths


def delete_queues(amqp_url: str, names: list[str]) -> None:
    """Delete the bench queues; a broker gone by now must not hide the error that got us here."""
    try:
        asyncio.run(_delete(amqp_url, names))
    except (ConnectionError, AMQPError) as exc:
        print(f"warning: could not delete queues {names}: {exc}", file=sys.stderr)


async def _delete(amqp_url: str, names: list[str]) -> None:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for name in names:
            await channel.queue_delete(name)  # deleting a missing queue is not an error
