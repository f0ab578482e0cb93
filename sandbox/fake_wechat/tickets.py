"""JS-SDK (``jsapi``) and card (``wx_card``) tickets: a new one per call, the last kept per app and type."""

import secrets
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

TICKET_TYPES = frozenset({"jsapi", "wx_card"})


@dataclass(slots=True)
class Ticket:
    value: str
    app_id: str
    type: str
    issued_at: float
    expires_at: float

    def expires_in(self, now: float) -> int:
        return max(0, int(self.expires_at - now + 1e-3))

    def describe(self, now: float) -> dict[str, Any]:
        return {
            "ticket": self.value,
            "app_id": self.app_id,
            "type": self.type,
            "status": "valid" if now < self.expires_at else "expired",
            "issued_at": self.issued_at,
            "expires_at": self.expires_at,
        }


class TicketBook:
    def __init__(self) -> None:
        self._latest: dict[tuple[str, str], Ticket] = {}

    def issue(self, app_id: str, ticket_type: str | None, now: float, *, lifetime: float) -> Ticket:
        if ticket_type not in TICKET_TYPES:
            raise ApiError(ErrCode.INVALID_ARGS)
        ticket = Ticket(secrets.token_urlsafe(64), app_id, ticket_type, issued_at=now, expires_at=now + lifetime)
        self._latest[(app_id, ticket_type)] = ticket
        return ticket

    def expire(self, app_id: str, now: float) -> None:
        for (owner, _), ticket in self._latest.items():
            if owner == app_id and ticket.expires_at > now:
                ticket.expires_at = now

    def of_app(self, app_id: str) -> list[Ticket]:
        return [ticket for (owner, _), ticket in self._latest.items() if owner == app_id]
