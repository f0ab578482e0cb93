"""The gateway's collaborators, built once at startup and reached through one typed app key."""

from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis

from services.gateway.flow import CallbackFlow
from services.gateway.metrics import GatewayMetrics
from services.gateway.settings import GatewaySettings
from shared.accounts import Account
from shared.broker import Broker


@dataclass(frozen=True)
class Gateway:
    settings: GatewaySettings
    accounts: dict[str, Account]
    metrics: GatewayMetrics
    flow: CallbackFlow
    broker: Broker
    redis: Redis


GATEWAY = web.AppKey("gateway", Gateway)
