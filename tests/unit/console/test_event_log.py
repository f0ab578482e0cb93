"""The bus's recent events: bounded, newest first, JSON kept parsed and anything else kept as text."""

import json

import pytest

from sandbox.console.events import EventLog


def event(n: int) -> bytes:
    return json.dumps(
        {
            "id": f"e{n}",
            "app_id": "wx1",
            "msg_type": "text",
            "event": None,
            "from_user": "o_f",
            "to_user": "gh_x",
            "create_time": 1_700_000_000 + n,
            "content": f"message {n}",
        }
    ).encode()


def test_recent_is_newest_first_and_limited() -> None:
    log = EventLog(capacity=10)
    for n in range(5):
        log.append("wx1.message.text", event(n), now=float(n))
    assert [e["content"] for e in log.recent(3)] == ["message 4", "message 3", "message 2"]
    assert [e["seq"] for e in log.recent(10)] == [5, 4, 3, 2, 1]
    assert log.recent(0) == []


def test_the_ring_keeps_only_the_newest_capacity_entries() -> None:
    log = EventLog(capacity=3)
    for n in range(7):
        log.append("wx1.message.text", event(n), now=float(n))
    assert len(log) == 3
    assert [e["received_at"] for e in log.recent()] == [6.0, 5.0, 4.0]


def test_an_entry_summarizes_the_event_and_keeps_it_whole() -> None:
    log = EventLog()
    log.append("wx1.message.text", event(1), now=5.0)
    (entry,) = log.recent()
    assert entry["routing_key"] == "wx1.message.text"
    assert (entry["type"], entry["from_user"], entry["create_time"], entry["content"]) == (
        "text",
        "o_f",
        1_700_000_001,
        "message 1",
    )
    assert entry["json"] is True and entry["body"] == json.loads(event(1))


def test_events_show_their_event_name_and_key() -> None:
    log = EventLog()
    body = {"msg_type": "event", "event": "click", "event_key": "NEWS", "from_user": "o_f", "create_time": 1}
    log.append("wx1.event.click", json.dumps(body).encode(), now=1.0)
    location = {"msg_type": "location", "location_x": 23.1, "location_y": 113.3, "label": "", "create_time": 2}
    log.append("wx1.message.location", json.dumps(location).encode(), now=2.0)
    assert [(e["type"], e["content"]) for e in log.recent()] == [("location", "23.1,113.3"), ("click", "NEWS")]


@pytest.mark.parametrize("body", [b"not json {", b"\xff\xfe binary", b"[1, 2]"])
def test_anything_else_is_kept_visible(body: bytes) -> None:
    log = EventLog()
    log.append("wx1.message.text", body, now=1.0)
    (entry,) = log.recent()
    assert entry["type"] is None and entry["content"] is None
    if body == b"[1, 2]":
        assert entry["json"] is True and entry["body"] == [1, 2]
    else:
        assert (
            entry["json"] is False
            and isinstance(entry["body"], str)
            and entry["body"].startswith(body[:3].decode(errors="replace"))
        )


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError, match="capacity"):
        EventLog(capacity=0)
