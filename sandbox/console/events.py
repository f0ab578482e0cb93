"""The recent events seen on the bus: a bounded ring, newest first, fed by a broker subscription.

A body is the normalized event JSON the gateway publishes on ``wechat.events``; one that is
not JSON is kept as text, so a malformed publish is visible rather than lost.
"""

import itertools
import json
from collections import deque
from typing import Any

DEFAULT_CAPACITY = 200
# The first of these an event carries is what the events page shows as its content.
_CONTENT_FIELDS = ("content", "event_key", "recognition", "pic_url", "label", "url", "title", "status")


def summarize(event: Any) -> dict[str, Any]:
    """Type, sender, time and a one-line content of a normalized event (empty for anything else)."""
    if not isinstance(event, dict):
        return {"type": None, "from_user": None, "create_time": None, "content": None}
    content = next((event[name] for name in _CONTENT_FIELDS if event.get(name) not in (None, "")), None)
    if content is None and event.get("location_x") is not None:
        content = f"{event.get('location_x')},{event.get('location_y')}"
    return {
        "type": event.get("event") or event.get("msg_type"),
        "from_user": event.get("from_user"),
        "create_time": event.get("create_time"),
        "content": None if content is None else str(content),
    }


def decode_body(body: bytes) -> tuple[Any, bool]:
    """The body's JSON value and True, or its text and False."""
    text = body.decode("utf-8", errors="replace")
    try:
        return json.loads(text), True
    except ValueError:
        return text, False


class EventLog:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._entries: deque[dict[str, Any]] = deque(maxlen=capacity)
        self._seq = itertools.count(1)

    def append(self, routing_key: str, body: bytes, now: float) -> None:
        value, is_json = decode_body(body)
        entry = {"seq": next(self._seq), "routing_key": routing_key, "received_at": now, "json": is_json}
        self._entries.append(entry | summarize(value) | {"body": value})

    def recent(self, limit: int = DEFAULT_CAPACITY) -> list[dict[str, Any]]:
        """Up to ``limit`` entries, newest first."""
        if limit <= 0:
            return []
        return list(itertools.islice(reversed(self._entries), limit))

    def __len__(self) -> int:
        return len(self._entries)
