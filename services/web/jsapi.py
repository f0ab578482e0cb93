"""The accounts' jsapi_tickets, asked of the token service and kept in memory for a minute.

``/jssdk/{app_id}/config`` signs from memory, so a page's config costs no call;
the token service (which refreshes tickets before they expire) is asked again
after ``refresh_seconds``, one request per account at a time. If it cannot
answer, a ticket still well inside its life keeps serving.
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog

from services.web.token_client import TokenServiceClient, Unavailable

log = structlog.get_logger(__name__)

# A ticket this close to its expiry is not handed to a page (its config could fail mid-load).
EXPIRY_MARGIN_SECONDS = 30


@dataclass(frozen=True)
class _Held:
    ticket: str
    expires_at: float
    asked_at: float


class JsapiTickets:
    def __init__(
        self, token_service: TokenServiceClient, *, refresh_seconds: float, clock: Callable[[], float] = time.time
    ) -> None:
        self._token_service = token_service
        self._refresh = refresh_seconds
        self._clock = clock
        self._held: dict[str, _Held] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def _fresh(self, held: _Held | None, now: float) -> bool:
        return (
            held is not None and now - held.asked_at < self._refresh and now < held.expires_at - EXPIRY_MARGIN_SECONDS
        )

    async def ticket(self, app_id: str) -> str:
        held = self._held.get(app_id)
        if self._fresh(held, self._clock()):
            assert held is not None
            return held.ticket
        async with self._locks.setdefault(app_id, asyncio.Lock()):
            held = self._held.get(app_id)
            now = self._clock()
            if self._fresh(held, now):
                assert held is not None
                return held.ticket
            try:
                ticket, expires_at = await self._token_service.jsapi_ticket(app_id)
            except Unavailable as exc:
                if held is not None and now < held.expires_at - EXPIRY_MARGIN_SECONDS:
                    log.warning("jsapi_ticket_kept", app_id=app_id, reason=exc.reason)
                    return held.ticket
                raise
            self._held[app_id] = _Held(ticket, expires_at, now)
            return ticket
