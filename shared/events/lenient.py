"""Declared fields that never refuse a callback (SPEC invariant 6).

A field declared ``OrAsSent[int]`` is an ``int`` when WeChat's text reads as one
and otherwise the value exactly as WeChat sent it: the text, a list of repeated
elements, or a nested element's fields. A field a type usually has is declared
required but ``| None``; when a callback lacks it, it is null. Either way the
callback is typed and published, and the field is *noted* (its dotted path, and
whether it was absent or kept as sent) so the gateway can count and log it.

Only the envelope (``WeChatEvent``'s own required fields) refuses a callback.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, Field, GetCoreSchemaHandler, TypeAdapter, ValidationError
from pydantic_core import core_schema
from typing_extensions import TypeAliasType

T = TypeVar("T")

AsSent = TypeAliasType(
    "AsSent",
    Annotated[
        str | list[Any] | dict[str, Any],
        Field(
            description="A value that does not fit its field's declared type, kept as WeChat sent it: "
            "the element's text, a list of repeated elements, or a nested element's fields."
        ),
    ],
)


@dataclass(frozen=True)
class LenientField:
    """A declared field a callback did not fill as declared: ``path`` like ``send_pics_info.count``."""

    path: str
    reason: Literal["absent", "kept_as_sent"]


_NOTES: ContextVar[list[LenientField] | None] = ContextVar("lenient_notes", default=None)


@contextmanager
def noting() -> Iterator[list[LenientField]]:
    """Collect the fields noted while validating inside the block (nested blocks collect their own)."""
    notes: list[LenientField] = []
    reset = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(reset)


def note(path: str, reason: Literal["absent", "kept_as_sent"]) -> None:
    notes = _NOTES.get()
    if notes is not None:
        notes.append(LenientField(path, reason))


def _under(parent: str, start: int) -> None:
    """Put the notes a nested value added (from ``start`` on) under ``parent``."""
    notes = _NOTES.get()
    if notes is not None:
        notes[start:] = [LenientField(f"{parent}.{n.path}", n.reason) for n in notes[start:]]


def _mark() -> int:
    notes = _NOTES.get()
    return len(notes) if notes is not None else 0


def _forget_since(start: int) -> None:
    notes = _NOTES.get()
    if notes is not None:
        del notes[start:]


def _kept_as_sent(value: Any, info: core_schema.ValidationInfo) -> Any:
    note(info.field_name or "?", "kept_as_sent")
    return value


def _holds_models(declared: Any) -> bool:
    return (isinstance(declared, type) and issubclass(declared, BaseModel)) or any(
        _holds_models(arg) for arg in get_args(declared)
    )


class KeptAsSent:
    """The declared type (the annotated union's first member) when the value fits it, else the
    value as sent (the rest of the union, which also serializes it), noted.

    A scalar tries the declared type, then ``AsSent``, without a Python call on the way
    (the model's config applies: "nan" is no float). A declared type holding models
    validates apart, so that the notes of a nested model that fits are put under the
    field's name and those of one that does not are dropped."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        declared = get_args(source)[0]
        if not _holds_models(declared):
            kept = core_schema.with_info_after_validator_function(_kept_as_sent, handler.generate_schema(AsSent))
            return core_schema.union_schema([handler.generate_schema(declared), kept], mode="left_to_right")
        typed: TypeAdapter[Any] = TypeAdapter(declared)

        def validate(
            value: Any, as_sent: core_schema.ValidatorFunctionWrapHandler, info: core_schema.ValidationInfo
        ) -> Any:
            name = info.field_name or "?"
            start = _mark()
            try:
                result = typed.validate_python(value)
            except ValidationError:
                _forget_since(start)
                note(name, "kept_as_sent")
                return as_sent(value)
            _under(name, start)
            return result

        return core_schema.with_info_wrap_validator_function(validate, handler(source))


OrAsSent = Annotated[T | AsSent, KeptAsSent()]
"""``T`` when the value fits it, else the value as WeChat sent it. Write ``OrAsSent[int] | None``
for a field that may be absent (``T`` itself must not be a union with None)."""


def _one_is_a_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


Repeated = Annotated[list[T], BeforeValidator(_one_is_a_list)]
"""A repeated element (``<List>``, ``<AroundBeacon>``, ``<fail_idx>``): a list, also when WeChat sent
one, which the XML alone cannot tell from a single element. Write ``OrAsSent[Repeated[Item]]``."""
