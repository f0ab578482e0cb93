"""Per-account, per-endpoint daily call counts in Redis, and the quota guard.

Key per account and China day (UTC+8, the day WeChat's quotas reset on):
``wxmp:proxy:calls:{app_id}:{day}``, a hash of endpoint path → requests sent to WeChat that
day, retries included. One Lua script checks the guard and counts, atomically, so replicas
share one count and the guard never lets more through than it allows.

Without Redis the proxy fails open: calls go to WeChat uncounted (WeChat's own 45009
remains the last word), ``wxmp_proxy_quota_store_errors_total`` counts them and readiness
reports the store degraded. After a failure Redis is left alone for ``pause_seconds``, so an
outage costs the callers nothing but the counting.

Far below the guard, the count need not hold the call up: ``clear_of_guard`` says whether the
last count this process saw today leaves more than ``headroom(allowed)`` calls, and then the
call goes to WeChat while it is counted (unguarded). Every reply carries the count all replicas
made, so a replica's view lags by the calls the others made since its own last call; within
the headroom (1 % of what the guard allows, at least 1,000) a replica asks first again. An
endpoint whose guard allows fewer calls than the headroom is always asked first.
"""

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from shared.redis_batch import BatchedScript, CommandBatcher
from shared.wechat.endpoint import Endpoint

log = structlog.get_logger(__name__)

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
PREFIX = "wxmp:proxy:calls:"
TTL_SECONDS = 3 * 86_400
NO_GUARD = -1
HEADROOM_MIN = 1_000

# KEYS: the day's hash. ARGV: path, calls allowed (-1: no guard), TTL. {1, calls now} or {0, calls} refused.
_TAKE = """
if tonumber(ARGV[2]) >= 0 then
  local calls = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if calls >= tonumber(ARGV[2]) then return {0, calls} end
end
local calls = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, calls}
"""


def china_day(now: float) -> str:
    return datetime.fromtimestamp(now, CHINA).date().isoformat()


def day_key(app_id: str, day: str) -> str:
    return f"{PREFIX}{app_id}:{day}"


def daily_limits_of(endpoints: Iterable[Endpoint], overrides: Mapping[str, int]) -> dict[str, int]:
    """Each limited endpoint's daily limit: the catalogue's documented one, or the operator's override."""
    found = {e.path: e.daily_limit for e in endpoints if e.daily_limit is not None}
    return found | dict(overrides)


def allowed_calls(daily_limit: int | None, fraction: float) -> int:
    """How many calls the guard lets through a day (``NO_GUARD`` for an endpoint without a limit)."""
    return NO_GUARD if daily_limit is None else math.floor(daily_limit * fraction)


def headroom(allowed: int) -> int:
    """How far below what the guard allows a count must be for a call to go out while it is counted."""
    return max(HEADROOM_MIN, allowed // 100)


@dataclass(frozen=True, slots=True)
class Taken:
    allowed: bool
    calls: int | None  # the day's count after this call; None when Redis was unavailable


class QuotaCounter:
    def __init__(
        self,
        redis: Redis,
        *,
        on_store_error: Callable[[], None],
        pause_seconds: float = 5.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redis = redis
        self._batcher = CommandBatcher(redis)
        self._take = BatchedScript(self._batcher, _TAKE)
        self._on_store_error = on_store_error
        self._pause = pause_seconds
        self._clock = clock
        self._monotonic = monotonic
        self._paused_until = 0.0
        self._seen: dict[tuple[str, str], tuple[str, int]] = {}  # (app_id, path) → (China day, count)

    def clear_of_guard(self, app_id: str, path: str, allowed: int) -> bool:
        """Whether this call cannot be the one the guard refuses, by the last count seen today."""
        if allowed == NO_GUARD:
            return True
        seen = self._seen.get((app_id, path))
        if seen is None or seen[0] != china_day(self._clock()):
            return False
        return seen[1] + headroom(allowed) < allowed

    async def take(self, app_id: str, path: str, allowed: int) -> Taken:
        """Count one request to WeChat unless the guard (``allowed`` a day, ``NO_GUARD``) refuses it."""
        if self._monotonic() < self._paused_until:
            self._on_store_error()
            return Taken(True, None)
        day = china_day(self._clock())
        try:
            taken, calls = await self._take(keys=[day_key(app_id, day)], args=[path, allowed, TTL_SECONDS])
        except (RedisError, OSError) as exc:
            self._paused_until = self._monotonic() + self._pause
            self._on_store_error()
            log.warning("quota_store_unavailable", error=type(exc).__name__, uncounted_for_seconds=self._pause)
            return Taken(True, None)
        self._seen[(app_id, path)] = (day, int(calls))
        return Taken(bool(taken), int(calls))

    async def day(self, app_id: str) -> tuple[str, dict[str, int]]:
        """Today's China day and its counts by path (``RedisError`` when Redis is unavailable)."""
        day = china_day(self._clock())
        counts = await self._redis.hgetall(day_key(app_id, day))
        return day, {_text(path): int(calls) for path, calls in counts.items()}

    async def close(self) -> None:
        await self._batcher.drain()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def seconds_to_next_day(now: float | None = None) -> int:
    """Seconds until the next China day begins (and the guard lets calls through again)."""
    moment = datetime.fromtimestamp(time.time() if now is None else now, CHINA)
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), CHINA)
    return max(1, math.ceil((midnight - moment).total_seconds()))
