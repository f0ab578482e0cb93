"""The ``match`` half of a rule, and the facts of an event it is tested against.

``keyword`` (the whole text), ``contains`` (a substring) and ``regex`` (searched) test the text
of a message: a text message's ``content`` or a voice message's speech ``recognition``, with
surrounding whitespace removed (and, for voice, the full stop WeChat's recognition ends with).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

KEYS = ("app_id", "msg_type", "event", "event_key", "keyword", "contains", "regex")
TEXT_TESTS = ("keyword", "contains", "regex")
_TEXT_FIELDS = {"text": "content", "voice": "recognition"}
_VOICE_TAIL = "。．.！!？? \t\r\n"


def _scalar_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules look at, read once per event."""

    app_id: str | None
    msg_type: str
    event: str
    event_key: str
    text: str | None
    folded: str | None  # the text case-folded, for keyword and contains

    @classmethod
    def of(cls, event: Mapping[str, Any]) -> "Facts":
        msg_type = (_scalar_text(event.get("msg_type")) or "").lower()
        text = None
        if msg_type in _TEXT_FIELDS and (raw := _scalar_text(event.get(_TEXT_FIELDS[msg_type]))) is not None:
            text = raw.rstrip(_VOICE_TAIL).strip() if msg_type == "voice" else raw.strip()
        return cls(
            app_id=_scalar_text(event.get("app_id")),
            msg_type=msg_type,
            event=(_scalar_text(event.get("event")) or "").lower(),
            event_key=_scalar_text(event.get("event_key")) or "",
            text=text,
            folded=None if text is None else text.casefold(),
        )


@dataclass(frozen=True, slots=True)
class Matcher:
    """A rule's conditions; None means "any". ``keyword`` and ``contains`` are stored case-folded."""

    app_id: str | None = None
    msg_type: str | None = None
    event: str | None = None
    event_key: str | None = None
    keyword: str | None = None
    contains: str | None = None
    regex: re.Pattern[str] | None = None

    def test(self, facts: Facts) -> re.Match[str] | Literal[True] | None:
        """None when the event does not match; else the regex match, or True for a rule without one."""
        if (
            (self.app_id is not None and self.app_id != facts.app_id)
            or (self.msg_type is not None and self.msg_type != facts.msg_type)
            or (self.event is not None and self.event != facts.event)
            or (self.event_key is not None and self.event_key != facts.event_key)
        ):
            return None
        if self.keyword is not None:
            return True if facts.folded == self.keyword else None
        if self.contains is not None:
            return True if facts.folded is not None and self.contains in facts.folded else None
        if self.regex is not None:
            return None if facts.text is None else self.regex.search(facts.text)
        return True


def compile_match(raw: object) -> tuple[Matcher, list[str]]:
    """The matcher for a rule's ``match`` mapping and the problems in it (usable only without any)."""
    if not isinstance(raw, Mapping):
        return Matcher(), ["match: expected a mapping ({} matches everything)"]
    problems = [f"match.{key}: unknown field (expected one of {', '.join(KEYS)})" for key in raw if key not in KEYS]
    values: dict[str, str] = {}
    for key in (key for key in KEYS if key in raw):
        value = raw[key]
        if not isinstance(value, str):
            problems.append(f"match.{key}: expected a string, not {value!r} (quote it)")
        elif not value.strip() and key != "event_key":
            problems.append(f"match.{key}: must not be empty")
        else:
            values[key] = value
    tests = [key for key in TEXT_TESTS if key in raw]
    if len(tests) > 1:
        problems.append(f"match: at most one of keyword, contains, regex (found {' and '.join(tests)})")
    msg_type = values["msg_type"].lower() if "msg_type" in values else None
    kind = msg_type or ("event" if "event" in raw or "event_key" in raw else None)
    problems += [
        f"match.{key}: only applies to msg_type text or voice (this rule matches msg_type {kind})"
        for key in tests
        if kind not in (None, "text", "voice")
    ]
    problems += [
        f"match.{key}: only applies to msg_type event (this rule has msg_type {msg_type})"
        for key in ("event", "event_key")
        if key in raw and msg_type not in (None, "event")
    ]
    regex = None
    if "regex" in values:
        try:
            regex = re.compile(values["regex"])
        except re.error as exc:
            problems.append(f"match.regex: {exc}")
    keyword, contains = values.get("keyword"), values.get("contains")
    matcher = Matcher(
        app_id=values.get("app_id"),
        msg_type=kind,
        event=values["event"].lower() if "event" in values else None,
        event_key=values.get("event_key"),
        keyword=None if keyword is None else keyword.strip().casefold(),
        contains=None if contains is None else contains.casefold(),
        regex=regex,
    )
    return matcher, problems
