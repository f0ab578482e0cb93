"""The event contract page, from ``schema/events.schema.json``: every message and event type with its
routing key, its fields and an example body (built from the schema, its ``id`` by the gateway's rule)."""

import json
from typing import Any

from docsite import REPO
from docsite.text import event_title
from shared.events.normalize import dedup_id
from shared.events.registry import model_for

SCHEMA = REPO / "schema" / "events.schema.json"
APP_ID = "wx1234"
MESSAGE_ID = 7000000000001

TEXT: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "事件契约",
        "generated": "本页在每次构建时由 `schema/events.schema.json`（`make schema` 从事件模型生成）"
        "自动生成，请勿手工编辑。",
        "intro": """\
网关把微信推送的每一条回调（普通消息和事件）转换成一条 JSON 消息，发布到 RabbitMQ 的 topic 交换机
`wechat.events`（持久化，消息 persistent），并在 broker 确认（publisher confirm）之后才给微信回 200。

- **路由键**：消息为 `{app_id}.message.{msg_type}`，事件为 `{app_id}.event.{event}`，一律小写，
  例如 `wx1234.message.text`、`wx1234.event.subscribe`、`wx1234.event.click`。
- **公共字段**：`id`（去重键，同时是 AMQP 的 `message_id`）、`app_id`、`msg_type`（事件为 `event`）、
  `event`（消息为 null）、`from_user`（粉丝 openid）、`to_user`（公众号原始 ID）、`create_time`（Unix 秒，整数）、
  `msg_id`（XML 中没有时为 null）。
- **其余字段**：XML 元素名转 snake_case（`Location_X` → `location_x`，`EventKey` → `event_key`），
  嵌套元素是对象，`<item>` 列表和重复元素一律是 JSON 数组（只有一项时也是）。
- **宽容原则**：模型声明为数字的字段是数字；微信发来不符合声明类型的值时按原样保留（下表中的 *AsSent*：
  文本、列表或对象），缺少的字段为 null。模型未声明的字段也按 snake_case 原样保留。
- **未知类型**：平台没有模型的 MsgType 或 Event 同样发布（`UnknownEvent`），路由键用它自己的小写名字，
  字段全部保留，不会丢弃。
- **被动回复**：“可被动回复”一栏为“是”的类型，网关发布时带 `reply_to`，等待回复（见[概念](index.md#reply-rpc)）。
""",
        "summary": "一览",
        "kind_message": "普通消息",
        "kind_event": "事件",
        "columns": "| 类型 | 路由键 | 可被动回复 | 模型 |",
        "fields": "字段",
        "field_columns": "| 字段 | 类型 |",
        "example": "示例",
        "nested": "嵌套对象",
        "yes": "是",
        "no": "—",
        "or_null": "或 null",
        "list_of": "数组，元素为",
        "any": "任意",
        "as_sent": "或 AsSent",
        "may_be_absent": "（可能缺省）",
        "unknown_title": "未知类型",
        "unknown_text": "没有对应模型的 MsgType 或 Event：仍然发布，路由键为 `{app_id}.message.{msg_type}` 或 "
        "`{app_id}.event.{event}`（小写，非字母数字字符替换为 `_`；没有 Event 的事件为 `_`），"
        "XML 中的所有字段都以 snake_case 保留。",
        "as_sent_text": "**AsSent**：不符合字段声明类型的值，按微信发来的样子保留：元素的文本、重复元素的列表，"
        "或嵌套元素的字段对象。",
    },
    "en": {
        "title": "The event contract",
        "generated": "Generated during every build from `schema/events.schema.json` (which `make schema` generates "
        "from the event models): do not edit.",
        "intro": """\
The gateway turns every callback WeChat pushes (normal messages and events) into one JSON message on
the RabbitMQ topic exchange `wechat.events` (durable, persistent messages), and answers WeChat 200 only
once the broker has confirmed it (publisher confirms).

- **Routing key**: `{app_id}.message.{msg_type}` for messages, `{app_id}.event.{event}` for events, in
  lower case: `wx1234.message.text`, `wx1234.event.subscribe`, `wx1234.event.click`.
- **Common fields**: `id` (the de-duplication key, also the AMQP `message_id`), `app_id`, `msg_type`
  (`event` for events), `event` (null for messages), `from_user` (the follower's openid), `to_user` (the
  account's original id), `create_time` (unix seconds, an integer), `msg_id` (null where the XML has none).
- **Every other field**: the XML element's name in snake_case (`Location_X` → `location_x`, `EventKey` →
  `event_key`), nested elements as objects, `<item>` lists and repeated elements as JSON lists (also with
  one item).
- **Lenient**: fields the models declare as numbers are numbers; a value that does not fit its declared
  type is kept as WeChat sent it (*AsSent* below: text, a list or an object), and an absent field is null.
  Fields the models do not declare are kept too, in snake_case.
- **Unknown types**: a MsgType or Event without a model is published all the same (`UnknownEvent`), routed
  under its own lower-cased name, with every field kept: never dropped.
- **Passive replies**: for the types marked *answerable* the gateway publishes with `reply_to` and waits
  for a reply (see [Concepts](index.md#reply-rpc)).
""",
        "summary": "At a glance",
        "kind_message": "Messages",
        "kind_event": "Events",
        "columns": "| type | routing key | answerable | model |",
        "fields": "Fields",
        "field_columns": "| field | type |",
        "example": "Example",
        "nested": "Nested objects",
        "yes": "yes",
        "no": "—",
        "or_null": "or null",
        "list_of": "list of",
        "any": "any",
        "as_sent": "or AsSent",
        "may_be_absent": " (may be absent)",
        "unknown_title": "Unknown types",
        "unknown_text": "A MsgType or Event without a model: published all the same, routed as "
        "`{app_id}.message.{msg_type}` or `{app_id}.event.{event}` (lower case, any other character than "
        "letters, digits, `_` and `-` replaced by `_`; `_` for an event without Event), every XML field kept "
        "in snake_case.",
        "as_sent_text": "**AsSent**: a value that does not fit its field's declared type, kept as WeChat sent it: "
        "the element's text, a list of repeated elements, or a nested element's fields.",
    },
}

