"""Where a service's broker and store live, handed to its app factory.

``NetworkBackends`` (the default, and what production runs) opens a RabbitMQ
connection and a Redis client from the settings' URLs; ``laptop.backends``
has the in-memory pair of ``make run``'s single-process mode.
"""

from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import BlockingConnectionPool, Redis

from shared.broker import Broker
from shared.broker.rabbitmq import RabbitBroker
from shared.settings import CommonSettings


class Backends(Protocol):
    async def open_broker(self, service: str, *, publish_timeout: float = 5.0) -> Broker: ...

    def open_store(self, *, max_connections: int = 32, socket_timeout: float = 2.0) -> Redis: ...


@dataclass(frozen=True)
class NetworkBackends:
    settings: CommonSettings

    async def open_broker(self, service: str, *, publish_timeout: float = 5.0) -> Broker:
        """Named ``wxmp-{service} {instance_id}`` for operators."""
        name = f"wxmp-{service} {self.settings.instance_id}"
        return await RabbitBroker.connect(self.settings.amqp_url, name=name, publish_timeout=publish_timeout)

    def open_store(self, *, max_connections: int = 32, socket_timeout: float = 2.0) -> Redis:
        """A client whose pool waits (up to 5 s) for a free connection instead of failing."""
        pool = BlockingConnectionPool.from_url(
            self.settings.redis_url,
            max_connections=max_connections,
            timeout=5,
            socket_connect_timeout=1.0,
            socket_timeout=socket_timeout,
        )
        return Redis.from_pool(pool)  # closing the client disconnects the pool too
