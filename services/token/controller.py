"""One controller per account and credential kind, in every replica.

Serving: the in-memory copy while usable (dropped when another replica
announces a refresh), else Redis, else a refresh. Refreshing: one refresh at a
time per replica (callers share it), and across replicas whoever takes the
Redis lock fetches while the others poll Redis for the result — so N replicas
and M callers cause one upstream fetch. A passive refresh fetches at once while
the caller's stale value is still the current one (compare-and-refresh), and
never answers with that stale value: WeChat rejected it, so the answer is a new
credential or a refusal. The quota guard counts every fetch per China day and
refuses past the limit. A refusal that says when to come back (quota, stable_token
force budget) is remembered for the stale value it answered, so callers reporting
the same credential meanwhile are refused without another upstream call.
"""

import asyncio
import functools
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from redis.exceptions import RedisError

from services.token.credentials import (
    Credential,
    Kind,
    from_upstream,
    may_refresh_passively,
    next_proactive_refresh,
    seconds_to_next_china_day,
)
from services.token.metrics import TokenMetrics
from services.token.store import CredentialStore
from services.token.upstream import Issued

log = structlog.get_logger(__name__)

Fetcher = Callable[[str | None], Awaitable[Issued]]
_POLL_SECONDS = 0.05
# Refreshes a passive refresh may join or run before giving up: one it joined may have been
# started for another reason (a cold start, the proactive loop) and kept the stale value.
_PASSIVE_ROUNDS = 3


async def _stopped_within(stopping: asyncio.Event, seconds: float) -> bool:
    """Wait up to ``seconds``; True as soon as ``stopping`` is set."""
    try:
        await asyncio.wait_for(stopping.wait(), max(0.0, seconds))
    except TimeoutError:
        return False
    return True