# Example values by field name; any other field gets one from its type.
STRINGS = {
    "from_user": "oFollower1234567890abcdefg",
    "to_user": "gh_0123456789ab",
    "content": "hello",
    "pic_url": "https://mmbiz.qpic.cn/mmbiz_jpg/example/0",
    "media_id": "MEDIA_ID",
    "thumb_media_id": "THUMB_MEDIA_ID",
    "format": "amr",
    "recognition": "你好",
    "title": "Title",
    "description": "Description",
    "url": "https://example.com/article",
    "label": "广州市天河区",
    "ticket": "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2tZQUhfRkxsLXh0X0FvTzFfMjl3AAIEAAAAAAMEgDoJAA==",
    "status": "success",
    "scan_type": "qrcode",
    "scan_result": "https://example.com/scanned",
    "card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc",
    "user_card_code": "12312312",
    "openid": "oFollower1234567890abcdefg",
}
NUMBERS: dict[str, int | float] = {
    "create_time": 1700000000,
    "location_x": 23.134521,
    "location_y": 113.358803,
    "latitude": 23.137466,
    "longitude": 113.352425,
    "precision": 119.385040,
    "scale": 20,
}
EVENT_KEYS = {
    "subscribe": "qrscene_1001",
    "scan": "1001",
    "click": "NEWS",
    "view": "https://example.com/",
    "view_miniprogram": "pages/index/index",
    "location": "",
}
EVENTS_WITH_MSG_ID = {"templatesendjobfinish", "masssendjobfinish", "subscribe_msg_sent_event"}


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _options(node: dict[str, Any]) -> list[dict[str, Any]]:
    return list(node.get("anyOf", [node]))


def _type_text(node: dict[str, Any], lang: str) -> str:
    """``integer or null``, ``list of [ScanCodeInfo](#scancodeinfo)``, ``"subscribe"``."""
    t = TEXT[lang]
    if "const" in node:
        return f'`"{node["const"]}"`'
    words: list[str] = []
    nullable = as_sent = False
    for option in _options(node):
        ref = _ref_name(option)
        if ref == "AsSent":
            as_sent = True
        elif option.get("type") == "null":
            nullable = True
        elif ref:
            words.append(f"[{ref}](#{ref.lower()})")
        elif option.get("type") == "array":
            item = option.get("items", {})
            name = _ref_name(item)
            words.append(f"{t['list_of']} " + (f"[{name}](#{name.lower()})" if name else item.get("type", t["any"])))
        else:
            words.append(str(option.get("type", t["any"])))
    text = ", ".join(words) or t["any"]
    if as_sent:
        text += f" {t['as_sent']}"
    if nullable:
        text += f" {t['or_null']}"
    return text


def _example_value(name: str, node: dict[str, Any], defs: dict[str, Any], event: str | None) -> Any:
    if "const" in node:
        return node["const"]
    for option in _options(node):
        ref = _ref_name(option)
        if ref == "AsSent" or option.get("type") == "null":
            continue
        if ref:
            return _example_object(defs[ref], defs, event)
        kind = option.get("type")
        if kind == "array":
            item = option.get("items", {})
            item_ref = _ref_name(item)
            if item_ref:
                return [_example_object(defs[item_ref], defs, event)]
            return [_example_value(name, item, defs, event)]
        if kind == "integer":
            return int(NUMBERS.get(name, 1))
        if kind == "number":
            return float(NUMBERS.get(name, 1.5))
        if kind == "boolean":
            return True
        if kind == "object":
            return {}
        if name == "event_key":
            return EVENT_KEYS.get(event or "", "EVENT_KEY")
        return STRINGS.get(name, name.upper())
    return None


def _example_object(definition: dict[str, Any], defs: dict[str, Any], event: str | None) -> dict[str, Any]:
    return {name: _example_value(name, node, defs, event) for name, node in definition.get("properties", {}).items()}


