"""Access tokens: issue, supersede with a grace period, expire, and check — all over a given ``now``.

Two families per app, as at WeChat: ``/cgi-bin/token`` tokens and ``/cgi-bin/stable_token``
tokens never affect each other. Within a family only the newest token and its predecessor
(for ``grace_seconds``) are valid; a third issue ends the oldest one's grace at once.
"""

import math
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

# WeChat's tokens: a short generation number, "_", then 130-odd URL-safe characters.
TOKEN_SHAPE = re.compile(r"\d{2,3}_[A-Za-z0-9_-]{100,}")
_GENERATION = "86"


def new_token_value() -> str:
    return f"{_GENERATION}_{secrets.token_urlsafe(96)}"


class Family(StrEnum):
    TOKEN = "token"
    STABLE = "stable"


@dataclass(slots=True)
class Token:
    value: str
    app_id: str
    family: Family
    issued_at: float
    expires_at: float
    superseded_at: float | None = None
    # When a newer token ended this one's validity (superseded + grace); None while current.
    revoked_at: float | None = None

    def error_at(self, now: float) -> ErrCode | None:
        """Whichever ended the token first decides the code: its successor (40001) or its expiry (42001)."""
        if self.revoked_at is not None and self.revoked_at < self.expires_at and now >= self.revoked_at:
            return ErrCode.INVALID_CREDENTIAL
        if now >= self.expires_at:
            return ErrCode.ACCESS_TOKEN_EXPIRED
        return None

    def expires_in(self, now: float) -> int:
        return max(0, math.floor(self.expires_at - now + 1e-3))  # + 1e-3: float noise, not a second

    def status_at(self, now: float) -> str:
        error = self.error_at(now)
        if error is ErrCode.INVALID_CREDENTIAL:
            return "superseded"
        if error is ErrCode.ACCESS_TOKEN_EXPIRED:
            return "expired"
        return "valid" if self.superseded_at is None else "grace"

    def describe(self, now: float) -> dict[str, Any]:
        return {
            "access_token": self.value,
            "app_id": self.app_id,
            "family": self.family.value,
            "status": self.status_at(now),
            "issued_at": self.issued_at,
            "expires_at": self.expires_at,
            "superseded_at": self.superseded_at,
            "valid_until": self.expires_at if self.revoked_at is None else min(self.expires_at, self.revoked_at),
        }


class TokenBook:
    """Every token this fake issued, by value (a check is one dict lookup) and by app."""

    def __init__(self) -> None:
        self._by_value: dict[str, Token] = {}
        self._by_app: dict[str, list[Token]] = {}
        self._current: dict[tuple[str, Family], Token] = {}
        self._previous: dict[tuple[str, Family], Token] = {}

    def issue(self, app_id: str, family: Family, now: float, *, lifetime: float, grace: float) -> Token:
        key = (app_id, family)
        older = self._previous.get(key)
        if older is not None and (older.revoked_at is None or older.revoked_at > now):
            older.revoked_at = now  # only the newest two of a family are ever valid
        previous = self._current.get(key)
        if previous is not None:
            previous.superseded_at = now
            previous.revoked_at = now + grace
            self._previous[key] = previous
        token = Token(new_token_value(), app_id, family, issued_at=now, expires_at=now + lifetime)
        self._current[key] = token
        self._by_value[token.value] = token
        self._by_app.setdefault(app_id, []).append(token)
        return token

    def current(self, app_id: str, family: Family, now: float) -> Token | None:
        """The family's newest token while it is still valid."""
        token = self._current.get((app_id, family))
        return token if token is not None and token.error_at(now) is None else None

    def check(self, value: str | None, now: float) -> Token:
        if not value:
            raise ApiError(ErrCode.ACCESS_TOKEN_MISSING)
        token = self._by_value.get(value)
        if token is None:
            # Never issued here: a well-formed stranger is "invalid credential", garbage "invalid access_token".
            raise ApiError(ErrCode.INVALID_CREDENTIAL if TOKEN_SHAPE.fullmatch(value) else ErrCode.INVALID_ACCESS_TOKEN)
        error = token.error_at(now)
        if error is not None:
            raise ApiError(error)
        return token

    def owner(self, value: str | None) -> str | None:
        token = self._by_value.get(value) if value else None
        return token.app_id if token is not None else None

    def expire(self, app_id: str, now: float) -> None:
        """Every still-valid token of the app expires now (42001 from here on)."""
        for token in self._by_app.get(app_id, []):
            if token.error_at(now) is None:
                token.expires_at = now

    def of_app(self, app_id: str) -> list[Token]:
        return list(self._by_app.get(app_id, []))
