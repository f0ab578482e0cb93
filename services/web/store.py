"""What the web service keeps in Redis; every key expires, and no key holds a secret as it is.

- ``wxmp:web:login:{reference}`` a login's app, scope and ``return_to`` (10 min);
- ``wxmp:web:code:{h}`` what a code's exchange gave (an identity or WeChat's refusal),
  ``wxmp:web:code-pending:{h}`` held while one callback exchanges it; ``h`` is an HMAC
  of the app and the code under ``WEB_SESSION_SECRET``, never the code itself;
- ``wxmp:web:ticket:{sha256(ticket)}`` a ticket's answer (5 min), taken by ``GETDEL``:
  two concurrent redeems, one answer.
"""

import hashlib
import hmac
import secrets
from typing import Any

from redis.asyncio import Redis

from services.web.records import Login
from services.web.state import ALPHABET

LOGIN_PREFIX = "wxmp:web:login:"
RESULT_PREFIX = "wxmp:web:code:"
PENDING_PREFIX = "wxmp:web:code-pending:"
TICKET_PREFIX = "wxmp:web:ticket:"
TICKET_LENGTH = 32  # ~190 bits of [A-Za-z0-9]
_CODE_DOMAIN = b"wxmp.web.oauth-code.v1"


def new_ticket() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(TICKET_LENGTH))


def well_formed_ticket(ticket: str) -> bool:
    return len(ticket) == TICKET_LENGTH and ticket.isascii() and ticket.isalnum()


class WebStore:
    def __init__(self, redis: Redis, *, secret: bytes, login_ttl: int, ticket_ttl: int, result_ttl: int) -> None:
        self._redis = redis
        self._secret = secret
        self._login_ttl = login_ttl
        self._ticket_ttl = ticket_ttl
        self._result_ttl = result_ttl

    def code_key(self, app_id: str, code: str) -> str:
        message = b"\x00".join((_CODE_DOMAIN, app_id.encode(), code.encode()))
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    async def save_login(self, reference: str, login: Login) -> None:
        await self._redis.set(LOGIN_PREFIX + reference, login.encode(), ex=self._login_ttl)

    async def login_and_result(self, reference: str, code_key: str | None) -> tuple[bytes | None, bytes | None]:
        """The login's record and, when there is a code, its exchange's result: one round trip."""
        if code_key is None:
            return _bytes(await self._redis.get(LOGIN_PREFIX + reference)), None
        login, result = await self._redis.mget(LOGIN_PREFIX + reference, RESULT_PREFIX + code_key)
        return _bytes(login), _bytes(result)

    async def result(self, code_key: str) -> tuple[bytes | None, bool]:
        """The exchange's result, and whether a callback still holds its claim."""
        found, pending = await self._redis.mget(RESULT_PREFIX + code_key, PENDING_PREFIX + code_key)
        return _bytes(found), pending is not None

    async def claim(self, code_key: str, *, hold_seconds: float) -> bool:
        """Whether this callback exchanges the code (no other one is doing it)."""
        return bool(await self._redis.set(PENDING_PREFIX + code_key, b"1", nx=True, px=int(hold_seconds * 1000)))

    async def settle(self, code_key: str, result: bytes | None) -> None:
        """Keep the exchange's result (if any) and let go of the claim."""
        async with self._redis.pipeline(transaction=False) as pipe:
            if result is not None:
                pipe.set(RESULT_PREFIX + code_key, result, ex=self._result_ttl)
            pipe.delete(PENDING_PREFIX + code_key)
            await pipe.execute()

    async def issue_ticket(self, answer: bytes) -> str:
        ticket = new_ticket()
        await self._redis.set(TICKET_PREFIX + _ticket_key(ticket), answer, ex=self._ticket_ttl)
        return ticket

    async def redeem(self, ticket: str) -> bytes | None:
        return _bytes(await self._redis.getdel(TICKET_PREFIX + _ticket_key(ticket)))


def _ticket_key(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def _bytes(value: Any) -> bytes | None:
    """A value as the client gives it (bytes: no ``decode_responses``)."""
    return None if value is None else bytes(value)
