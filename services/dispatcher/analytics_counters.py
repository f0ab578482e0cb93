"""What an event counts, as pure data: the counters it increments and how a day's counters read back.

A counter is ``(group, name)``: ``("messages", "text")``, ``("events", "click")``,
``("menu_clicks", "NEWS")``, or a plain tally with an empty name, ``("subscribes", "")``.
It is stored as one hash field, ``group:name`` (or just ``group`` for a tally); names may
hold ``:`` themselves (a VIEW's URL), groups never do.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypedDict

from shared.events.events import QR_SCENE_PREFIX

Counter = tuple[str, str]

# Groups read back as {name: count}, and plain tallies read back as a number.
MAPS = ("messages", "events", "subscribes_by_scene", "scans_by_scene", "menu_clicks", "menu_views")
TALLIES = ("subscribes", "unsubscribes")


class Counts(TypedDict):
    total: int  # every message and event counted
    unique_users: int
    messages: dict[str, int]  # by msg_type
    events: dict[str, int]  # by event
    subscribes: int
    unsubscribes: int
    subscribes_by_scene: dict[str, int]  # follows from a parametric QR code, by scene
    scans_by_scene: dict[str, int]  # followers scanning a parametric QR code (SCAN), by scene
    menu_clicks: dict[str, int]  # CLICK by menu key
    menu_views: dict[str, int]  # VIEW by URL


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _kind(value: object) -> str:
    return _text(value).strip().lower() or "unknown"


def _subscribe(event_key: str) -> list[Counter]:
    """A follow; under its scene when it came from a parametric QR code, under no scene otherwise."""
    scene = event_key[len(QR_SCENE_PREFIX) :] if event_key.startswith(QR_SCENE_PREFIX) else ""
    return [("subscribes", ""), *([("subscribes_by_scene", scene)] if scene else [])]


def _by_key(group: str) -> Callable[[str], list[Counter]]:
    def count(event_key: str) -> list[Counter]:
        return [(group, event_key)] if event_key else []

    return count


# What an event counts beyond ``("events", name)``, given its event_key.
_EVENT_COUNTERS: Mapping[str, Callable[[str], list[Counter]]] = {
    "subscribe": _subscribe,
    "unsubscribe": lambda _event_key: [("unsubscribes", "")],
    "scan": _by_key("scans_by_scene"),
    "click": _by_key("menu_clicks"),
    "view": _by_key("menu_views"),
}


def counters_for(event: Mapping[str, Any]) -> list[Counter]:
    """The counters one normalized event increments (never raises; unknown types count under their name)."""
    msg_type = _kind(event.get("msg_type"))
    if msg_type != "event":
        return [("messages", msg_type)]
    name = _kind(event.get("event"))
    extra = _EVENT_COUNTERS.get(name)
    return [("events", name), *(extra(_text(event.get("event_key"))) if extra else ())]


def field_of(counter: Counter) -> str:
    group, name = counter
    return f"{group}:{name}" if name else group


def decode_fields(flat: Sequence[Any]) -> dict[str, int]:
    """A counters hash as HGETALL returns it to Lua, ``[field, count, …]`` (bytes or str) → ``{field: count}``."""
    return {_decoded(field): int(count) for field, count in zip(flat[::2], flat[1::2], strict=True)}


def _decoded(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def add_fields(days: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for fields in days:
        for field, count in fields.items():
            total[field] = total.get(field, 0) + count
    return total


def counts_from(fields: Mapping[str, int], unique_users: int) -> Counts:
    """Read a counters hash back; fields this version does not know are ignored."""
    maps: dict[str, dict[str, int]] = {group: {} for group in MAPS}
    tallies = dict.fromkeys(TALLIES, 0)
    for field, count in fields.items():
        group, colon, name = field.partition(":")
        if colon and group in maps:
            maps[group][name] = maps[group].get(name, 0) + count
        elif not colon and group in tallies:
            tallies[group] += count
    return Counts(
        total=sum(maps["messages"].values()) + sum(maps["events"].values()),
        unique_users=unique_users,
        messages=maps["messages"],
        events=maps["events"],
        subscribes=tallies["subscribes"],
        unsubscribes=tallies["unsubscribes"],
        subscribes_by_scene=maps["subscribes_by_scene"],
        scans_by_scene=maps["scans_by_scene"],
        menu_clicks=maps["menu_clicks"],
        menu_views=maps["menu_views"],
    )
