"""What the web service keeps in Redis; every key expires, and no key holds a secret as it is.

- ``wxmp:web:login:{reference}`` a login's app, scope and ``return_to`` (10 min);
- ``wxmp:web:code:{h}`` what a code's exchange gave (an identity or WeChat's refusal),
  ``wxmp:web:code-pending:{h}`` held while one callback exchanges it; ``h`` is an HMAC
  of the app and the code under ``WEB_SESSION_SECRET``, never the code itself;
- ``wxmp:web:ticket:{sha256(ticket)}`` a ticket's answer (5 min), taken by ``GETDEL``:
  two concurrent redeems, one answer.
"""

import asyncio
import hashlib
import hmac
import itertools
import secrets
from collections.abc import Sequence

from services.web.records import Login
from shared.redis_batch import CommandBatcher

LOGIN_PREFIX = "wxmp:web:login:"
RESULT_PREFIX = "wxmp:web:code:"
PENDING_PREFIX = "wxmp:web:code-pending:"
TICKET_PREFIX = "wxmp:web:ticket:"
TICKET_LENGTH = 48  # 192 bits, in hex (a subset of [A-Za-z0-9])
_CODE_DOMAIN = b"wxmp.web.oauth-code.v1"


def new_ticket() -> str:
    return secrets.token_hex(TICKET_LENGTH // 2)


def well_formed_ticket(ticket: str) -> bool:
    return len(ticket) == TICKET_LENGTH and ticket.isascii() and ticket.isalnum()


class WebStore:
    """Every command goes through a ``CommandBatcher``: concurrent requests share a write and a read.
    Several batchers take turns, so one batch is on the wire while the next one gathers (no two
    commands of one request need an order between batchers: each awaits the one before)."""

    def __init__(
        self, batchers: Sequence[CommandBatcher], *, secret: bytes, login_ttl: int, ticket_ttl: int, result_ttl: int
    ) -> None:
        self._batchers = itertools.cycle(batchers)
        self._secret = secret
        self._login_ttl = login_ttl
        self._ticket_ttl = ticket_ttl
        self._result_ttl = result_ttl

    def _batcher(self) -> CommandBatcher:
        return next(self._batchers)

    def code_key(self, app_id: str, code: str) -> str:
        message = b"\x00".join((_CODE_DOMAIN, app_id.encode(), code.encode()))
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    async def save_login(self, reference: str, login: Login) -> None:
        await self._batcher().execute("SET", LOGIN_PREFIX + reference, login.encode(), "EX", self._login_ttl)

    async def login_and_result(self, reference: str, code_key: str | None) -> tuple[bytes | None, bytes | None]:
        """The login's record and, when there is a code, its exchange's result: one round trip."""
        if code_key is None:
            return await self._batcher().execute("GET", LOGIN_PREFIX + reference), None
        login, result = await self._batcher().execute("MGET", LOGIN_PREFIX + reference, RESULT_PREFIX + code_key)
        return login, result

    async def result(self, code_key: str) -> tuple[bytes | None, bool]:
        """The exchange's result, and whether a callback still holds its claim."""
        found, pending = await self._batcher().execute("MGET", RESULT_PREFIX + code_key, PENDING_PREFIX + code_key)
        return found, pending is not None

    async def claim(self, code_key: str, *, hold_seconds: float) -> tuple[bool, bytes | None]:
        """Whether this callback may exchange the code (no other one is doing it), and the result
        already kept for it, read after the claim in the same batch: a callback that kept its
        result and let go of its claim since this one last looked is seen here, not exchanged again."""
        batcher = self._batcher()
        claimed, kept = await asyncio.gather(
            batcher.submit("SET", PENDING_PREFIX + code_key, b"1", "NX", "PX", int(hold_seconds * 1000)),
            batcher.submit("GET", RESULT_PREFIX + code_key),
        )
        return claimed is not None, kept

    async def settle(self, code_key: str, result: bytes | None) -> None:
        """Keep the exchange's result (if any, and never over one kept before: WeChat's ``code been
        used`` must not replace the identity the code gave), then let go of the claim: in this
        order, in one batch."""
        batcher = self._batcher()
        keep = ("SET", RESULT_PREFIX + code_key, result, "EX", self._result_ttl, "NX")
        kept = [batcher.submit(*keep)] if result else []
        await asyncio.gather(*kept, batcher.submit("DEL", PENDING_PREFIX + code_key))

    async def issue_ticket(self, answer: bytes) -> str:
        ticket = new_ticket()
        await self._batcher().execute("SET", TICKET_PREFIX + _ticket_key(ticket), answer, "EX", self._ticket_ttl)
        return ticket

    async def redeem(self, ticket: str) -> bytes | None:
        found: bytes | None = await self._batcher().execute("GETDEL", TICKET_PREFIX + _ticket_key(ticket))
        return found


def _ticket_key(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()
