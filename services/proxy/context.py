"""The proxy's collaborators, reached through one typed app key."""

from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis

from services.proxy.forwarding import Forwarder
from services.proxy.metrics import ProxyMetrics
from services.proxy.quota import QuotaCounter
from shared.wechat.catalogue import Catalogue


@dataclass(frozen=True)
class Limits:
    json_bytes: int
    upload_bytes: int
    spool_memory_bytes: int


@dataclass(frozen=True)
class Proxy:
    catalogue: Catalogue
    accounts: frozenset[str]
    daily_limits: dict[str, int]
    limits: Limits
    forwarder: Forwarder
    quota: QuotaCounter
    metrics: ProxyMetrics
    redis: Redis


PROXY = web.AppKey("proxy", Proxy)
