"""InvalidMessage, and how a pydantic ValidationError reads as one: dotted paths, plain reasons.

A path names the field as the caller wrote it: ``touser``, ``data.first.color``,
``news.articles[0].url`` (list indexes count from 0, as in the JSON body).
"""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

_REFUSED = "notifier_refused"
_AT = "at"  # ctx key of a refusal: the list indexes it concerns, one problem each


class InvalidMessage(ValueError):
    """A message the notifier refuses. ``field`` and ``reason`` are the first problem's;
    ``problems`` lists every ``"field: reason"`` found, and ``str()`` joins them with "; "."""

    def __init__(self, field: str, reason: str, *, problems: Sequence[str] = ()) -> None:
        self.field = field
        self.reason = reason
        self.problems: tuple[str, ...] = tuple(problems) or (f"{field}: {reason}",)
        super().__init__("; ".join(self.problems))

    @classmethod
    def of(cls, problems: Sequence[tuple[str, str]]) -> "InvalidMessage":
        """One exception for several ``(field, reason)`` problems (at least one)."""
        field, reason = problems[0]
        return cls(field, reason, problems=[f"{path}: {why}" for path, why in problems])


def refuse(reason: str, *, at: Sequence[int] = ()) -> PydanticCustomError:
    """What a validator raises: ``reason`` (no braces) for the field itself, or for its items ``at``."""
    return PydanticCustomError(_REFUSED, reason, {_AT: tuple(at)})


def _quoted(expected: object) -> str:
    """pydantic's ``'a', 'b' or 'c'`` (or ``0 or 1`` for numbers) as ``a, b, c``."""
    text = str(expected)
    return ", ".join(re.findall(r"'([^']*)'", text) or re.split(r", | or ", text))


def _plural(count: object, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# pydantic error type → the reason a caller reads (anything else keeps pydantic's own message).
_REASONS: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda _: "required",
    "extra_forbidden": lambda _: "unknown field",
    "string_type": lambda _: "must be a string",
    "model_type": lambda _: "must be an object",
    "model_attributes_type": lambda _: "must be an object",
    "dict_type": lambda _: "must be an object",
    "list_type": lambda _: "must be a list",
    "string_too_short": lambda ctx: (
        "must not be empty" if ctx["min_length"] == 1 else f"must be at least {_plural(ctx['min_length'], 'character')}"
    ),
    "string_too_long": lambda ctx: f"must be at most {_plural(ctx['max_length'], 'character')}",
    "too_short": lambda ctx: f"must have at least {_plural(ctx['min_length'], 'item')}",
    "too_long": lambda ctx: f"must have at most {_plural(ctx['max_length'], 'item')}",
    "literal_error": lambda ctx: f"must be one of {_quoted(ctx['expected'])}",
}


def _path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path or "body"


def _problems(error: ErrorDetails) -> list[tuple[str, str]]:
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    loc = error["loc"]
    if loc and loc[-1] == "[key]":  # a dict key failed (loc is dict, key, "[key]"): name the dict
        return [(_path(loc[:-2]), "keys must be non-empty strings")]
    describe = _REASONS.get(error["type"])
    reason = describe(ctx) if describe else error["msg"]
    at: Sequence[int] = ctx.get(_AT) or ()
    return [(_path([*loc, index]), reason) for index in at] or [(_path(loc), reason)]


def invalid_message(exc: ValidationError) -> InvalidMessage:
    """``exc`` as one InvalidMessage listing every problem, in the order pydantic found them."""
    return InvalidMessage.of([problem for error in exc.errors() for problem in _problems(error)])
