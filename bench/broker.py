"""A throwaway RabbitMQ queue that catches the events a scenario publishes, so they are really stored.

The gateway publishes with ``mandatory=True``: without a bound queue every event
would come back unroutable. Each operation opens its own short connection, so
the harness holds no broker connection (and adds no broker work) during a run.
"""

import asyncio
import time
from dataclasses import dataclass

import aio_pika

from shared.topology import EVENTS_EXCHANGE


@dataclass(frozen=True)
class CatchQueue:
    amqp_url: str
    name: str
    routing_key: str
    max_length: int
    expires_seconds: int  # RabbitMQ drops the queue if the harness dies and never deletes it

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
            exchange = await channel.declare_exchange(EVENTS_EXCHANGE.name, aio_pika.ExchangeType.TOPIC, durable=True)
            queue = await channel.declare_queue(
                self.name,
                durable=True,
                exclusive=False,
                auto_delete=False,
                arguments={"x-max-length": self.max_length, "x-expires": self.expires_seconds * 1000},
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
