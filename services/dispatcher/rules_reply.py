"""The ``reply`` half of a rule: a reply of ``shared.replies`` whose strings are templates."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from services.dispatcher.rules_template import Resolve, Template, compile_template
from shared.replies import REPLY_ADAPTER, Reply

# The reply models by their ``type``, in the order shared.replies declares them.
_MODELS: dict[str, type[BaseModel]] = {
    model.model_fields["type"].default: model for model in get_args(get_args(Reply)[0])
}
REPLY_TYPES = tuple(_MODELS)
_MESSAGES = {"missing": "missing", "extra_forbidden": "unknown field"}


def _nothing(_field: object) -> str:
    return ""


@dataclass(frozen=True, slots=True)
class ReplyTemplate:
    """A reply with a Template in place of each string; ``static`` is the reply itself when
    no string has a placeholder (then every event gets the same object)."""

    type: str
    fields: Mapping[str, Any]
    static: Reply | None

    def render(self, resolve: Resolve) -> Reply:
        if self.static is not None:
            return self.static
        return REPLY_ADAPTER.validate_python({"type": self.type, **_fill(self.fields, resolve)})


def compile_reply(
    raw: object, regex: re.Pattern[str] | None, *, check_groups: bool
) -> tuple[ReplyTemplate | None, list[str]]:
    """The template for a rule's ``reply`` mapping and the problems in it (None if there are any)."""
    if not isinstance(raw, Mapping):
        return None, [f"reply: expected a mapping with a type (one of {', '.join(REPLY_TYPES)})"]
    kind = raw.get("type")
    if kind is None:
        return None, [f"reply.type: missing (one of {', '.join(REPLY_TYPES)})"]
    if not isinstance(kind, str) or kind not in _MODELS:
        return None, [f"reply.type: {kind!r} is not one of {', '.join(REPLY_TYPES)}"]
    try:
        reply = _MODELS[kind].model_validate(raw)
    except ValidationError as exc:
        return None, [_describe(error) for error in exc.errors()]
    problems: list[str] = []
    fields = _templated(reply.model_dump(exclude={"type"}), "reply", regex, check_groups, problems)
    if problems:
        return None, problems
    static = None
    if all(template.is_static for template in _templates(fields)):
        static = REPLY_ADAPTER.validate_python({"type": kind, **_fill(fields, _nothing)})
    return ReplyTemplate(kind, fields, static), []


def _describe(error: ErrorDetails) -> str:
    path = "reply"
    for part in error["loc"]:
        path += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return f"{path}: {_MESSAGES.get(error['type'], error['msg'])}"


def _templated(value: Any, path: str, regex: re.Pattern[str] | None, check_groups: bool, problems: list[str]) -> Any:
    if isinstance(value, str):
        template, found = compile_template(value, regex, check_groups=check_groups)
        problems += [f"{path}: {problem}" for problem in found]
        return template
    if isinstance(value, dict):
        return {key: _templated(inner, f"{path}.{key}", regex, check_groups, problems) for key, inner in value.items()}
    if isinstance(value, list):
        return [_templated(inner, f"{path}[{i}]", regex, check_groups, problems) for i, inner in enumerate(value, 1)]
    return value


def _templates(value: Any) -> list[Template]:
    if isinstance(value, Template):
        return [value]
    if isinstance(value, dict):
        return [template for inner in value.values() for template in _templates(inner)]
    if isinstance(value, list):
        return [template for inner in value for template in _templates(inner)]
    return []


def _fill(value: Any, resolve: Resolve) -> Any:
    if isinstance(value, Template):
        return value.render(resolve)
    if isinstance(value, dict):
        return {key: _fill(inner, resolve) for key, inner in value.items()}
    if isinstance(value, list):
        return [_fill(inner, resolve) for inner in value]
    return value
