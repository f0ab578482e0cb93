"""The dispatcher's analytics store over real Redis and over the in-memory store (each test runs on
both): exact counts per day and range, each event id counted once, concurrent writers, retention
TTLs, and range validation."""

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from redis.asyncio import Redis

from services.dispatcher.analytics import Analytics, DayStats, day_keys
from services.dispatcher.analytics_days import CHINA
from tests.conftest import matching_keys
from tests.contract.stores import STORES, StoreUnderTest, open_store

PREFIX = "wxmp:stats:"
DAY1, DAY2, DAY3 = "2024-05-01", "2024-05-02", "2024-05-03"
MIDNIGHT = int(datetime(2024, 5, 2, tzinfo=CHINA).timestamp())  # 2024-05-01T16:00:00Z
SHOP = "https://example.com/shop?from=menu"


@pytest.fixture(params=STORES)
async def store(request: pytest.FixtureRequest, app_id: str) -> AsyncIterator[StoreUnderTest]:
    """Real Redis, and the in-memory store of the single-process mode."""
    async with open_store(request, app_id) as opened:
        yield opened


@pytest.fixture
def redis(store: StoreUnderTest) -> Redis:
    return store.client


@pytest.fixture
async def cleanup(redis: Redis, app_id: str) -> AsyncIterator[None]:
    yield
    keys = await matching_keys(redis, f"{PREFIX}{app_id}:*")
    if keys:
        await redis.delete(*keys)


@pytest.fixture
async def analytics(cleanup: None, redis: Redis) -> AsyncIterator[Analytics]:
    analytics = Analytics(redis, retention_days=90, prefix=PREFIX)
    yield analytics
    await analytics.close()


def message(app_id: str, msg_id: int, user: str, msg_type: str, at: int) -> dict[str, Any]:
    return {
        "id": f"{app_id}:msg:{msg_id}",
        "app_id": app_id,
        "msg_type": msg_type,
        "event": None,
        "from_user": user,
        "to_user": "gh_account",
        "create_time": at,
        "msg_id": msg_id,
    }


def wechat_event(app_id: str, user: str, name: str, at: int, event_key: str | None = None) -> dict[str, Any]:
    return {
        "id": f"{app_id}:evt:{user}:{at}:{name}:{event_key}",
        "app_id": app_id,
        "msg_type": "event",
        "event": name,
        "from_user": user,
        "to_user": "gh_account",
        "create_time": at,
        "msg_id": None,
        "event_key": event_key,
    }


def script(app_id: str) -> list[dict[str, Any]]:
    """Day 1: seven followers; day 2: three (one of them new). Two events sit on China midnight."""
    d1, d2 = MIDNIGHT - 86_400 + 9 * 3600, MIDNIGHT + 10 * 3600
    return [
        message(app_id, 1, "alice", "text", d1),
        message(app_id, 2, "alice", "text", d1 + 60),
        message(app_id, 3, "bob", "image", d1 + 120),
        message(app_id, 4, "carol", "text", d1 + 180),
        wechat_event(app_id, "dave", "subscribe", d1 + 200, "qrscene_7"),
        wechat_event(app_id, "erin", "subscribe", d1 + 210, "qrscene_7"),
        wechat_event(app_id, "frank", "subscribe", d1 + 220),
        wechat_event(app_id, "bob", "unsubscribe", d1 + 230),
        wechat_event(app_id, "alice", "click", d1 + 240, "NEWS"),
        wechat_event(app_id, "carol", "click", d1 + 250, "NEWS"),
        wechat_event(app_id, "alice", "click", d1 + 260, "HELP"),
        wechat_event(app_id, "carol", "view", d1 + 270, SHOP),
        message(app_id, 5, "heidi", "text", MIDNIGHT - 1),  # 23:59:59 in Beijing: still day 1
        message(app_id, 6, "alice", "text", MIDNIGHT),  # 00:00:00 in Beijing: day 2
        message(app_id, 7, "grace", "image", d2),
        wechat_event(app_id, "dave", "click", d2 + 10, "HELP"),
        wechat_event(app_id, "grace", "subscribe", d2 + 20, "qrscene_7"),
    ]


def empty_day(app_id: str, date: str) -> DayStats:
    return {
        "app_id": app_id,
        "date": date,
        "total": 0,
        "unique_users": 0,
        "messages": {},
        "events": {},
        "subscribes": 0,
        "unsubscribes": 0,
        "subscribes_by_scene": {},
        "scans_by_scene": {},
        "menu_clicks": {},
        "menu_views": {},
    }


def expected_day1(app_id: str) -> DayStats:
    return empty_day(app_id, DAY1) | {
        "total": 13,
        "unique_users": 7,
        "messages": {"text": 4, "image": 1},
        "events": {"subscribe": 3, "unsubscribe": 1, "click": 3, "view": 1},
        "subscribes": 3,
        "unsubscribes": 1,
        "subscribes_by_scene": {"7": 2},
        "menu_clicks": {"NEWS": 2, "HELP": 1},
        "menu_views": {SHOP: 1},
    }


def expected_day2(app_id: str) -> DayStats:
    return empty_day(app_id, DAY2) | {
        "total": 4,
        "unique_users": 3,
        "messages": {"text": 1, "image": 1},
        "events": {"click": 1, "subscribe": 1},
        "subscribes": 1,
        "subscribes_by_scene": {"7": 1},
        "menu_clicks": {"HELP": 1},
    }


