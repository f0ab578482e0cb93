"""The shipped JSON Schema is the generated one and describes the published bodies."""

import json
from pathlib import Path
from typing import Any

import pytest

from shared.events import WeChatEvent, event_from_xml_fields
from shared.events.registry import EVENT_MODELS, MESSAGE_MODELS, UnknownEvent, model_for
from shared.events.schema import events_schema, render
from shared.xml import parse_xml
from tests.unit.callback_samples import MORE_SAMPLES
from tests.unit.test_events import SAMPLES
from tests.unit.test_events_lenient import SEEN

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "events.schema.json"

model_for("text", None)  # fills the registries before parametrize reads them

# What the contract says every body carries.
CONTRACT_FIELDS = ("id", "app_id", "msg_type", "event", "from_user", "to_user", "create_time", "msg_id")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return events_schema()


def test_shipped_schema_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "schema/events.schema.json is stale: run `make schema`"


def test_shipped_schema_is_json_schema_2020_12() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_registered_model_is_in_any_of(schema: dict[str, Any]) -> None:
    models: list[type[WeChatEvent]] = [*MESSAGE_MODELS.values(), *EVENT_MODELS.values(), UnknownEvent]
    refs = {entry["$ref"] for entry in schema["anyOf"]}
    assert refs == {f"#/$defs/{model.__name__}" for model in models}
    assert len(MESSAGE_MODELS) == 10
    assert len(EVENT_MODELS) == 51


@pytest.mark.parametrize("msg_type", sorted(MESSAGE_MODELS))
def test_message_models_fix_their_msg_type(schema: dict[str, Any], msg_type: str) -> None:
    properties = schema["$defs"][MESSAGE_MODELS[msg_type].__name__]["properties"]
    assert properties["msg_type"]["const"] == msg_type
    assert "const" not in properties["event"]


@pytest.mark.parametrize("name", sorted(EVENT_MODELS))
def test_event_models_fix_msg_type_and_event(schema: dict[str, Any], name: str) -> None:
    properties = schema["$defs"][EVENT_MODELS[name].__name__]["properties"]
    assert properties["msg_type"]["const"] == "event"
    assert properties["event"]["const"] == name


def test_unknown_event_fixes_nothing_and_allows_any_field(schema: dict[str, Any]) -> None:
    definition = schema["$defs"]["UnknownEvent"]
    assert "const" not in definition["properties"]["msg_type"]
    assert "const" not in definition["properties"]["event"]
    assert definition["additionalProperties"] is True


def test_contract_fields_are_required(schema: dict[str, Any]) -> None:
    # Every body carries these (msg_id and event as null where absent); the schema should say so.
    models: list[type[WeChatEvent]] = [*MESSAGE_MODELS.values(), *EVENT_MODELS.values(), UnknownEvent]
    missing = {
        model.__name__: sorted(set(CONTRACT_FIELDS) - set(schema["$defs"][model.__name__]["required"]))
        for model in models
    }
    assert {name: fields for name, fields in missing.items() if fields} == {}


# A small structural check in place of jsonschema (not a dependency): types, consts, refs, arrays.
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
    "boolean": (bool,),
}


def _problems(value: Any, node: dict[str, Any], defs: dict[str, Any], where: str) -> list[str]:
    if "$ref" in node:
        return _problems(value, defs[node["$ref"].rsplit("/", 1)[1]], defs, where)
    if "anyOf" in node:
        options = [_problems(value, option, defs, where) for option in node["anyOf"]]
        return [] if any(not problems for problems in options) else [f"{where}: matches no anyOf branch"]
    problems: list[str] = []
    if "const" in node and value != node["const"]:
        problems.append(f"{where}: {value!r} != const {node['const']!r}")
    expected = node.get("type")
    if expected is not None and (
        not isinstance(value, _JSON_TYPES[expected]) or (isinstance(value, bool) and expected != "boolean")
    ):
        return [*problems, f"{where}: {value!r} is not {expected}"]
    if expected == "object":
        problems += [f"{where}.{key}: missing" for key in node.get("required", ()) if key not in value]
        for key, inner in node.get("properties", {}).items():
            if key in value:
                problems += _problems(value[key], inner, defs, f"{where}.{key}")
    if expected == "array" and "items" in node:
        for index, inner in enumerate(value):
            problems += _problems(inner, node["items"], defs, f"{where}[{index}]")
    return problems


@pytest.mark.parametrize("name", list(SAMPLES | MORE_SAMPLES))
def test_parsed_bodies_match_their_model_schema(schema: dict[str, Any], name: str) -> None:
    event = event_from_xml_fields("wx1", parse_xml((SAMPLES | MORE_SAMPLES)[name]))
    body = json.loads(event.model_dump_json())
    definition = schema["$defs"][type(event).__name__]
    assert _problems(body, definition, schema["$defs"], "$") == []
    assert set(definition["properties"]) <= set(body)


def test_structural_check_catches_a_wrong_body(schema: dict[str, Any]) -> None:
    body = json.loads(event_from_xml_fields("wx1", parse_xml(SAMPLES["pic_weixin"])).model_dump_json())
    body["event"] = "click"
    body["create_time"] = "3"
    body["msg_id"] = True
    del body["from_user"]
    problems = _problems(body, schema["$defs"]["PicWeixinEvent"], schema["$defs"], "$")
    assert sorted(problems) == [
        "$.create_time: '3' is not integer",
        "$.event: 'click' != const 'pic_weixin'",
        "$.from_user: missing",
        "$.msg_id: matches no anyOf branch",
    ]


# --- lenient fields (SPEC invariant 6): the schema says what a body may really carry -------------


def test_a_declared_number_is_that_number_or_as_sent(schema: dict[str, Any]) -> None:
    menu_id = schema["$defs"]["ViewEvent"]["properties"]["menu_id"]
    assert menu_id["anyOf"] == [{"type": "integer"}, {"$ref": "#/$defs/AsSent"}, {"type": "null"}]
    as_sent = schema["$defs"]["AsSent"]
    assert as_sent["anyOf"] == [
        {"type": "string"},
        {"items": {}, "type": "array"},
        {"additionalProperties": True, "type": "object"},
    ]
    assert "kept as WeChat sent it" in as_sent["description"]


@pytest.mark.parametrize(
    ("field", "json_type"), [("from_user", "string"), ("to_user", "string"), ("create_time", "integer")]
)
def test_the_envelope_is_always_as_declared(schema: dict[str, Any], field: str, json_type: str) -> None:
    models: list[type[WeChatEvent]] = [*MESSAGE_MODELS.values(), *EVENT_MODELS.values(), UnknownEvent]
    for model in models:
        assert schema["$defs"][model.__name__]["properties"][field]["type"] == json_type, model.__name__


@pytest.mark.parametrize("case", list(SEEN))
def test_bodies_with_fields_kept_as_sent_or_absent_match_their_schema(schema: dict[str, Any], case: str) -> None:
    event = event_from_xml_fields("wx1", parse_xml(SEEN[case][0]))
    assert event.lenient_fields or case == "attribute_keeps_text"
    body = json.loads(event.model_dump_json())
    definition = schema["$defs"][type(event).__name__]
    assert _problems(body, definition, schema["$defs"], "$") == []
    assert set(definition["properties"]) <= set(body)
