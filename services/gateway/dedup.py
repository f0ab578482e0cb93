"""De-duplication of WeChat's retries in Redis, shared by every gateway replica.

The first delivery of a callback claims its event id (``SET NX`` with a TTL)
as *pending*; once the broker confirms its event it is *confirmed*, and once
it knows its answer (no reply, or the plaintext reply XML) it records it. A
retry finds the claim and gets the recorded answer, waiting for it while the
first delivery is still at work. A first delivery that could not publish
releases its claim, so the retry publishes instead.
"""

import asyncio
import enum
import time
from dataclasses import dataclass

from shared.redis_batch import CommandBatcher

_POLL_SECONDS = 0.05


class State(enum.Enum):
    ABSENT = b""  # nobody holds the id (never seen, expired, or released)
    PENDING = b"P"  # the first delivery is publishing
    CONFIRMED = b"C"  # published and confirmed; the first delivery awaits its reply
    ANSWERED = b"A"  # the first delivery answered; ``reply_xml`` is what it sent


@dataclass(frozen=True)
class Seen:
    state: State
    reply_xml: bytes | None = None

    @classmethod
    def decode(cls, value: bytes | None) -> "Seen":
        if not value:
            return cls(State.ABSENT)
        state = State(value[:1])
        return cls(state, value[1:] or None if state is State.ANSWERED else None)


class DedupStore:
    def __init__(self, batcher: CommandBatcher, *, ttl_seconds: int, prefix: str = "wxmp:gateway:dedup:") -> None:
        self._batcher = batcher
        self._ttl = ttl_seconds
        self._prefix = prefix

    def _key(self, event_id: str) -> str:
        return self._prefix + event_id

    async def _set(self, event_id: str, value: bytes) -> None:
        await self._batcher.execute("SET", self._key(event_id), value, "EX", self._ttl)

    async def claim(self, event_id: str) -> Seen | None:
        """None when this delivery now owns the id; otherwise what the owner has done so far."""
        key = self._key(event_id)
        if await self._batcher.execute("SET", key, State.PENDING.value, "NX", "EX", self._ttl):
            return None
        return Seen.decode(await self._batcher.execute("GET", key))

    async def mark_confirmed(self, event_id: str) -> None:
        await self._set(event_id, State.CONFIRMED.value)

    def record(self, event_id: str, reply_xml: bytes | None) -> "asyncio.Future[object]":
        """Record the answer without waiting: WeChat's retry comes seconds later, and a
        retry that finds the event still *confirmed* waits for the record anyway."""
        value = State.ANSWERED.value + (reply_xml or b"")
        return self._batcher.submit("SET", self._key(event_id), value, "EX", self._ttl)

    async def release(self, event_id: str) -> None:
        await self._batcher.execute("DEL", self._key(event_id))

    async def wait_answer(self, event_id: str, *, deadline: float) -> Seen:
        """Poll until the owner answers or releases, or ``deadline`` (monotonic) passes."""
        while True:
            seen = Seen.decode(await self._batcher.execute("GET", self._key(event_id)))
            remaining = deadline - time.monotonic()
            if seen.state in (State.ANSWERED, State.ABSENT) or remaining <= 0:
                return seen
            await asyncio.sleep(min(_POLL_SECONDS, remaining))
