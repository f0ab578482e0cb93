"""The broker and store connections every service opens, and the readiness checks on them."""

from collections.abc import Iterable
from typing import Any, Protocol

import aio_pika
from aio_pika.abc import AbstractRobustConnection
from aiohttp import web
from redis.asyncio import BlockingConnectionPool, Redis

from shared.runtime import ReadinessCheck
from shared.settings import CommonSettings


async def connect_broker(settings: CommonSettings, service: str) -> AbstractRobustConnection:
    """A robust connection (reconnects every second while the broker is away), named
    ``wxmp-{service} {instance_id}`` for operators."""
    return await aio_pika.connect_robust(
        settings.amqp_url,
        reconnect_interval=1.0,
        client_properties={"connection_name": f"wxmp-{service} {settings.instance_id}"},
    )


def connect_redis(settings: CommonSettings, *, max_connections: int = 32, socket_timeout: float = 2.0) -> Redis:
    """A client whose pool waits (up to 5 s) for a free connection instead of failing."""
    pool = BlockingConnectionPool.from_url(
        settings.redis_url,
        max_connections=max_connections,
        timeout=5,
        socket_connect_timeout=1.0,
        socket_timeout=socket_timeout,
    )
    return Redis(connection_pool=pool)


class Connected(Protocol):
    @property
    def connection(self) -> AbstractRobustConnection: ...

    @property
    def redis(self) -> Redis: ...


def connection_checks(
    app: web.Application, key: web.AppKey[Any], checks: Iterable[str] = ("broker", "redis")
) -> dict[str, ReadinessCheck]:
    """``/readyz`` checks on the ``connection`` and ``redis`` of the service object at ``key``."""

    async def broker() -> bool:
        service: Connected | None = app.get(key)
        return service is not None and not service.connection.is_closed

    async def redis() -> bool:
        service: Connected | None = app.get(key)
        return service is not None and bool(await service.redis.ping())

    available: dict[str, ReadinessCheck] = {"broker": broker, "redis": redis}
    return {name: available[name] for name in checks}