async def test_days_and_range_count_a_scripted_sequence_exactly(analytics: Analytics, app_id: str) -> None:
    assert [await analytics.record(event) for event in script(app_id)] == [True] * 17

    day1, day2 = expected_day1(app_id), expected_day2(app_id)
    assert await analytics.day(app_id, DAY1) == day1
    assert await analytics.day(app_id, DAY2) == day2
    assert await analytics.day(app_id, DAY3) == empty_day(app_id, DAY3)
    assert await analytics.range(app_id, DAY1, DAY2) == {
        "app_id": app_id,
        "from": DAY1,
        "to": DAY2,
        "days": [day1, day2],
        "totals": {
            "total": 17,
            "unique_users": 8,  # alice, dave and the others of day 1, and grace
            "messages": {"text": 5, "image": 2},
            "events": {"subscribe": 4, "unsubscribe": 1, "click": 4, "view": 1},
            "subscribes": 4,
            "unsubscribes": 1,
            "subscribes_by_scene": {"7": 3},
            "scans_by_scene": {},
            "menu_clicks": {"NEWS": 2, "HELP": 2},
            "menu_views": {SHOP: 1},
        },
    }
    with_empty_day = await analytics.range(app_id, DAY2, DAY3)
    assert with_empty_day["days"] == [day2, empty_day(app_id, DAY3)]
    assert with_empty_day["totals"]["unique_users"] == 3


async def test_a_client_that_decodes_responses_reads_the_same(
    store: StoreUnderTest, analytics: Analytics, app_id: str
) -> None:
    for event in script(app_id):
        await analytics.record(event)
    decoding = Analytics(store.decoding(), prefix=PREFIX)
    assert await decoding.range(app_id, DAY1, DAY2) == await analytics.range(app_id, DAY1, DAY2)
    assert await decoding.record(script(app_id)[0]) is False


async def test_an_event_id_counts_once(analytics: Analytics, app_id: str) -> None:
    click = wechat_event(app_id, "alice", "click", MIDNIGHT, "NEWS")
    assert await analytics.record(click) is True
    assert await analytics.record(click) is False
    assert await analytics.record(dict(click, event_key="OTHER")) is False  # the id decides, not the body

    same_id_at_once = message(app_id, 42, "bob", "text", MIDNIGHT)
    assert sorted(await asyncio.gather(*(analytics.record(same_id_at_once) for _ in range(20)))) == [False] * 19 + [
        True
    ]

    day = await analytics.day(app_id, DAY2)
    assert (day["total"], day["menu_clicks"], day["messages"], day["unique_users"]) == (2, {"NEWS": 1}, {"text": 1}, 2)


async def test_recording_goes_on_after_redis_forgets_its_scripts(
    analytics: Analytics, redis: Redis, app_id: str
) -> None:
    assert await analytics.record(message(app_id, 1, "alice", "text", MIDNIGHT)) is True
    await redis.script_flush()  # as after a Redis restart
    assert await analytics.record(message(app_id, 2, "bob", "text", MIDNIGHT)) is True
    assert await analytics.record(message(app_id, 2, "bob", "text", MIDNIGHT)) is False
    assert (await analytics.day(app_id, DAY2))["messages"] == {"text": 2}


async def test_concurrent_records_all_count(analytics: Analytics, app_id: str) -> None:
    # 200 at once: they go out to Redis in batches.
    events = [message(app_id, n, f"user{n % 50}", "text" if n % 4 else "image", MIDNIGHT + n) for n in range(200)]
    assert await asyncio.gather(*(analytics.record(event) for event in events)) == [True] * 200

    day = await analytics.day(app_id, DAY2)
    assert (day["total"], day["messages"], day["unique_users"]) == (200, {"text": 150, "image": 50}, 50)


async def test_every_key_expires_after_the_retention(cleanup: None, redis: Redis, app_id: str) -> None:
    retention_days = 3
    analytics = Analytics(redis, retention_days=retention_days, prefix=PREFIX)
    now = int(time.time())
    await analytics.record(wechat_event(app_id, "alice", "subscribe", now, "qrscene_1"))

    keys = day_keys(PREFIX, app_id, datetime.fromtimestamp(now, CHINA).date().isoformat())
    stored = sorted(key.decode() for key in await matching_keys(redis, f"{PREFIX}{app_id}:*"))
    assert stored == sorted([keys.counts, keys.users, keys.seen])
    for key in stored:
        ttl = await redis.ttl(key)
        assert retention_days * 86_400 < ttl <= (retention_days + 1) * 86_400 + 60, (key, ttl)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-05-02", "2024-05-01", "from must not be after to"),
        ("2024-01-01", "2024-04-02", "at most 92 days"),
        ("2024-02-30", "2024-03-01", "date must be YYYY-MM-DD"),
        ("2024-05-01", "05/02/2024", "date must be YYYY-MM-DD"),
    ],
)
async def test_range_rejects_bad_ranges(
    analytics: Analytics, redis: Redis, app_id: str, start: str, end: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        await analytics.range(app_id, start, end)
    with pytest.raises(ValueError, match="date must be YYYY-MM-DD"):
        await analytics.day(app_id, "2024-5-1")
    assert await matching_keys(redis, f"{PREFIX}{app_id}:*") == []


async def test_the_longest_range_reads(analytics: Analytics, app_id: str) -> None:
    await analytics.record(message(app_id, 1, "alice", "text", MIDNIGHT))
    stats = await analytics.range(app_id, "2024-04-01", "2024-07-01")
    assert (len(stats["days"]), stats["totals"]["total"], stats["totals"]["unique_users"]) == (92, 1, 1)
