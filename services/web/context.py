"""The web service's collaborators, reached through one typed app key."""

from collections.abc import Mapping
from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis

from services.web.hosts import AllowedHosts
from services.web.jsapi import JsapiTickets
from services.web.logins import Logins
from services.web.metrics import WebMetrics
from services.web.store import WebStore


@dataclass(frozen=True)
class Web:
    hosts: Mapping[str, AllowedHosts]  # by AppId: the hosts its pages may live on
    logins: Logins
    store: WebStore
    jsapi_tickets: JsapiTickets
    metrics: WebMetrics
    redis: Redis


WEB = web.AppKey("web", Web)