class Refusal(Exception):
    """The service cannot hand out a credential now; ``code`` and ``message`` say why,
    ``retry_after`` (seconds) when asking again can succeed, if known."""

    def __init__(self, status: int, code: str, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = None if retry_after is None else max(1, math.ceil(retry_after))


@dataclass(frozen=True)
class _Refused:
    """A refusal answered to a passive refresh of ``stale``, valid until ``until`` (unix seconds)."""

    stale: str
    until: float
    refusal: Refusal

    def again(self, now: float) -> Refusal:
        r = self.refusal
        return Refusal(r.status, r.code, r.message, retry_after=self.until - now)


@dataclass(frozen=True)
class Policy:
    margin: float
    jitter: float
    proactive_floor: float  # the proactive loop never wakes sooner (a passive refresh is never held back)
    daily_limit: int
    lock_ttl: float


class CredentialController:
    def __init__(
        self,
        app_id: str,
        kind: Kind,
        *,
        store: CredentialStore,
        fetch: Fetcher,
        policy: Policy,
        metrics: TokenMetrics,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app_id = app_id
        self.kind = kind
        self._store = store
        self._fetch = fetch
        self._policy = policy
        self._metrics = metrics
        self._clock = clock
        self._memory: Credential | None = None
        self._inflight: asyncio.Task[Credential] | None = None
        self._refused: _Refused | None = None

    def forget(self, older_than: float | None = None) -> None:
        """Stop serving the copy in memory: any copy, or one fetched before ``older_than``
        (another replica announced a credential fetched then)."""
        if older_than is None or (self._memory is not None and self._memory.fetched_at < older_than):
            self._memory = None

    async def current(self) -> Credential:
        now = self._clock()
        memory = self._memory
        if memory is not None and memory.usable(now):
            return memory
        stored = await self._stored(fallback=memory)
        if stored is not None and stored.usable(now):
            self._remember(stored)
            return stored
        return await self._shared(lambda: self._refresh(lambda found: found is None or not found.usable(self._clock())))

    async def refresh_stale(self, stale: str) -> tuple[Credential, bool]:
        """Compare-and-refresh: the current credential if ``stale`` is no longer it, else a new
        one at once (True). Never ``stale`` itself: a refusal when no new one can be had."""
        current = await self._stored(fallback=self._memory)
        if current is not None and not may_refresh_passively(current, stale):
            self._remember(current)
            return current, False
        refused = self._refused
        if refused is not None and refused.stale == stale and self._clock() < refused.until:
            raise refused.again(self._clock())
        needed = self._passive_need(stale)
        for _ in range(_PASSIVE_ROUNDS):
            credential = await self._shared(functools.partial(self._refresh_passively, stale, needed))
            if not needed(credential):
                return credential, True
        log.error("refresh_kept_rejected_credential", app_id=self.app_id, kind=self.kind.value)
        raise Refusal(502, "refresh_failed", f"no new {self.kind.value} could be had; try again")

    async def _refresh_passively(self, stale: str, needed: Callable[[Credential | None], bool]) -> Credential:
        try:
            return await self._refresh(needed)
        except Refusal as exc:
            if exc.retry_after is not None:  # set before any caller sharing this refresh resumes
                self._refused = _Refused(stale, self._clock() + exc.retry_after, exc)
            raise

    @staticmethod
    def _newer_than(seen: Credential) -> Callable[[Credential | None], bool]:
        """Needed unless someone stored a credential fetched after ``seen``."""
        return lambda found: found is None or found.fetched_at <= seen.fetched_at

    @staticmethod
    def _passive_need(stale: str) -> Callable[[Credential | None], bool]:
        return functools.partial(may_refresh_passively, stale=stale)

    async def keep_fresh(self, stopping: asyncio.Event) -> None:
        """Replace the credential before it expires, whoever asks, until ``stopping`` is set."""
        backoff = 1.0
        while not stopping.is_set():
            try:
                seen = await self.current()
                wake = next_proactive_refresh(
                    seen, self._clock(), margin=self._policy.margin, jitter=self._policy.jitter,
                    floor=max(1.0, self._policy.proactive_floor),
                )  # fmt: skip
                if await _stopped_within(stopping, wake - self._clock()):
                    return
                await self._shared(functools.partial(self._refresh, self._newer_than(seen)))
                backoff = 1.0
            except Exception as exc:  # noqa: BLE001 - an upstream or store failure must not end the loop
                log.warning("proactive_refresh_failed", app_id=self.app_id, kind=self.kind.value, error=str(exc))
                if await _stopped_within(stopping, backoff):
                    return
                backoff = min(backoff * 2, 60.0)

    def _remember(self, credential: Credential) -> None:
        self._memory = credential
        self._metrics.expires_in.labels(self.app_id, self.kind.value).set(credential.expires_at - self._clock())

    async def _stored(self, *, fallback: Credential | None) -> Credential | None:
        try:
            return await self._store.get(self.app_id, self.kind)
        except RedisError as exc:
            self._metrics.store_errors.inc()
            if fallback is not None and self._clock() < fallback.expires_at:
                log.warning("store_unavailable_serving_memory", app_id=self.app_id, kind=self.kind.value)
                return fallback
            raise Refusal(503, "store_unavailable", f"credential store unavailable: {type(exc).__name__}") from None

    async def _shared(self, refresh: Callable[[], Awaitable[Credential]]) -> Credential:
        """Callers in this replica share one refresh at a time."""
        if self._inflight is None or self._inflight.done():
            self._inflight = asyncio.ensure_future(refresh())
        return await asyncio.shield(self._inflight)

    async def _refresh(self, needed: Callable[[Credential | None], bool]) -> Credential:
        deadline = self._clock() + self._policy.lock_ttl + 2
        try:
            while True:
                owner = await self._store.acquire(self.app_id, self.kind, self._policy.lock_ttl)
                if owner is not None:
                    return await self._refresh_holding(owner, needed)
                await asyncio.sleep(_POLL_SECONDS)
                found = await self._store.get(self.app_id, self.kind)
                if not needed(found) and found is not None:
                    self._remember(found)
                    return found
                if self._clock() > deadline:
                    raise Refusal(503, "refresh_stuck", "another replica's refresh did not finish in time")
        except RedisError as exc:
            self._metrics.store_errors.inc()
            raise Refusal(503, "store_unavailable", f"credential store unavailable: {type(exc).__name__}") from None

    async def _refresh_holding(self, owner: str, needed: Callable[[Credential | None], bool]) -> Credential:
        try:
            found = await self._store.get(self.app_id, self.kind)
            if found is not None and not needed(found):
                self._remember(found)
                return found
            now = self._clock()
            if await self._store.count_fetch(self.app_id, self.kind, now) > self._policy.daily_limit:
                self._metrics.quota_refusals.labels(self.kind.value).inc()
                log.error("quota_guard_refused", app_id=self.app_id, kind=self.kind.value)
                raise Refusal(
                    429, "quota_guard", f"daily {self.kind.value} fetch limit reached for {self.app_id}",
                    retry_after=seconds_to_next_china_day(now),
                )  # fmt: skip
            stale = found.value if found is not None else None
            try:
                issued = await self._fetch(stale)
            except Exception:
                self._metrics.fetches.labels(self.kind.value, "error").inc()
                raise
            self._metrics.fetches.labels(self.kind.value, "ok").inc()
            credential = from_upstream(issued.value, issued.expires_in, self._clock())
            if not await self._store.write(self.app_id, self.kind, owner, credential, self._clock()):
                log.warning("fenced_out", app_id=self.app_id, kind=self.kind.value)
            self._remember(credential)
            log.info("credential_refreshed", app_id=self.app_id, kind=self.kind.value, expires_in=issued.expires_in)
            return credential
        finally:
            await self._store.release(self.app_id, self.kind, owner)
