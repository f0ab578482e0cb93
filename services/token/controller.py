"""One controller per account and credential kind, in every replica.

Serving: the in-memory copy while usable (dropped when another replica
announces a refresh), else Redis, else a refresh. Refreshing: one refresh at a
time per replica (callers share it), and across replicas whoever takes the
Redis lock fetches while the others poll Redis for the result — so N replicas
and M callers cause one upstream fetch. A passive refresh fetches only while the
caller's stale value is still the current one (compare-and-refresh). The quota
guard counts every fetch per China day and refuses past the limit.
"""

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from redis.exceptions import RedisError

from services.token.credentials import Credential, Kind, from_upstream, may_refresh_passively, next_proactive_refresh
from services.token.metrics import TokenMetrics
from services.token.store import CredentialStore
from services.token.upstream import Issued

log = structlog.get_logger(__name__)

Fetcher = Callable[[str | None], Awaitable[Issued]]
_POLL_SECONDS = 0.05


async def _stopped_within(stopping: asyncio.Event, seconds: float) -> bool:
    """Wait up to ``seconds``; True as soon as ``stopping`` is set."""
    try:
        await asyncio.wait_for(stopping.wait(), max(0.0, seconds))
    except TimeoutError:
        return False
    return True


class Refusal(Exception):
    """The service cannot hand out a credential now; ``code`` and ``message`` say why."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Policy:
    margin: float
    jitter: float
    min_interval: float
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
        """Compare-and-refresh: a new credential only if ``stale`` is still the current one."""
        current = await self._stored(fallback=self._memory)
        if current is not None and not may_refresh_passively(
            current, stale, self._clock(), min_interval=self._policy.min_interval
        ):
            self._remember(current)
            return current, False
        needed = self._passive_need(stale)
        credential = await self._shared(lambda: self._refresh(needed))
        if credential.value == stale and needed(credential):  # shared a refresh that kept it
            credential = await self._shared(lambda: self._refresh(needed))
        return credential, credential.value != stale

    @staticmethod
    def _newer_than(seen: Credential) -> Callable[[Credential | None], bool]:
        """Needed unless someone stored a credential fetched after ``seen``."""
        return lambda found: found is None or found.fetched_at <= seen.fetched_at

    def _passive_need(self, stale: str) -> Callable[[Credential | None], bool]:
        def needed(found: Credential | None) -> bool:
            return may_refresh_passively(found, stale, self._clock(), min_interval=self._policy.min_interval)

        return needed

    async def keep_fresh(self, stopping: asyncio.Event) -> None:
        """Replace the credential before it expires, whoever asks, until ``stopping`` is set."""
        backoff = 1.0
        while not stopping.is_set():
            try:
                seen = await self.current()
                wake = next_proactive_refresh(
                    seen, self._clock(), margin=self._policy.margin, jitter=self._policy.jitter,
                    floor=max(1.0, self._policy.min_interval),
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
                raise Refusal(429, "quota_guard", f"daily {self.kind.value} fetch limit reached for {self.app_id}")
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
