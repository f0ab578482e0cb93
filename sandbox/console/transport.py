"""The console's outbound HTTP: a callback to the gateway, a stats read from the dispatcher."""

from dataclasses import dataclass
from typing import Any

import aiohttp

from shared.simulator import SignedCallback

# WeChat waits 5 seconds for an answer, then gives up on it (and retries).
WECHAT_WAIT_SECONDS = 5.0
STATS_WAIT_SECONDS = 10.0


class Unreachable(Exception):
    """No HTTP answer came back; the reason is safe to show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def _reason(what: str, exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return f"{what} did not answer within the time WeChat waits"
    return f"{what} unreachable: {type(exc).__name__}: {exc}"


async def post_callback(
    session: aiohttp.ClientSession,
    gateway_url: str,
    app_id: str,
    callback: SignedCallback,
    *,
    wait: float = WECHAT_WAIT_SECONDS,
) -> Answer:
    url = f"{gateway_url}/wechat/{app_id}?{callback.query_string}"
    headers = {"Content-Type": "text/xml", "User-Agent": "Mozilla/4.0 (sandbox console)"}
    try:
        async with session.post(
            url, data=callback.body, headers=headers, timeout=aiohttp.ClientTimeout(total=wait)
        ) as response:
            return Answer(response.status, await response.read())
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise Unreachable(_reason("gateway", exc)) from None


async def get_stats(
    session: aiohttp.ClientSession,
    dispatcher_url: str,
    app_id: str,
    *,
    api_key: str,
    query: dict[str, str],
    wait: float = STATS_WAIT_SECONDS,
) -> tuple[int, Any]:
    """The dispatcher's status and JSON answer for the app's stats."""
    url = f"{dispatcher_url}/v1/apps/{app_id}/stats"
    headers = {"Authorization": f"Bearer {api_key}"}
    try:
        async with session.get(
            url, params=query, headers=headers, timeout=aiohttp.ClientTimeout(total=wait)
        ) as response:
            try:
                return response.status, await response.json(content_type=None)
            except ValueError:
                raise Unreachable(f"dispatcher answered HTTP {response.status} without JSON") from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise Unreachable(_reason("dispatcher", exc)) from None
