"""Per-account send rate shared by every replica: GCRA in Redis, so sends are spaced evenly
(1/rate apart) rather than bunched at window edges."""

import asyncio
import random
import time
from collections.abc import Callable

from redis.asyncio import Redis

# Reserve the next slot: returns the seconds this caller waits before sending.
_RESERVE = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(tat, now)
redis.call('SET', KEYS[1], tostring(start + interval), 'PX', math.ceil((start + interval - now) * 1000) + 1000)
return tostring(start - now)
"""


class RateLimiter:
    def __init__(self, redis: Redis, per_second: float, *, clock: Callable[[], float] = time.time) -> None:
        self._interval = 1.0 / per_second if per_second > 0 else 0.0
        self._reserve = redis.register_script(_RESERVE)
        self._clock = clock

    async def wait_turn(self, app_id: str) -> None:
        if not self._interval:
            return
        wait = float(await self._reserve(keys=[f"wxmp:notifier:rate:{app_id}"], args=[self._clock(), self._interval]))
        if wait > 0:
            await asyncio.sleep(wait)


def backoff(base: float, cap: float) -> Callable[[int], float]:
    """Seconds before retry ``attempt``: exponential, jittered ±50 %, capped."""

    def delay(attempt: int) -> float:
        return float(min(cap, base * 2.0 ** (attempt - 1)) * random.uniform(0.5, 1.5))

    return delay
