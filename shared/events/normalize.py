"""XML fields (xmltodict's dict) → a normalized, typed event.

Field names become snake_case (``Location_X`` → ``location_x``, ``MsgID`` →
``msg_id``, ``FromUserName`` → ``from_user``); ``<item>`` lists become JSON
lists; nested elements become nested objects. The event's ``id`` is its
de-duplication key: MsgId for messages, FromUserName + CreateTime + Event +
EventKey for events, and the fields a model names in ``DEDUP_FIELDS`` (WeChat
retries carry the same values). A message's own Event element (a device_event's
bind/unbind) is kept as ``wechat_event``: ``event`` is null for messages.

Only the envelope refuses a callback (SPEC invariant 6): ToUserName,
FromUserName and a whole-number CreateTime, and MsgType. Any other field may be
absent or shaped otherwise than its model declares (see ``lenient``); an event
without Event is published as an unknown event whose ``event`` is "".
"""

import hashlib
import json
import re
from functools import lru_cache
from typing import Any

from pydantic import ValidationError

from shared.events.base import WeChatEvent
from shared.events.registry import model_for

_RENAMES = {"from_user_name": "from_user", "to_user_name": "to_user"}
# Fields the platform sets itself; an XML element of the same name (a mini
# program's AppId in a miniprogrampage message) is kept under wechat_<name>.
_PLATFORM_FIELDS = ("id", "app_id")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# A MsgId that reads as one stands in the id as it is; any other text is hashed
# (an id is also the AMQP message_id, at most 255 bytes).
_PLAIN_MSG_ID = re.compile(r"[0-9]{1,32}")


class InvalidCallback(ValueError):
    """The XML parsed but its envelope is missing or malformed (no MsgType, no sender, no time)."""


@lru_cache(maxsize=1024)
def snake_case(name: str) -> str:
    snake = _CAMEL_BOUNDARY.sub("_", name).lower()
    snake = re.sub(r"_+", "_", snake).strip("_")
    return _RENAMES.get(snake, snake)


def normalize_fields(value: Any) -> Any:
    """Recursively snake_case keys and turn ``{"item": [...]}`` wrappers into lists."""
    if isinstance(value, dict):
        if value.keys() == {"item"}:
            return normalize_fields(value["item"])
        children = {snake_case(key): normalize_fields(inner) for key, inner in value.items() if key[:1] not in "@#"}
        if not children:  # an element with attributes: its text (attributes are not WeChat's)
            return value.get("#text")
        return children
    if isinstance(value, list):
        return [normalize_fields(inner) for inner in value]
    return value


def _text(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""


def _value_at(fields: dict[str, Any], path: str) -> str:
    """The text at a dotted ``path`` of the normalized fields; a nested value as canonical JSON."""
    value: Any = fields
    for step in path.split("."):
        value = value.get(step) if isinstance(value, dict) else None
    if value is None or isinstance(value, str):
        return (value or "").strip()
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def dedup_id(app_id: str, fields: dict[str, Any], extra: tuple[str, ...] = ()) -> str:
    """The de-duplication key of a callback, stable across WeChat's retries; ``extra`` names
    the fields (dotted paths) that join an event's key (its model's ``DEDUP_FIELDS``)."""
    msg_id = _text(fields, "msg_id")
    if msg_id and fields.get("msg_type") != "event":
        if _PLAIN_MSG_ID.fullmatch(msg_id):
            return f"{app_id}:msg:{msg_id}"
        return f"{app_id}:msg:~{_digest(msg_id)}"
    # Job reports (TEMPLATESENDJOBFINISH …) also carry the MsgID they report on.
    parts = "\x1f".join(
        (
            _text(fields, "from_user"),
            _text(fields, "create_time"),
            _text(fields, "event").lower(),
            _text(fields, "event_key"),
            msg_id,
            *(_value_at(fields, path) for path in extra),
        )
    )
    return f"{app_id}:evt:{_digest(parts)}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def event_from_xml_fields(app_id: str, raw: dict[str, Any]) -> WeChatEvent:
    """The typed event for a parsed callback; ``InvalidCallback`` if it cannot be typed."""
    fields = normalize_fields(raw)
    if not isinstance(fields, dict):
        raise InvalidCallback("the document holds no fields")
    for name in _PLATFORM_FIELDS:
        if name in fields:
            fields[f"wechat_{name}"] = fields.pop(name)
    msg_type = _text(fields, "msg_type").lower()
    if not msg_type:
        raise InvalidCallback("MsgType is missing")
    event_name = _text(fields, "event").lower() if msg_type == "event" else None
    model = model_for(msg_type, event_name)
    event_id = dedup_id(app_id, fields, model.DEDUP_FIELDS)
    if event_name is None and "event" in fields:
        fields["wechat_event"] = fields.pop("event")
    fields.update(id=event_id, app_id=app_id, msg_type=msg_type, event=event_name)
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors())
        raise InvalidCallback(problems) from None
