"""One HTTP call to the WeChat API: its answer, or ``WeChatError``.

A transport failure, a timeout, an HTTP 5xx or a body that is not JSON counts
as WeChat's -1 ("system busy, retry"), so every caller's retry policy sees one
kind of error.
"""

from typing import Any

import aiohttp

from shared.wechat.errors import ErrCode, WeChatError, check


async def call_wechat(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    params: dict[str, str] | None = None,
    json: Any = None,
    within: aiohttp.ClientTimeout,
) -> dict[str, Any]:
    try:
        async with session.request(method, url, params=params, json=json, timeout=within) as response:
            if response.status >= 500:
                raise WeChatError(ErrCode.SYSTEM_BUSY, f"HTTP {response.status} from WeChat")
            return check(await response.json(content_type=None))
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise WeChatError(ErrCode.SYSTEM_BUSY, f"WeChat unreachable: {type(exc).__name__}") from None
