"""Reply strings with ``{placeholders}``: parsed once at load, filled without ``str.format``.

A placeholder is a name (``{content}``, ``{from_user}``, any top-level event field, or a named
regex group) or a regex group number (``{0}`` the whole match, ``{1}``, ``{2}``…). ``{{`` and
``}}`` are literal braces. There is no attribute or index access, conversion or format spec, so
a template reads nothing but the values it is handed; a name without a value renders as "".
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from string import Formatter

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+")

# What a placeholder names: an event field or group name, or a regex group number.
Field = str | int
Resolve = Callable[[Field], str]


@dataclass(frozen=True, slots=True)
class Template:
    """Literal text, each piece followed by the placeholder after it (None at the end)."""

    parts: tuple[tuple[str, Field | None], ...]

    @property
    def is_static(self) -> bool:
        return all(field is None for _, field in self.parts)

    def render(self, resolve: Resolve) -> str:
        return "".join(literal if field is None else literal + resolve(field) for literal, field in self.parts)


def as_text(value: object) -> str:
    """An event value as placeholder text: strings as they are, null as "", anything else as JSON."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)


def compile_template(text: str, regex: re.Pattern[str] | None, *, check_groups: bool) -> tuple[Template, list[str]]:
    """The template of ``text`` and the problems in it (none when it is usable).

    ``regex`` is the rule's pattern, which ``{N}`` placeholders need; ``check_groups`` is False
    when that is not known (the rule's regex itself is broken).
    """
    try:
        pieces = list(Formatter().parse(text))
    except ValueError as exc:
        return Template(((text, None),)), [f"{exc} (write {{{{ or }}}} for a literal brace)"]
    parts: list[tuple[str, Field | None]] = []
    problems: list[str] = []
    for literal, name, spec, conversion in pieces:
        if name is None:
            parts.append((literal, None))
            continue
        problem = _problem(name, spec, conversion, regex, check_groups=check_groups)
        if problem:
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            problems.append(f"{shown}: {problem}")
        parts.append((literal, int(name) if name.isdigit() and name.isascii() else name))
    return Template(tuple(parts)), problems


def _problem(
    name: str, spec: str | None, conversion: str | None, regex: re.Pattern[str] | None, *, check_groups: bool
) -> str | None:
    if not name:
        return "empty placeholder (write {{ or }} for a literal brace)"
    if conversion or spec:
        return "conversions and format specs are not supported"
    if not _NAME.fullmatch(name):
        if "." in name or "[" in name:
            return "attribute and index access are not supported"
        return "not a field name"
    if name.isdigit() and check_groups:
        if regex is None:
            return "regex groups need a match.regex"
        if int(name) > regex.groups:
            return f"match.regex has only {regex.groups} group(s)"
    return None
