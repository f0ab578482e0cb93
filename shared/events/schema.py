"""The JSON Schema of every normalized event, generated from the models.

``python -m shared.events.schema > schema/events.schema.json`` (``make schema``)
writes the copy shipped in the repo; a test fails when that copy is stale.
"""

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from shared.events.base import WeChatEvent
from shared.events.registry import EVENT_MODELS, MESSAGE_MODELS, UnknownEvent


def events_schema() -> dict[str, Any]:
    models: list[type[WeChatEvent]] = [*MESSAGE_MODELS.values(), *EVENT_MODELS.values(), UnknownEvent]
    _, schema = models_json_schema(
        [(model, "serialization") for model in models],
        title="wxmp-platform normalized WeChat event",
    )
    defs = schema["$defs"]
    for msg_type, model in MESSAGE_MODELS.items():
        defs[model.__name__]["properties"]["msg_type"]["const"] = msg_type
    for name, model in EVENT_MODELS.items():
        properties = defs[model.__name__]["properties"]
        properties["msg_type"]["const"] = "event"
        properties["event"] = {"const": name, "title": "Event", "type": "string"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "Body of every message on the wechat.events exchange. msg_type is the lower-cased MsgType "
        '(event for events); event is the lower-cased Event (null for messages; "" for an event '
        "without Event; a message's own Event element, as a device_event's, is wechat_event). Fields "
        "not named here are kept in snake_case as WeChat sent them. A repeated element, or a wrapper of "
        "item elements, is a list also when WeChat sent one. A named "
        "field is its declared type, or AsSent when WeChat sent a value that does not fit it, or null "
        "when the callback lacked it; only the envelope (from_user, to_user, create_time, msg_type) "
        "and the platform's id and app_id are always as declared."
    )
    schema["anyOf"] = [{"$ref": f"#/$defs/{model.__name__}"} for model in models]
    return schema


def render() -> str:
    return json.dumps(events_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
