"""Credentials in Redis, shared by every replica: fenced writes, the refresh lock, quota counters.

Keys, per account and kind: ``wxmp:token:{app}:{kind}`` the credential (JSON,
expiring with it), ``…:lock`` the refresh lock (owner id, with a TTL),
``…:fetches:{day}`` upstream fetches that China day. A write is fenced: it
lands only while the writer still owns the lock, so a replica whose lock
expired mid-fetch cannot overwrite a newer credential. Every write is announced
on ``wxmp:token:updates`` so replicas drop older in-memory copies.
"""

import secrets

from redis.asyncio import Redis

from services.token.credentials import Credential, Kind, china_day

UPDATES_CHANNEL = "wxmp:token:updates"
_DAY_SECONDS = 86_400

_FENCED_WRITE = """
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', KEYS[3], ARGV[4])
return 1
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def announcement(app_id: str, kind: Kind, credential: Credential) -> str:
    """What replicas hear on UPDATES_CHANNEL: ``{app_id}:{kind}:{fetched_at}``."""
    return f"{app_id}:{kind.value}:{credential.fetched_at!r}"


def parse_announcement(text: str) -> tuple[str, Kind, float]:
    app_id, kind, fetched_at = text.rsplit(":", 2)
    return app_id, Kind(kind), float(fetched_at)


def _key(app_id: str, kind: Kind) -> str:
    return f"wxmp:token:{app_id}:{kind.value}"


class CredentialStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._fenced_write = redis.register_script(_FENCED_WRITE)
        self._release = redis.register_script(_RELEASE)

    async def get(self, app_id: str, kind: Kind) -> Credential | None:
        raw = await self._redis.get(_key(app_id, kind))
        return Credential.from_json(raw) if raw else None

    async def acquire(self, app_id: str, kind: Kind, ttl: float) -> str | None:
        """The owner id if this caller now holds the refresh lock, else None."""
        owner = secrets.token_hex(8)
        acquired = await self._redis.set(_key(app_id, kind) + ":lock", owner, nx=True, px=int(ttl * 1000))
        return owner if acquired else None

    async def release(self, app_id: str, kind: Kind, owner: str) -> None:
        await self._release(keys=[_key(app_id, kind) + ":lock"], args=[owner])

    async def write(self, app_id: str, kind: Kind, owner: str, credential: Credential, now: float) -> bool:
        """Store ``credential`` if ``owner`` still holds the lock; True when it landed."""
        ttl_ms = max(1, int((credential.expires_at - now) * 1000))
        key = _key(app_id, kind)
        landed = await self._fenced_write(
            keys=[key, key + ":lock", UPDATES_CHANNEL],
            args=[owner, credential.to_json(), ttl_ms, announcement(app_id, kind, credential)],
        )
        return bool(landed)

    async def count_fetch(self, app_id: str, kind: Kind, now: float) -> int:
        """Count one upstream fetch today (China time); the day's total so far."""
        return await self._count_today(f"{_key(app_id, kind)}:fetches", now)

    async def count_forced(self, app_id: str, now: float, *, min_interval: float) -> int | None:
        """Reserve a stable_token force_refresh: today's count, or None when the last one
        was less than ``min_interval`` ago."""
        base = f"wxmp:token:{app_id}:force"
        if not await self._redis.set(base + ":recent", "1", nx=True, px=max(1, int(min_interval * 1000))):
            return None
        return await self._count_today(base, now)

    async def _count_today(self, base: str, now: float) -> int:
        """Add one to today's (China day) counter under ``base``; today's count."""
        key = f"{base}:{china_day(now)}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 2 * _DAY_SECONDS)
            count, _ = await pipe.execute()
        return int(count)
