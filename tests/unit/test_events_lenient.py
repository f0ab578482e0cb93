"""SPEC invariant 6: a callback is never refused for the shape of a field, only for its envelope.

A declared field whose value does not fit its type is kept as WeChat sent it, a
field its type usually has may be absent (null), the event is typed all the same,
and ``lenient_fields`` names what was kept or missing (the gateway counts and logs it).
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shared.events import InvalidCallback, WeChatEvent, event_from_xml_fields
from shared.events.base import CallbackFields
from shared.events.events import LocationSelectEvent, PicWeixinEvent, ViewEvent, ViewMiniProgramEvent
from shared.events.lenient import LenientField
from shared.events.messages import ImageMessage, LocationMessage, TextMessage
from shared.events.normalize import snake_case
from shared.events.registry import EVENT_MODELS, MESSAGE_MODELS, UnknownEvent
from shared.xml import parse_xml
from tests.unit.callback_samples import MORE_SAMPLES
from tests.unit.test_events import APP_ID, SAMPLES, body_of, parse, wechat_event_xml, wechat_xml

# A body that serializes with a warning is a body that may not be what the schema says.
pytestmark = pytest.mark.filterwarnings("error")

ENVELOPE = ("ToUserName", "FromUserName", "CreateTime", "MsgType")
NOT_A_VALUE = "MENUID"  # WeChat's own VIEW sample: <MenuId>MENUID</MenuId>


def kept(path: str) -> LenientField:
    return LenientField(path, "kept_as_sent")


def absent(path: str) -> LenientField:
    return LenientField(path, "absent")


# --- the cases seen from outside ----------------------------------------------------------------


@pytest.mark.parametrize("event", ["VIEW", "view_miniprogram"])
def test_a_menu_id_as_wechat_documents_it_is_kept_as_text(event: str) -> None:
    xml = wechat_event_xml(event, f"<EventKey><![CDATA[https://www.qq.com/]]></EventKey><MenuId>{NOT_A_VALUE}</MenuId>")
    typed = parse(xml)
    assert type(typed) in (ViewEvent, ViewMiniProgramEvent)
    assert body_of(typed)["menu_id"] == NOT_A_VALUE
    assert typed.lenient_fields == (kept("menu_id"),)


def test_a_callback_as_declared_notes_nothing() -> None:
    for xml in ALL_SAMPLES.values():
        assert parse(xml).lenient_fields == ()


# (xml, model, {body path: value as sent or null}, noted fields)
SEEN: dict[str, tuple[bytes, type[WeChatEvent], dict[tuple[str, ...], Any], tuple[LenientField, ...]]] = {
    "location_x": (
        wechat_xml("location", "<Location_X>abc</Location_X><Location_Y>113.3</Location_Y><Scale>20</Scale>"),
        LocationMessage,
        {("location_x",): "abc", ("location_y",): 113.3, ("scale",): 20},
        (kept("location_x"),),
    ),
    "msg_id": (
        wechat_xml("text", "<Content>x</Content><MsgId>12ab</MsgId>"),
        TextMessage,
        {("msg_id",): "12ab", ("content",): "x"},
        (kept("msg_id"),),
    ),
    "image_without_media": (
        wechat_xml("image", "<MsgId>1</MsgId>"),
        ImageMessage,
        {("pic_url",): None, ("media_id",): None, ("msg_id",): 1},
        (absent("media_id"), absent("pic_url")),
    ),
    "latitude": (
        wechat_event_xml("LOCATION", "<Latitude>north</Latitude><Longitude>1</Longitude>"),
        EVENT_MODELS["location"],
        {("latitude",): "north", ("longitude",): 1.0, ("precision",): None},
        (kept("latitude"), absent("precision")),
    ),
    "pics_count": (
        wechat_event_xml("pic_weixin", "<EventKey>6</EventKey><SendPicsInfo><Count>many</Count></SendPicsInfo>"),
        PicWeixinEvent,
        {("send_pics_info", "count"): "many", ("send_pics_info", "pic_list"): []},
        (kept("send_pics_info.count"),),
    ),
    "pic_item_without_md5": (
        wechat_event_xml(
            "pic_weixin",
            "<EventKey>6</EventKey><SendPicsInfo><Count>1</Count><PicList><item><Other>x</Other></item>"
            "</PicList></SendPicsInfo>",
        ),
        PicWeixinEvent,
        {("send_pics_info", "pic_list"): [{"pic_md5_sum": None, "other": "x"}]},
        (absent("send_pics_info.pic_list.pic_md5_sum"),),
    ),
    "location_select_as_text": (
        wechat_event_xml("location_select", "<EventKey>6</EventKey><SendLocationInfo>here</SendLocationInfo>"),
        LocationSelectEvent,
        {("send_location_info",): "here"},
        (kept("send_location_info"),),
    ),
    "nan_is_text": (
        wechat_xml("location", "<Location_X>NaN</Location_X><Location_Y>inf</Location_Y><Scale>1.5</Scale>"),
        LocationMessage,
        {("location_x",): "NaN", ("location_y",): "inf", ("scale",): "1.5"},
        (kept("location_x"), kept("location_y"), kept("scale")),
    ),
    "repeated_element": (
        wechat_xml("text", "<Content>a</Content><Content>b</Content><MsgId>7</MsgId>"),
        TextMessage,
        {("content",): ["a", "b"]},
        (kept("content"),),
    ),
    "attribute_keeps_text": (
        wechat_event_xml("VIEW", '<EventKey>u</EventKey><MenuId lang="x">42</MenuId>'),
        ViewEvent,
        {("menu_id",): 42},
        (),
    ),
}


def _at(body: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        body = _into(body, step)[step]
    return body


def _into(value: Any, step: str | int) -> Any:
    """A repeated element WeChat sent once is a one-item list in the body: its fields are in the item."""
    if isinstance(step, str) and isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


@pytest.mark.parametrize("case", list(SEEN))
def test_a_field_that_does_not_fit_is_kept_as_sent_and_noted(case: str) -> None:
    xml, model, values, noted = SEEN[case]
    event = parse(xml)
    assert type(event) is model
    body = body_of(event)
    assert {path: _at(body, path) for path in values} == values
    assert event.lenient_fields == noted


def test_a_non_numeric_msg_id_still_deduplicates_and_the_id_stays_short() -> None:
    long_id = "x" * 400
    first = parse(wechat_xml("text", f"<Content>a</Content><MsgId>{long_id}</MsgId>", create_time=1))
    retry = parse(wechat_xml("text", f"<Content>a</Content><MsgId>{long_id}</MsgId>", create_time=1))
    other = parse(wechat_xml("text", f"<Content>a</Content><MsgId>{long_id}y</MsgId>", create_time=1))
    assert first.id == retry.id != other.id
    assert first.id.startswith(f"{APP_ID}:msg:") and len(first.id) < 64  # it is also the AMQP message_id


@pytest.mark.parametrize("body", ["<EventKey><![CDATA[K]]></EventKey>", "<Event><![CDATA[ ]]></Event>"])
def test_an_event_without_event_is_published_as_unknown(body: str) -> None:
    event = parse(wechat_xml("event", body))
    assert type(event) is UnknownEvent
    assert (event.msg_type, event.event, event.routing_key) == ("event", "", "wx1.event._")


# --- every model, now and later -----------------------------------------------------------------


def _models(base: type[CallbackFields] = CallbackFields) -> Iterator[type[CallbackFields]]:
    for model in base.__subclasses__():
        yield model
        yield from _models(model)


ALL_MODELS = sorted(set(_models()), key=lambda model: model.__name__)
HEAD = {"id": "i", "app_id": APP_ID, "msg_type": "x", "from_user": "o", "to_user": "gh", "create_time": 1}


def _head(model: type[CallbackFields]) -> dict[str, Any]:
    return HEAD if issubclass(model, WeChatEvent) else {}


def test_the_models_are_all_found() -> None:
    registered = {*MESSAGE_MODELS.values(), *EVENT_MODELS.values(), UnknownEvent}
    assert registered <= set(ALL_MODELS)
    assert {"ScanCodeInfo", "PicItem", "SendPicsInfo", "SendLocationInfo"} <= {m.__name__ for m in ALL_MODELS}


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_declared_field_outside_the_envelope_may_be_absent(model: type[CallbackFields]) -> None:
    typed = model.model_validate(_head(model))
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert {name: getattr(typed, name) for name in required - model.ENVELOPE} == dict.fromkeys(
        required - model.ENVELOPE
    )
    json.loads(typed.model_dump_json())


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_declared_field_outside_the_envelope_keeps_any_text(model: type[CallbackFields]) -> None:
    names = [name for name in model.model_fields if name not in model.ENVELOPE | {"event"}]
    typed = model.model_validate(_head(model) | dict.fromkeys(names, NOT_A_VALUE))
    body = json.loads(typed.model_dump_json())
    assert {name: body[name] for name in names} == dict.fromkeys(names, NOT_A_VALUE)


# --- the property: any non-envelope field, any text or none ------------------------------------


Path = tuple[str | int, ...]


def _paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every element path of a parsed callback (through lists, to each element)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*prefix, key)
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))


def _replaced(value: Any, path: Path, new: Any) -> Any:
    """``value`` with the element at ``path`` set to ``new`` (removed when ``new`` is ``_GONE``)."""
    if not path:
        return new
    step, rest = path[0], path[1:]
    if isinstance(value, dict):
        assert isinstance(step, str)
        changed = {**value, step: _replaced(value[step], rest, new)}
        if changed[step] is _GONE:
            del changed[step]
        return changed
    assert isinstance(step, int)
    return [_replaced(inner, rest, new) if index == step else inner for index, inner in enumerate(value)]


_GONE = object()


def _body_path(fields: dict[str, Any], path: Path) -> Path:
    """Where an XML element path of ``fields`` lands in the body: a wrapper of ``item`` elements
    becomes the list (an ``item`` beside other elements stays a field); a top-level AppId is
    ``wechat_app_id``."""
    steps: list[str | int] = []
    value: Any = fields
    for step in path:
        if not (step == "item" and isinstance(value, dict) and value.keys() == {"item"}):
            name = step if isinstance(step, int) else snake_case(step)
            steps.append(f"wechat_{name}" if not steps and name in ("id", "app_id") else name)
        value = value[step]
    return tuple(steps)


ALL_SAMPLES = SAMPLES | MORE_SAMPLES
PARSED = {name: parse_xml(xml) for name, xml in ALL_SAMPLES.items()}
FIELD_PATHS = [(name, path) for name, fields in PARSED.items() for path in _paths(fields) if path[0] not in ENVELOPE]
ENVELOPE_PATHS = [(name, (element,)) for name in PARSED for element in ENVELOPE]
# Any text an XML element can carry (no control characters but tab and line feed).
xml_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n"), max_size=40)


def _in_dedup_key(fields: dict[str, Any], path: Path, model: type[WeChatEvent]) -> bool:
    """Whether the element at ``path`` holds, or is part of, a field of the model's ``DEDUP_FIELDS``."""
    steps = [step for step in _body_path(fields, path) if isinstance(step, str)]
    for field in model.DEDUP_FIELDS:
        names = field.split(".")
        common = min(len(names), len(steps))
        if steps[:common] == names[:common]:
            return True
    return False


