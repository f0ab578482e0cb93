"""The fields every normalized event carries, and how it is routed."""

import re
from functools import cache
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator
from pydantic.functional_validators import ModelWrapValidatorHandler

from shared.events.lenient import LenientField, OrAsSent, note, noting

_UNSAFE_KEY_CHARS = re.compile(r"[^a-z0-9_-]+")


def routing_word(name: str) -> str:
    """``name`` lower-cased and safe to stand as one word of a topic routing key."""
    return _UNSAFE_KEY_CHARS.sub("_", name.lower()) or "_"


class CallbackFields(BaseModel):
    """Fields parsed from callback XML: an empty element (None) takes the field's default,
    undeclared fields are kept, and NaN/Infinity are not numbers WeChat sends.

    A required field outside ``ENVELOPE`` is one the type usually has: declare it
    ``OrAsSent[...] | None``; when a callback lacks it, it is null (and noted).
    """

    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)

    # The required fields whose absence refuses the callback (SPEC invariant 6).
    ENVELOPE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _absent_fields_are_null(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        present = {key: value for key, value in data.items() if value is not None}
        for name in _usual_fields(cls):
            if name not in present:
                note(name, "absent")
                present[name] = None
        return present


@cache
def _usual_fields(model: type[CallbackFields]) -> tuple[str, ...]:
    """The fields ``model`` usually has: required, outside its envelope."""
    return tuple(
        name for name, field in model.model_fields.items() if field.is_required() and name not in model.ENVELOPE
    )


class WeChatEvent(CallbackFields):
    """A normalized callback: a normal message, or an event (``msg_type == "event"``).

    Every XML field the callback carried is kept in snake_case, also those a
    model does not declare (``extra="allow"``), so nothing WeChat adds is lost.
    A declared field that does not fit its type is kept as sent, and one that is
    absent is null: ``lenient_fields`` names them.
    """

    # Every field is in every body (null where absent), so the schema requires them all.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    # Set by the platform (id, app_id, msg_type) or the envelope WeChat always sends.
    ENVELOPE: ClassVar[frozenset[str]] = frozenset({"id", "app_id", "msg_type", "from_user", "to_user", "create_time"})

    id: str
    app_id: str
    msg_type: str
    event: str | None = None
    from_user: str
    to_user: str
    create_time: int
    msg_id: OrAsSent[int] | None = None

    # Whether WeChat shows a passive reply to this callback (asked for over RPC).
    answerable: ClassVar[bool] = False
    # Fields (dotted paths in the normalized body) that tell apart two callbacks of this type one
    # sender may cause in the same second (two cards taken at once, two publish jobs ending): they
    # join the de-duplication key. WeChat's retries carry the same values.
    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ()

    _lenient: tuple[LenientField, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _note_lenient_fields(cls, data: Any, handler: ModelWrapValidatorHandler["WeChatEvent"]) -> "WeChatEvent":
        if isinstance(data, WeChatEvent):
            return handler(data)  # already validated: keeps its notes
        with noting() as notes:
            event = handler(data)
        event._lenient = tuple(sorted(notes, key=lambda field: field.path))
        return event

    @property
    def lenient_fields(self) -> tuple[LenientField, ...]:
        """The declared fields this callback lacked or sent in another shape, by path."""
        return self._lenient

    @property
    def routing_key(self) -> str:
        """``{app_id}.message.{msg_type}`` or ``{app_id}.event.{event}``."""
        if self.msg_type == "event":
            return f"{self.app_id}.event.{routing_word(self.event or '')}"
        return f"{self.app_id}.message.{routing_word(self.msg_type)}"
