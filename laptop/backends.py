"""The backends of the single-process mode: every service of the process gets a connection to one
``MemoryHub`` and a client of one fakeredis server (redis-py's own client API, Lua scripts
included), so the services run unchanged. Not for production: nothing is kept."""

from dataclasses import dataclass, field

import fakeredis
from redis.asyncio import BlockingConnectionPool, Redis

from shared.broker import Broker
from shared.broker.memory import MemoryHub


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
