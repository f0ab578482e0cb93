"""Each follower action's callback, exactly as WeChat pushes it, and the scan → subscribe/SCAN decision."""

from typing import Any

import pytest

from sandbox.console.actions import (
    ACTIONS,
    Situation,
    action_named,
    made_up_media_id,
    made_up_ticket,
    parse_params,
)
from sandbox.console.context import message_ids
from sandbox.console.errors import BadInput
from services.gateway.callback import open_callback, read_params
from shared.accounts import Account
from shared.simulator import message_xml, sign_callback
from tests.conftest import TOKEN

NOW = 1_700_000_000
OPENID = "o_sandbox_abc123"
GH = "gh_0123456789ab"


def situation(*, following: bool = False, tickets: dict[str, str] | None = None) -> Situation:
    return Situation(OPENID, GH, following, NOW, 7_000_000_000_000_000_001, tickets or {})


def perform(name: str, raw: dict[str, Any], s: Situation | None = None) -> Any:
    action = action_named(name)
    return action.perform(parse_params(action, raw), s or situation())


HEAD = {"ToUserName": GH, "FromUserName": OPENID, "CreateTime": NOW}


def test_text_is_a_text_message_with_msg_id() -> None:
    done = perform("text", {"content": "hello"})
    assert done.fields == HEAD | {"MsgType": "text", "Content": "hello", "MsgId": 7_000_000_000_000_000_001}
    assert done.shown == {"type": "text", "content": "hello"}


def test_text_line_breaks_become_newlines_as_xml_reads_them() -> None:
    assert perform("text", {"content": "a\r\nb\rc"}).fields["Content"] == "a\nb\nc"


def test_location_carries_wechat_field_names() -> None:
    done = perform("location", {"latitude": 23.134521, "longitude": 113.358803, "scale": 16, "label": "Tianhe"})
    assert done.fields == HEAD | {
        "MsgType": "location",
        "Location_X": 23.134521,
        "Location_Y": 113.358803,
        "Scale": 16,
        "Label": "Tianhe",
        "MsgId": 7_000_000_000_000_000_001,
    }


def test_image_gets_a_stable_made_up_media_id() -> None:
    done = perform("image", {"pic_url": "https://example.com/p.jpg"})
    media_id = made_up_media_id(7_000_000_000_000_000_001)
    assert len(media_id) == 64 and media_id != made_up_media_id(7_000_000_000_000_000_002)
    assert done.fields == HEAD | {
        "MsgType": "image",
        "PicUrl": "https://example.com/p.jpg",
        "MediaId": media_id,
        "MsgId": 7_000_000_000_000_000_001,
    }


@pytest.mark.parametrize(("name", "following"), [("subscribe", True), ("unsubscribe", False)])
@pytest.mark.parametrize("before", [True, False])
def test_follow_and_unfollow_set_the_flag(name: str, following: bool, before: bool) -> None:
    done = perform(name, {}, situation(following=before))
    assert done.fields == HEAD | {"MsgType": "event", "Event": name}
    assert done.following is following


def test_first_scan_of_a_parametric_code_is_a_subscribe_with_qrscene() -> None:
    done = perform("scan", {"scene": "spring"}, situation(following=False, tickets={"spring": "gQTICKET"}))
    assert done.fields == HEAD | {
        "MsgType": "event",
        "Event": "subscribe",
        "EventKey": "qrscene_spring",
        "Ticket": "gQTICKET",
    }
    assert done.following is True


def test_a_follower_scanning_is_a_scan_event_with_the_bare_scene() -> None:
    done = perform("scan", {"scene": 42}, situation(following=True, tickets={"42": "gQ42"}))
    assert done.fields == HEAD | {"MsgType": "event", "Event": "SCAN", "EventKey": "42", "Ticket": "gQ42"}
    assert done.shown == {"type": "event", "event": "SCAN", "scene": "42", "event_key": "42"}
    assert done.following is True


def test_a_scene_no_code_carries_gets_a_stable_made_up_ticket_unless_one_is_given() -> None:
    made_up = perform("scan", {"scene": "x"}).fields["Ticket"]
    assert made_up == made_up_ticket(GH, "x") != made_up_ticket(GH, "y")
    assert made_up.startswith("gQ")
    assert perform("scan", {"scene": "x", "ticket": "given"}).fields["Ticket"] == "given"


