"""Where a service's broker and store live: RabbitMQ and Redis over the network, or in memory.

``NetworkBackends`` (the default, and what production runs) opens a RabbitMQ
connection and a Redis client from the settings' URLs. ``InMemoryBackends``
is the single-process mode of ``make run``: every service of the process gets
a connection to one ``MemoryHub`` and a client of one fakeredis server (redis-py's
own client API, Lua scripts included), so the services run unchanged.
"""

from dataclasses import dataclass, field
from typing import Protocol

import fakeredis
from redis.asyncio import BlockingConnectionPool, Redis

from shared.broker import Broker
from shared.broker.memory import MemoryHub
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
        return Redis(connection_pool=pool)


@dataclass(frozen=True)
class InMemoryBackends:
    hub: MemoryHub = field(default_factory=MemoryHub)
    server: fakeredis.FakeServer = field(default_factory=fakeredis.FakeServer)

    async def open_broker(self, service: str, *, publish_timeout: float = 5.0) -> Broker:
        return self.hub.connect(service)

    def open_store(self, *, max_connections: int = 32, socket_timeout: float = 2.0) -> Redis:
        """Like the network store, commands beyond ``max_connections`` wait for a connection."""
        return fakeredis.FakeAsyncRedis(
            server=self.server, connection_pool_class=BlockingConnectionPool, max_connections=max_connections
        )
