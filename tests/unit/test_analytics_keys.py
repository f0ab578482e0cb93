"""The pure core of the dispatcher's analytics: China days, the counters an event causes, keys."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.dispatcher.analytics import (
    DayKeys,
    counters_for,
    day_keys,
    day_of,
    event_keys,
    parse_day,
)
from services.dispatcher.analytics_counters import MAPS, TALLIES, add_fields, counts_from, decode_fields, field_of
from services.dispatcher.analytics_days import MAX_RANGE_DAYS, days_between

CHINA_NEW_YEAR = 1_704_038_400  # 2024-01-01T00:00:00+08:00 == 2023-12-31T16:00:00Z


def event(event_name: str, event_key: Any = None) -> dict[str, Any]:
    return {"msg_type": "event", "event": event_name, "event_key": event_key}


@pytest.mark.parametrize(
    ("create_time", "day"),
    [
        (CHINA_NEW_YEAR - 1, "2023-12-31"),  # 23:59:59 in Beijing, 15:59:59 UTC
        (CHINA_NEW_YEAR, "2024-01-01"),  # midnight in Beijing while UTC is still on Dec 31
        (CHINA_NEW_YEAR + 86_399, "2024-01-01"),
        (CHINA_NEW_YEAR + 86_400, "2024-01-02"),
        (0, "1970-01-01"),
    ],
)
def test_day_of_is_the_china_day(create_time: int, day: str) -> None:
    assert day_of(create_time) == day


@pytest.mark.parametrize(
    ("given_event", "counters"),
    [
        ({"msg_type": "text", "event": None}, [("messages", "text")]),
        ({"msg_type": "image", "event": None}, [("messages", "image")]),
        ({"msg_type": "miniprogrampage"}, [("messages", "miniprogrampage")]),
        ({"msg_type": "TEXT"}, [("messages", "text")]),
        ({}, [("messages", "unknown")]),
        (
            event("subscribe", "qrscene_123"),
            [("events", "subscribe"), ("subscribes", ""), ("subscribes_by_scene", "123")],
        ),
        (
            event("subscribe", "qrscene_abc:1"),
            [("events", "subscribe"), ("subscribes", ""), ("subscribes_by_scene", "abc:1")],
        ),
        (event("subscribe"), [("events", "subscribe"), ("subscribes", "")]),
        (event("subscribe", ""), [("events", "subscribe"), ("subscribes", "")]),
        (event("subscribe", "qrscene_"), [("events", "subscribe"), ("subscribes", "")]),
        (event("unsubscribe"), [("events", "unsubscribe"), ("unsubscribes", "")]),
        (event("scan", "123"), [("events", "scan"), ("scans_by_scene", "123")]),
        (event("scan", 123), [("events", "scan"), ("scans_by_scene", "123")]),
        (event("click", "NEWS"), [("events", "click"), ("menu_clicks", "NEWS")]),
        (event("CLICK", "news"), [("events", "click"), ("menu_clicks", "news")]),
        (event("click", ""), [("events", "click")]),
        (event("view", "https://example.com/a?b=1"), [("events", "view"), ("menu_views", "https://example.com/a?b=1")]),
        (event("location"), [("events", "location")]),
        (event("templatesendjobfinish"), [("events", "templatesendjobfinish")]),
        (event("some_new_event", "k"), [("events", "some_new_event")]),
        ({"msg_type": "event", "event": None}, [("events", "unknown")]),
    ],
)
def test_counters_for(given_event: dict[str, Any], counters: list[tuple[str, str]]) -> None:
    assert counters_for(given_event) == counters


def test_counter_fields() -> None:
    assert field_of(("messages", "text")) == "messages:text"
    assert field_of(("menu_views", "https://x/y")) == "menu_views:https://x/y"
    assert field_of(("subscribes", "")) == "subscribes"


def test_counts_read_back_from_fields() -> None:
    fields = {
        "messages:text": 3,
        "messages:image": 1,
        "events:subscribe": 2,
        "events:view": 1,
        "subscribes": 2,
        "subscribes_by_scene:7": 1,
        "menu_views:https://x/y": 1,
        "unsubscribes": 0,
        "from_a_newer_version:x": 9,  # ignored
        "messages": 5,  # a tally no group uses: ignored
    }
    counts = counts_from(fields, 4)
    assert counts == {
        "total": 7,
        "unique_users": 4,
        "messages": {"text": 3, "image": 1},
        "events": {"subscribe": 2, "view": 1},
        "subscribes": 2,
        "unsubscribes": 0,
        "subscribes_by_scene": {"7": 1},
        "scans_by_scene": {},
        "menu_clicks": {},
        "menu_views": {"https://x/y": 1},
    }


def test_nothing_recorded_reads_as_zeros() -> None:
    counts = counts_from({}, 0)
    assert counts["total"] == counts["subscribes"] == counts["unsubscribes"] == counts["unique_users"] == 0
    assert all(counts[group] == {} for group in ("messages", "events", "menu_clicks", "menu_views"))


def test_decode_and_add_fields() -> None:
    assert decode_fields([b"messages:text", b"2", "subscribes", "1"]) == {"messages:text": 2, "subscribes": 1}
    assert add_fields([{"a": 1, "b": 2}, {}, {"b": 3}]) == {"a": 1, "b": 5}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2024-1-01",
        "20240101",
        "2024-02-30",
        "2023-13-01",
        "2024-01-01T00:00",
        " 2024-01-01",
        "２０２４-01-01",
        None,
        20240101,
    ],
)
def test_parse_day_rejects(text: Any) -> None:
    with pytest.raises(ValueError, match="date must be YYYY-MM-DD"):
        parse_day(text)


def test_parse_day_accepts_real_days() -> None:
    assert parse_day("2024-02-29") == "2024-02-29"


def test_days_between() -> None:
    assert days_between("2023-12-30", "2024-01-02") == ["2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"]
    assert days_between("2024-03-01", "2024-03-01") == ["2024-03-01"]
    assert len(days_between("2024-01-01", "2024-04-01")) == MAX_RANGE_DAYS


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-01-02", "2024-01-01", "from must not be after to"),
        ("2024-01-01", "2024-04-02", "at most 92 days"),
        ("2024-01-01", "tomorrow", "date must be YYYY-MM-DD"),
    ],
)
def test_days_between_rejects(start: str, end: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        days_between(start, end)


def test_keys_per_app_and_day() -> None:
    assert day_keys("wxmp:stats:", "wx1", "2024-01-01") == DayKeys(
        counts="wxmp:stats:wx1:2024-01-01:counts",
        users="wxmp:stats:wx1:2024-01-01:users",
        seen="wxmp:stats:wx1:2024-01-01:seen",
    )
    given_event = {"id": "wx1:msg:1", "app_id": "wx1", "create_time": CHINA_NEW_YEAR, "msg_type": "text"}
    assert event_keys(given_event, "p:") == ("wx1:msg:1", day_keys("p:", "wx1", "2024-01-01"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": None}, "no id"),
        ({"id": ""}, "no id"),
        ({"app_id": None}, "no app_id"),
        ({"create_time": "1700000000"}, "unix seconds"),
        ({"create_time": True}, "unix seconds"),
        ({"create_time": 10**20}, "out of range"),
    ],
)
def test_event_keys_reject_events_without_identity(change: dict[str, Any], message: str) -> None:
    given_event = {"id": "wx1:msg:1", "app_id": "wx1", "create_time": CHINA_NEW_YEAR} | change
    with pytest.raises(ValueError, match=message):
        event_keys(given_event)


VALUES = st.one_of(st.none(), st.integers(), st.text())
EVENTS = st.dictionaries(st.sampled_from(["msg_type", "event", "event_key"]) | st.text(), VALUES)
EVENT_NAMES = st.sampled_from(["subscribe", "unsubscribe", "scan", "click", "view", "SUBSCRIBE"]) | VALUES


@given(
    st.one_of(
        EVENTS,
        st.fixed_dictionaries({"msg_type": st.just("event"), "event": EVENT_NAMES}, optional={"event_key": VALUES}),
    )
)
def test_counters_never_raise_and_read_back_as_one_event(given_event: dict[str, Any]) -> None:
    counters = counters_for(given_event)
    assert all(group in MAPS or (group in TALLIES and name == "") for group, name in counters)
    assert all(name for group, name in counters if group in MAPS)
    counts = counts_from({field_of(counter): 1 for counter in counters}, 1)
    assert counts["total"] == 1