def test_menu_click_and_view() -> None:
    assert perform("click", {"key": "NEWS"}).fields == HEAD | {"MsgType": "event", "Event": "CLICK", "EventKey": "NEWS"}
    view = perform("view", {"url": "https://example.com/a?b=1"}).fields
    assert view == HEAD | {"MsgType": "event", "Event": "VIEW", "EventKey": "https://example.com/a?b=1"}


def test_only_messages_carry_a_msg_id() -> None:
    raw: dict[str, dict[str, Any]] = {
        "text": {"content": "x"},
        "location": {"latitude": 1, "longitude": 2},
        "image": {"pic_url": "http://h/p"},
        "scan": {"scene": "s"},
        "click": {"key": "k"},
        "view": {"url": "http://h/"},
    }
    for name in ACTIONS:
        fields = perform(name, raw.get(name, {})).fields
        assert ("MsgId" in fields) is (name in {"text", "location", "image"}), name


@pytest.mark.parametrize(
    ("name", "raw", "field"),
    [
        ("text", {}, "content"),
        ("text", {"content": "   "}, "content"),
        ("text", {"content": "x" * 2049}, "content"),
        ("text", {"content": "bell\x07"}, "content"),
        ("text", {"content": 5}, "content"),
        ("location", {"longitude": 1}, "latitude"),
        ("location", {"latitude": 91, "longitude": 1}, "latitude"),
        ("location", {"latitude": 1, "longitude": "east"}, "longitude"),
        ("location", {"latitude": 1, "longitude": 1, "scale": 0}, "scale"),
        ("location", {"latitude": float("nan"), "longitude": 1}, "latitude"),
        ("image", {"pic_url": "ftp://h/p"}, "pic_url"),
        ("image", {}, "pic_url"),
        ("scan", {"scene": ""}, "scene"),
        ("scan", {"scene": "s" * 65}, "scene"),
        ("scan", {"scene": True}, "scene"),
        ("click", {"key": ""}, "key"),
        ("click", {"key": "k" * 129}, "key"),
        ("view", {"url": "javascript:alert(1)"}, "url"),
    ],
)
def test_bad_parameters_name_their_field(name: str, raw: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_params(action_named(name), raw)
    assert err.value.field == field
    assert err.value.message.startswith(field)


@pytest.mark.parametrize("name", ["", "voice", None, 3, "TEXT"])
def test_an_unknown_action_is_refused(name: object) -> None:
    with pytest.raises(BadInput) as err:
        action_named(name)
    assert err.value.field == "action"


def test_message_ids_are_unique_64_bit_integers() -> None:
    ids = message_ids()
    first = [next(ids) for _ in range(1000)]
    assert len(set(first)) == 1000
    assert all(2**60 < i < 2**63 for i in first)
    assert next(message_ids()) != next(message_ids())


EXPECTED_EVENTS: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "text": ("text", None, {"content": "x"}),
    "location": ("location", None, {"location_x": 1.5, "location_y": 2.5, "scale": 15}),
    "image": ("image", None, {"pic_url": "http://h/p"}),
    "subscribe": ("event", "subscribe", {}),
    "unsubscribe": ("event", "unsubscribe", {}),
    "scan": ("event", "subscribe", {"event_key": "qrscene_s", "scene": "s"}),
    "click": ("event", "click", {"event_key": "k"}),
    "view": ("event", "view", {"event_key": "http://h/"}),
}
RAW: dict[str, dict[str, Any]] = {
    "text": {"content": "x"},
    "location": {"latitude": 1.5, "longitude": 2.5},
    "image": {"pic_url": "http://h/p"},
    "scan": {"scene": "s"},
    "click": {"key": "k"},
    "view": {"url": "http://h/"},
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_the_gateway_types_every_action_as_wechat_would(name: str) -> None:
    account = Account(name="p", app_id="wxplain", token=TOKEN)
    done = perform(name, RAW.get(name, {}))
    callback = sign_callback(message_xml(done.fields), token=TOKEN, timestamp=NOW)
    event = open_callback(
        account, read_params(callback.query), callback.body, now=NOW, window=300, max_bytes=65536
    ).event
    msg_type, event_name, fields = EXPECTED_EVENTS[name]
    assert (event.msg_type, event.event, event.from_user, event.to_user) == (msg_type, event_name, OPENID, GH)
    for key, value in fields.items():
        assert getattr(event, key) == value, key
