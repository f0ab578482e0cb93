"""The store's promises, each checked on real Redis and on the in-memory store (fakeredis).

The services use redis-py's asyncio client either way, with Lua scripts, pipelines and pub/sub;
these bodies run the store classes over both (``store``), so a command, script or reply shape
the in-memory store gets wrong fails here. Every key is named with the test's ``app_id``. The
StatusStore and Analytics tests in tests/integration run on both stores the same way."""

import asyncio
import time
from typing import cast

import pytest
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import ResponseError

from services.gateway.dedup import DedupStore, Seen, State
from services.notifier.rate import RateLimiter
from services.token.app import _listen_for_updates
from services.token.controller import CredentialController
from services.token.credentials import Credential, Kind, china_day
from services.token.store import UPDATES_CHANNEL, CredentialStore, parse_announcement
from shared.redis_batch import CommandBatcher
from tests.contract.stores import StoreUnderTest
from tests.waiting import WAIT, eventually

NOW = 1_700_000_000.0
DAY = 86_400


# --- keys, TTLs and locks --------------------------------------------------------------------------


async def test_px_sets_a_ttl_in_milliseconds_and_the_key_expires_after_it(store: Redis, app_id: str) -> None:
    key = f"wxmp:test:{app_id}:short"
    set_at = time.monotonic()
    assert await store.set(key, b"v", px=200)
    assert 0 < await store.pttl(key) <= 200

    async def gone() -> bool:
        return await store.get(key) is None

    await eventually(gone)
    assert time.monotonic() - set_at >= 0.19
    assert await store.pttl(key) == -2


async def test_ex_sets_a_ttl_in_seconds_and_expire_renews_it(store: Redis, app_id: str) -> None:
    key, plain = f"wxmp:test:{app_id}:long", f"wxmp:test:{app_id}:plain"
    await store.set(key, b"v", ex=60)
    await store.set(plain, b"v")
    assert await store.ttl(key) == 60 and 59_000 < await store.pttl(key) <= 60_000
    assert (await store.pttl(plain), await store.pttl(f"wxmp:test:{app_id}:missing")) == (-1, -2)

    assert await store.expire(plain, 30) and not await store.expire(f"wxmp:test:{app_id}:missing", 30)
    assert 29_000 < await store.pttl(plain) <= 30_000


async def test_set_nx_takes_a_key_once(store: Redis, app_id: str) -> None:
    key = f"wxmp:test:{app_id}:lock"
    assert await store.set(key, b"first", nx=True, px=60_000)
    assert not await store.set(key, b"second", nx=True, px=60_000)
    assert await store.get(key) == b"first"
    await store.delete(key)
    assert await store.set(key, b"third", nx=True, px=60_000)


# --- CredentialStore (token service) ---------------------------------------------------------------


def credential(value: str, *, fetched_at: float = NOW) -> Credential:
    return Credential(value=value, expires_at=fetched_at + 7200, fetched_at=fetched_at)


async def test_the_refresh_lock_has_one_owner_at_a_time(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    owner = await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30)
    assert owner is not None
    assert await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30) is None
    assert await credentials.acquire(app_id, Kind.JSAPI_TICKET, ttl=30) is not None  # one lock per kind
    assert 29_000 < await store.pttl(f"wxmp:token:{app_id}:access_token:lock") <= 30_000


async def test_a_lock_nobody_releases_expires(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    assert await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=0.1) is not None

    async def free() -> bool:
        return await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30) is not None

    assert await eventually(free) >= 0.05


async def test_only_the_owner_releases_the_lock(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    owner = await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30)
    assert owner is not None

    await credentials.release(app_id, Kind.ACCESS_TOKEN, "not-the-owner")
    assert await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30) is None

    await credentials.release(app_id, Kind.ACCESS_TOKEN, owner)
    assert await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30) is not None


