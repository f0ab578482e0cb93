"""OAuth ``state``: a sealed reference to what a login stored, within WeChat's rule.

WeChat passes ``state`` back unchanged but allows at most 128 characters of
``[A-Za-z0-9]``, so it cannot carry ``return_to``. It is 74 characters:

    reference (32 hex, random: 128 bits) | expires_at (10 digits, unix s) | MAC (32 hex)

The MAC (HMAC-SHA256 with ``WEB_SESSION_SECRET``, truncated to 128 bits) covers
the app, the reference and the expiry, so a state made for another app, altered,
forged or past its expiry is refused before Redis is asked; the comparison is
constant-time. The reference is the Redis key of the login's app, scope and
``return_to``.
"""

import functools
import hashlib
import hmac
import secrets
from typing import NamedTuple

REFERENCE_LENGTH = 32
_EXPIRY_DIGITS = 10
_MAC_LENGTH = 32
STATE_LENGTH = REFERENCE_LENGTH + _EXPIRY_DIGITS + _MAC_LENGTH
_DOMAIN = "wxmp.web.oauth-state.v1"


class BadState(ValueError):
    """A state to refuse; ``reason`` is one of malformed, forged, expired."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"state {reason}")
        self.reason = reason


class Sealed(NamedTuple):  # a tuple: made on every login, at half a frozen dataclass's cost
    reference: str
    expires_at: int
    state: str


def new_reference() -> str:
    return secrets.token_hex(REFERENCE_LENGTH // 2)


@functools.lru_cache(maxsize=8)
def _keyed(secret: bytes) -> "hmac.HMAC":
    """HMAC-SHA256 with the key already absorbed: each MAC copies it (a third of a fresh one's cost)."""
    return hmac.new(secret, digestmod=hashlib.sha256)


def _mac(secret: bytes, app_id: str, reference: str, expires_at: int) -> str:
    mac = _keyed(secret).copy()
    mac.update(f"{_DOMAIN}\x00{app_id}\x00{reference}\x00{expires_at}".encode())
    return mac.hexdigest()[:_MAC_LENGTH]


def seal(secret: bytes, app_id: str, *, now: float, ttl: int, reference: str | None = None) -> Sealed:
    reference = reference or new_reference()
    expires_at = int(now) + ttl
    state = f"{reference}{expires_at:0{_EXPIRY_DIGITS}d}{_mac(secret, app_id, reference, expires_at)}"
    return Sealed(reference, expires_at, state)


def open_state(secret: bytes, app_id: str, state: str, *, now: float) -> str:
    """The reference ``state`` seals for ``app_id``, or ``BadState``."""
    if len(state) != STATE_LENGTH or not state.isascii() or not state.isalnum():
        raise BadState("malformed")
    reference = state[:REFERENCE_LENGTH]
    expiry = state[REFERENCE_LENGTH : REFERENCE_LENGTH + _EXPIRY_DIGITS]
    mac = state[REFERENCE_LENGTH + _EXPIRY_DIGITS :]
    if not expiry.isdigit():
        raise BadState("malformed")
    expires_at = int(expiry)
    if not hmac.compare_digest(mac.encode(), _mac(secret, app_id, reference, expires_at).encode()):
        raise BadState("forged")
    if now >= expires_at:
        raise BadState("expired")
    return reference
