"""The typed WeChat API as the platform's services hold it: a ``WeChatApi`` over ``DirectTransport``,
its tokens from the real token service (over real Redis), against the fake WeChat."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from services.token.app import create_app
from shared.wechat.api import WeChatApi
from shared.wechat.token_provider import TokenProvider
from shared.wechat.transport import DirectTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, token_settings


@asynccontextmanager
async def direct_api(aiohttp_client: Any, fake: FakeWeChat) -> AsyncIterator[WeChatApi]:
    service = await aiohttp_client(create_app(token_settings(fake)))
    async with aiohttp.ClientSession() as session:
        tokens = TokenProvider(session, base_url=str(service.make_url("")), api_key=API_KEY)
        transport = DirectTransport(
            session, tokens, base_url=fake.base_url, mp_base_url=fake.base_url, backoff_seconds=0.01
        )
        yield WeChatApi(transport, fake.app_id)


async def calls(fake: FakeWeChat, path: str) -> int:
    """How many calls of ``path`` (WeChat's, with its leading slash) the fake received from the account."""
    counts: dict[str, dict[str, int]] = await fake.control("calls")
    return counts.get(path, {}).get(fake.app_id, 0)


async def fail(fake: FakeWeChat, path: str, errcode: int, count: int = 1) -> None:
    """The next ``count`` calls of ``path`` answer ``errcode``."""
    await fake.control("fail", {"path": path, "errcode": errcode, "count": count})