async def test_only_the_lock_owners_write_lands_and_it_is_announced(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    owner = await credentials.acquire(app_id, Kind.ACCESS_TOKEN, ttl=30)
    assert owner is not None
    stale, fresh = credential("stale", fetched_at=NOW - 60), credential("fresh")
    async with store.pubsub(ignore_subscribe_messages=True) as pubsub:
        await pubsub.subscribe(UPDATES_CHANNEL)

        assert not await credentials.write(app_id, Kind.ACCESS_TOKEN, "not-the-owner", stale, now=NOW)
        assert await credentials.get(app_id, Kind.ACCESS_TOKEN) is None
        assert await credentials.write(app_id, Kind.ACCESS_TOKEN, owner, fresh, now=NOW)

        announced = await announcements_for(pubsub, app_id)
    assert await credentials.get(app_id, Kind.ACCESS_TOKEN) == fresh
    assert 7_199_000 < await store.pttl(f"wxmp:token:{app_id}:access_token") <= 7_200_000
    assert announced == (app_id, Kind.ACCESS_TOKEN, NOW)  # the first for this app: the owner's


async def announcements_for(pubsub: PubSub, app_id: str) -> tuple[str, Kind, float]:
    """The first announcement for ``app_id`` (other tests and services share the channel)."""
    async with asyncio.timeout(WAIT):
        while True:
            message = await pubsub.get_message(timeout=0.5)
            if message is not None and message["channel"] == UPDATES_CHANNEL.encode():
                announced = parse_announcement(message["data"].decode())
                if announced[0] == app_id:
                    return announced


async def test_the_update_listener_drops_copies_older_than_an_announcement(store: Redis, app_id: str) -> None:
    forgotten: list[float | None] = []

    class Controller:
        def forget(self, older_than: float | None = None) -> None:
            forgotten.append(older_than)

    controllers = {(app_id, Kind.JSAPI_TICKET): cast(CredentialController, Controller())}
    stopping = asyncio.Event()
    listener = asyncio.create_task(_listen_for_updates(store, controllers, stopping))
    credentials = CredentialStore(store)
    try:

        async def heard() -> bool:  # announce until the listener, subscribing meanwhile, hears one
            owner = await credentials.acquire(app_id, Kind.JSAPI_TICKET, ttl=30)
            assert owner is not None
            await credentials.write(app_id, Kind.JSAPI_TICKET, owner, credential("ticket"), now=NOW)
            await credentials.release(app_id, Kind.JSAPI_TICKET, owner)
            return bool(forgotten)

        await eventually(heard, every=0.05)
    finally:
        stopping.set()
        await asyncio.wait_for(listener, WAIT)
    assert set(forgotten) == {NOW}


async def test_fetch_counters_count_per_china_day_and_expire(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    counts = [await credentials.count_fetch(app_id, Kind.ACCESS_TOKEN, NOW) for _ in range(3)]
    other_kind = await credentials.count_fetch(app_id, Kind.JSAPI_TICKET, NOW)
    next_day = await credentials.count_fetch(app_id, Kind.ACCESS_TOKEN, NOW + DAY)

    assert (counts, other_kind, next_day) == ([1, 2, 3], 1, 1)
    key = f"wxmp:token:{app_id}:access_token:fetches:{china_day(NOW)}"
    assert await store.get(key) == b"3"
    assert 2 * DAY - 5 < await store.ttl(key) <= 2 * DAY


async def test_a_forced_refresh_is_reserved_at_most_once_per_interval(store: Redis, app_id: str) -> None:
    credentials = CredentialStore(store)
    assert await credentials.count_forced(app_id, NOW, min_interval=0.2) == 1
    assert await credentials.count_forced(app_id, NOW, min_interval=0.2) is None

    async def reserved() -> bool:
        return await credentials.count_forced(app_id, NOW, min_interval=0.2) == 2

    assert await eventually(reserved) >= 0.1


# --- RateLimiter (notifier) ------------------------------------------------------------------------


async def test_the_rate_limiter_spaces_turns_one_interval_apart(store: Redis, app_id: str) -> None:
    now = [NOW]
    limiter = RateLimiter(store, per_second=20, clock=lambda: now[0])  # turns 0.05 s apart
    key = f"wxmp:notifier:rate:{app_id}"
    waited = []
    for _ in range(3):  # three sends at one instant: now, now + 0.05 and now + 0.1
        start = time.monotonic()
        await limiter.wait_turn(app_id)
        waited.append(time.monotonic() - start)
        assert 0 < await store.pttl(key) <= 1_000 + 50 * len(waited) + 1

    assert await stored_time(store, key) == pytest.approx(NOW + 0.15)
    assert waited[1] >= 0.049 and waited[2] >= 0.099, waited

    now[0] = NOW + 10  # long idle: no debt carried over, the next turn is now
    await limiter.wait_turn(app_id)
    assert await stored_time(store, key) == pytest.approx(NOW + 10.05)


async def stored_time(store: Redis, key: str) -> float:
    """The limiter's stored time of the next free turn (unix seconds)."""
    raw = await store.get(key)
    assert raw is not None
    return float(raw)


# --- DedupStore over CommandBatcher (gateway) ------------------------------------------------------


@pytest.fixture
async def batcher(store: Redis) -> CommandBatcher:
    return CommandBatcher(store)


@pytest.fixture
def dedup(batcher: CommandBatcher, app_id: str) -> DedupStore:
    return DedupStore(batcher, ttl_seconds=60, prefix=f"wxmp:test:{app_id}:dedup:")


async def test_a_claim_follows_its_owner_from_pending_to_answered(store: Redis, dedup: DedupStore, app_id: str) -> None:
    assert await dedup.claim("evt-1") is None
    assert await dedup.claim("evt-1") == Seen(State.PENDING)
    await dedup.mark_confirmed("evt-1")
    assert await dedup.claim("evt-1") == Seen(State.CONFIRMED)
    await dedup.record("evt-1", b"<xml>reply</xml>")
    assert await dedup.claim("evt-1") == Seen(State.ANSWERED, b"<xml>reply</xml>")
    await dedup.record("evt-2", None)
    assert await dedup.claim("evt-2") == Seen(State.ANSWERED, None)
    assert 59 <= await store.ttl(f"wxmp:test:{app_id}:dedup:evt-1") <= 60


async def test_a_released_claim_can_be_taken_again(dedup: DedupStore) -> None:
    assert await dedup.claim("evt-1") is None
    await dedup.release("evt-1")
    assert await dedup.claim("evt-1") is None


async def test_of_concurrent_claims_in_one_batch_one_wins(dedup: DedupStore) -> None:
    claims = await asyncio.gather(*(dedup.claim("evt-1") for _ in range(10)))
    assert claims.count(None) == 1
    assert [seen for seen in claims if seen is not None] == [Seen(State.PENDING)] * 9


async def test_a_retry_waits_for_the_first_deliverys_answer(dedup: DedupStore) -> None:
    assert await dedup.claim("evt-1") is None
    await dedup.mark_confirmed("evt-1")
    retry = asyncio.create_task(dedup.wait_answer("evt-1", deadline=time.monotonic() + WAIT))
    await dedup.record("evt-1", b"<xml>late</xml>")
    assert await asyncio.wait_for(retry, WAIT) == Seen(State.ANSWERED, b"<xml>late</xml>")


async def test_a_failed_command_fails_only_its_caller_in_the_batch(
    store: Redis, batcher: CommandBatcher, app_id: str
) -> None:
    text, counter = f"wxmp:test:{app_id}:text", f"wxmp:test:{app_id}:counter"
    await store.set(text, b"not a number")
    calls = [batcher.execute("INCR", counter), batcher.execute("INCR", text), batcher.execute("INCR", counter)]
    results = await asyncio.gather(*calls, return_exceptions=True)
    assert results[0] == 1 and results[2] == 2
    assert isinstance(results[1], ResponseError)
    await batcher.drain()


# --- the client as the services open it ------------------------------------------------------------


async def test_a_burst_beyond_the_connection_pool_waits_for_connections(
    store_under_test: StoreUnderTest, app_id: str
) -> None:
    client = store_under_test.another(max_connections=16)  # as a service opens it, with a small pool
    key = f"wxmp:test:{app_id}:burst"
    replies = await asyncio.gather(*(client.incr(key) for _ in range(200)), return_exceptions=True)
    assert sorted(reply for reply in replies if isinstance(reply, int)) == list(range(1, 201)), {
        type(reply).__name__ for reply in replies if not isinstance(reply, int)
    }
