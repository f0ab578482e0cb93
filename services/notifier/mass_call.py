"""The broadcast call itself (``mass/sendall`` or ``mass/send``): once, never again by itself.

A broadcast changes something, so this caller never repeats a call that -1, a timeout or a lost
answer ended: it raises ``WeChatError(-1)`` and the job resolves the outcome (``mass.py``). The one
call made again is one WeChat refused for its token, after a passive refresh. Unlike the typed
client it keeps the body of WeChat's 45065 ("this clientmsgid was broadcast already"), whose
``msg_id`` names the job that did go out: the answer a resend of a lost call gets.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.errors import TOKEN_ERRORS, ErrCode, WeChatError
from shared.wechat.models.mass import Broadcast
from shared.wechat.token_provider import TokenProvider

CLIENTMSGID_EXISTS = 45065  # the same clientmsgid was broadcast in the last 24 h (its msg_id in the answer)
CLIENTMSGID_TOO_FAST = 45066  # the same clientmsgid again within a minute: ask again later


@dataclass(frozen=True)
class Accepted:
    """WeChat has the job: ``repeat`` when this call was a repeat of one it had taken already (45065)."""

    msg_id: int
    msg_data_id: int | None
    repeat: bool


def _accepted(answer: dict[str, Any]) -> Accepted | None:
    errcode, msg_id, data_id = answer.get("errcode", 0) or 0, answer.get("msg_id"), answer.get("msg_data_id")
    if errcode not in (0, CLIENTMSGID_EXISTS) or isinstance(msg_id, bool):
        return None
    try:
        number = int(msg_id) if msg_id is not None else None
        data_number = int(data_id) if data_id is not None and not isinstance(data_id, bool) else None
    except (TypeError, ValueError):
        return None
    return Accepted(number, data_number, errcode == CLIENTMSGID_EXISTS) if number is not None else None


def _errcode(answer: dict[str, Any]) -> int:
    try:
        return int(answer.get("errcode") or ErrCode.SYSTEM_BUSY)
    except (TypeError, ValueError):
        return int(ErrCode.SYSTEM_BUSY)


class MassCaller:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        tokens: TokenProvider,
        *,
        base_url: str,
        timeout_seconds: float = 30.0,
        catalogue: Catalogue | None = None,
    ) -> None:
        self._session = session
        self._tokens = tokens
        self._base = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._catalogue = catalogue if catalogue is not None else default_catalogue()

    async def broadcast(self, app_id: str, broadcast: Broadcast, *, on_attempt: Callable[[], None]) -> Accepted:
        """Send ``broadcast``: the job WeChat took, or ``WeChatError`` (-1: the outcome is unknown)."""
        endpoint = self._catalogue[broadcast.path]
        token = await self._tokens.token(app_id)
        refreshed = False
        while True:
            on_attempt()
            answer = await self._once(endpoint.path, token, broadcast.body())
            accepted = _accepted(answer)
            if accepted is not None:
                return accepted
            errcode = _errcode(answer)  # 0 without a msg_id: taken, but which job is unknown
            if errcode in TOKEN_ERRORS and not refreshed:
                token, refreshed = await self._tokens.refresh(app_id, token), True
                continue
            raise WeChatError(errcode, str(answer.get("errmsg", "")))

    async def _once(self, path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
        url = f"{self._base}/{path}"
        try:
            async with self._session.post(
                url, params={"access_token": token}, json=body, timeout=self._timeout
            ) as response:
                if response.status >= 500:
                    raise WeChatError(ErrCode.SYSTEM_BUSY, f"HTTP {response.status} from WeChat")
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"WeChat unreachable: {type(exc).__name__}") from None
        if not isinstance(answer, dict):
            raise WeChatError(ErrCode.SYSTEM_BUSY, "malformed response from WeChat")
        return answer
