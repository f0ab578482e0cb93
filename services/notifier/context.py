"""The notifier's collaborators, reached through one typed app key."""

from dataclasses import dataclass

from aio_pika.abc import AbstractExchange, AbstractRobustConnection
from aiohttp import web
from redis.asyncio import Redis

from services.notifier.metrics import NotifierMetrics
from services.notifier.status import StatusStore


@dataclass(frozen=True)
class Notifier:
    accounts: frozenset[str]
    status: StatusStore
    commands: AbstractExchange  # on a channel with publisher confirms
    metrics: NotifierMetrics
    connection: AbstractRobustConnection
    redis: Redis
    max_batch_size: int


NOTIFIER = web.AppKey("notifier", Notifier)
