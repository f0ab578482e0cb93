"""The dispatcher's collaborators, reached through one typed app key."""

from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis

from services.dispatcher.analytics import Analytics
from services.dispatcher.metrics import DispatcherMetrics
from services.dispatcher.rules_reload import RulesHolder
from shared.broker import Broker


@dataclass(frozen=True)
class Dispatcher:
    accounts: frozenset[str]
    analytics: Analytics
    rules: RulesHolder
    metrics: DispatcherMetrics
    broker: Broker
    redis: Redis


DISPATCHER = web.AppKey("dispatcher", Dispatcher)
