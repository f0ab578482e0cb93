"""The fields every normalized event carries, and how it is routed."""

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

_UNSAFE_KEY_CHARS = re.compile(r"[^a-z0-9_-]+")


def routing_word(name: str) -> str:
    """``name`` lower-cased and safe to stand as one word of a topic routing key."""
    return _UNSAFE_KEY_CHARS.sub("_", name.lower()) or "_"


class CallbackFields(BaseModel):
    """Fields parsed from callback XML: an empty element (None) takes the field's default,
    undeclared fields are kept, and NaN/Infinity are not numbers WeChat sends."""

    model_config = ConfigDict(extra="allow", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _empty_elements_take_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None}
        return data


class WeChatEvent(CallbackFields):
    """A normalized callback: a normal message, or an event (``msg_type == "event"``).

    Every XML field the callback carried is kept in snake_case, also those a
    model does not declare (``extra="allow"``), so nothing WeChat adds is lost.
    """

    # Every field is in every body (null where absent), so the schema requires them all.
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    id: str
    app_id: str
    msg_type: str
    event: str | None = None
    from_user: str
    to_user: str
    create_time: int
    msg_id: int | None = None

    # Whether WeChat shows a passive reply to this callback (asked for over RPC).
    answerable: ClassVar[bool] = False

    @property
    def routing_key(self) -> str:
        """``{app_id}.message.{msg_type}`` or ``{app_id}.event.{event}``."""
        if self.msg_type == "event":
            return f"{self.app_id}.event.{routing_word(self.event or '')}"
        return f"{self.app_id}.message.{routing_word(self.msg_type)}"