def _check_published(name: str, path: Path, new: Any) -> None:
    original = parse(ALL_SAMPLES[name])
    event = event_from_xml_fields(APP_ID, _replaced(PARSED[name], path, new))
    body = body_of(event)
    assert event.routing_key.startswith(f"{APP_ID}.")
    if path[0] in ("Event", "MsgID", "MsgId", "EventKey"):
        return  # the type (Event) or the de-duplication key may change with these
    assert type(event) is type(original)
    if not _in_dedup_key(PARSED[name], path, type(original)):
        assert event.id == original.id
    *parent, last = _body_path(PARSED[name], path)
    container = _into(_at(body, tuple(parent)), last)
    if new is _GONE:
        # null, or the default of an optional field; or the element it leaves empty is null
        assert container is None or container.get(last) in (None, "", [], 0)
        return
    value = container[last]
    if isinstance(value, list) and len(value) == 1:
        value = value[0]  # text sent for a repeated element: a one-item list of it
    if isinstance(value, str):
        assert value == new  # as sent
    else:
        assert isinstance(value, int | float)  # the text read as the declared number


@given(st.sampled_from(FIELD_PATHS), st.one_of(xml_text, st.just(_GONE)))
@example(("view", ("MenuId",)), NOT_A_VALUE)
@example(("location", ("Location_X",)), "north")
@example(("text", ("MsgId",)), "12ab")
@example(("image", ("PicUrl",)), _GONE)
@example(("pic_weixin", ("SendPicsInfo", "PicList", "item", 0, "PicMd5Sum")), _GONE)
@example(("location_select", ("SendLocationInfo", "Scale")), "15.5")
@example(("subscribe_msg_change_event", ("SubscribeMsgChangeEvent", "List", "TemplateId")), _GONE)
@example(("subscribe_msg_change_event", ("SubscribeMsgChangeEvent", "List")), "7")
@example(("publishjobfinish_failed", ("PublishEventInfo", "fail_idx")), "3")
@example(("shakearoundusershake", ("AroundBeacons", "AroundBeacon", 1, "Distance")), "far")
@example(("masssendjobfinish_copyright", ("CopyrightCheckResult", "ResultList", "item", 0, "AuditState")), _GONE)
def test_any_field_outside_the_envelope_may_be_any_text_or_absent(where: tuple[str, Path], new: Any) -> None:
    name, path = where
    _check_published(name, path, new)


