"""The readiness checks on a service's broker and store."""

from collections.abc import Iterable
from typing import Any, Protocol

from aiohttp import web
from redis.asyncio import Redis

from shared.broker import Broker
from shared.runtime import ReadinessCheck


class Connected(Protocol):
    @property
    def broker(self) -> Broker: ...

    @property
    def redis(self) -> Redis: ...


def connection_checks(
    app: web.Application, key: web.AppKey[Any], checks: Iterable[str] = ("broker", "redis")
) -> dict[str, ReadinessCheck]:
    """``/readyz`` checks on the ``broker`` and ``redis`` of the service object at ``key``."""

    async def broker() -> bool:
        service: Connected | None = app.get(key)
        return service is not None and service.broker.is_open

    async def redis() -> bool:
        service: Connected | None = app.get(key)
        return service is not None and bool(await service.redis.ping())

    available: dict[str, ReadinessCheck] = {"broker": broker, "redis": redis}
    return {name: available[name] for name in checks}
