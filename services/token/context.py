"""The token service's collaborators, reached through one typed app key."""

import time
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from redis.asyncio import Redis

from services.token.controller import CredentialController
from services.token.credentials import Kind
from services.token.metrics import TokenMetrics


@dataclass(frozen=True)
class Tokens:
    controllers: dict[tuple[str, Kind], CredentialController]
    metrics: TokenMetrics
    redis: Redis
    clock: Callable[[], float] = time.time  # the signatures' timestamps


TOKENS = web.AppKey("tokens", Tokens)
# The one HTTP session to WeChat: the credential fetchers', the OAuth exchange's and the quota clearer's.
WECHAT_SESSION = web.AppKey("wechat_session", aiohttp.ClientSession)