@pytest.mark.parametrize("name", list(PARSED))
def test_every_field_of_every_sample_may_be_any_text_or_absent(name: str) -> None:
    # The property below samples; this walks every element once with each kind of text.
    for sample, path in FIELD_PATHS:
        if sample == name:
            for new in ("", "7", "1.5", "MENUID", " 12 ", _GONE):
                _check_published(name, path, new)


@given(st.sampled_from(ENVELOPE_PATHS))
def test_a_callback_missing_an_envelope_field_is_refused(where: tuple[str, Path]) -> None:
    name, path = where
    with pytest.raises(InvalidCallback):
        event_from_xml_fields(APP_ID, _replaced(PARSED[name], path, _GONE))


def test_validating_an_event_again_keeps_its_notes() -> None:
    event = parse(wechat_event_xml("VIEW", f"<EventKey>u</EventKey><MenuId>{NOT_A_VALUE}</MenuId>"))
    assert ViewEvent.model_validate(event).lenient_fields == (kept("menu_id"),)


@given(
    st.sampled_from(list(PARSED)).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.lists(
                st.tuples(
                    st.sampled_from([path for sample, path in FIELD_PATHS if sample == name]),
                    st.one_of(xml_text, st.just(_GONE)),
                ),
                min_size=2,
                max_size=5,
            ),
        )
    )
)
def test_several_fields_changed_at_once_still_publish(case: tuple[str, list[tuple[Path, Any]]]) -> None:
    name, changes = case
    fields = PARSED[name]
    for path, new in changes:
        try:
            fields = _replaced(fields, path, new)
        except (KeyError, IndexError, TypeError, AssertionError):
            continue  # an earlier change removed or replaced this element's parent
    event = event_from_xml_fields(APP_ID, fields)
    assert event.routing_key.startswith(f"{APP_ID}.")
    json.loads(event.model_dump_json())