def example(definition: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A body for one top-level type: the envelope, every declared field, and ``id`` by the gateway's rule."""
    properties = definition["properties"]
    msg_type = properties["msg_type"]["const"]
    event = properties["event"].get("const") if msg_type == "event" else None
    body = _example_object(definition, defs, event)
    body |= {"app_id": APP_ID, "msg_type": msg_type, "event": event}
    body["msg_id"] = MESSAGE_ID if msg_type != "event" or event in EVENTS_WITH_MSG_ID else None
    body["id"] = dedup_id(APP_ID, body, model_for(msg_type, event).DEDUP_FIELDS)
    order = ["id", "app_id", "msg_type", "event", "from_user", "to_user", "create_time", "msg_id"]
    return {key: body[key] for key in [*order, *sorted(set(body) - set(order))]}


def top_level(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(model name, definition) of every message and event type, messages first, then events by name."""
    defs = schema["$defs"]
    names = [_ref_name(option) for option in schema["anyOf"]]
    typed = [(name, defs[name]) for name in names if name and name != "UnknownEvent"]

    def key(item: tuple[str, dict[str, Any]]) -> tuple[int, str]:
        properties = item[1]["properties"]
        msg_type = properties["msg_type"]["const"]
        return (1, properties["event"]["const"]) if msg_type == "event" else (0, msg_type)

    return sorted(typed, key=key)


def type_name(definition: dict[str, Any]) -> str:
    properties = definition["properties"]
    msg_type: str = properties["msg_type"]["const"]
    return str(properties["event"]["const"]) if msg_type == "event" else msg_type


def routing_key(definition: dict[str, Any]) -> str:
    properties = definition["properties"]
    msg_type = properties["msg_type"]["const"]
    if msg_type == "event":
        return f"{{app_id}}.event.{properties['event']['const']}"
    return f"{{app_id}}.message.{msg_type}"


def _nested_names(schema: dict[str, Any]) -> list[str]:
    defs = schema["$defs"]
    top = {name for name, _ in top_level(schema)} | {"UnknownEvent", "AsSent"}
    return sorted(name for name in defs if name not in top)


def _fields_table(definition: dict[str, Any], lang: str) -> list[str]:
    t = TEXT[lang]
    required = set(definition.get("required", []))
    rows = [t["field_columns"], "| --- | --- |"]
    for name, node in definition.get("properties", {}).items():
        absent = "" if name in required else t["may_be_absent"]
        rows.append(f"| `{name}` | {_type_text(node, lang)}{absent} |")
    return rows


def _description(definition: dict[str, Any]) -> str:
    return " ".join(str(definition.get("description", "")).replace("``", "`").split())


def render(lang: str) -> str:
    t = TEXT[lang]
    schema = load_schema()
    defs = schema["$defs"]
    types = top_level(schema)
    parts = [f"# {t['title']}", "", f"*{t['generated']}*", "", t["intro"]]
    parts += [f"## {t['summary']}", "", t["columns"], "| --- | --- | --- | --- |"]
    for model, definition in types:
        name = type_name(definition)
        answerable = model_for(definition["properties"]["msg_type"]["const"], _event(definition)).answerable
        parts.append(
            f"| [`{name}`](#{_anchor(definition)}) {_title(lang, definition)} | `{routing_key(definition)}` | "
            f"{t['yes'] if answerable else t['no']} | `{model}` |"
        )
    parts.append("")
    for kind in ("message", "event"):
        parts += [f"## {t['kind_' + kind]}", ""]
        for model, definition in types:
            if _kind(definition) != kind:
                continue
            name = type_name(definition)
            parts += [f"### `{name}` {_title(lang, definition)} {{#{_anchor(definition)}}}", ""]
            parts += [f"`{routing_key(definition)}` · `{model}`", ""]
            description = _description(definition)
            if description:
                parts += [description, ""]
            parts += [f"**{t['fields']}**", "", *_fields_table(definition, lang), ""]
            body = json.dumps(example(definition, defs), ensure_ascii=False, indent=2)
            parts += [f"**{t['example']}**", "", "```json", body, "```", ""]
    parts += [f"## {t['unknown_title']} {{#unknown}}", "", t["unknown_text"], ""]
    parts += [f"## {t['nested']}", "", t["as_sent_text"], ""]
    for name in _nested_names(schema):
        definition = defs[name]
        parts += [f"### {name} {{#{name.lower()}}}", ""]
        description = _description(definition)
        if description:
            parts += [description, ""]
        parts += [*_fields_table(definition, lang), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def _event(definition: dict[str, Any]) -> str | None:
    properties = definition["properties"]
    return str(properties["event"]["const"]) if properties["msg_type"]["const"] == "event" else None


def _kind(definition: dict[str, Any]) -> str:
    return "event" if definition["properties"]["msg_type"]["const"] == "event" else "message"


def _anchor(definition: dict[str, Any]) -> str:
    """``message-text``, ``event-subscribe`` (a location message and a LOCATION event differ)."""
    return f"{_kind(definition)}-{type_name(definition).replace('_', '-')}"


def _title(lang: str, definition: dict[str, Any]) -> str:
    return event_title(lang, f"{_kind(definition)}.{type_name(definition)}")
