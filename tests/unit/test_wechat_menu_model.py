"""The menu model against WeChat's rules: any valid menu passes and round-trips; any violation is refused."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.models.menu import (
    KEY_BYTES,
    MAX_BUTTONS,
    MAX_SUB_BUTTONS,
    NAME_BYTES,
    REQUIRED_KEYS,
    SUB_NAME_BYTES,
    URL_BYTES,
    Menu,
)

# ASCII (1 byte), Chinese (3 bytes) and an emoji (4 bytes): byte limits, not character limits.
_ALPHABET = st.sampled_from([*"abcXYZ09 -_", *"菜单今日歌曲", "🙂"])


def _within(max_bytes: int, characters: list[str]) -> str:
    """The longest prefix of ``characters`` that fits ``max_bytes`` in UTF-8."""
    text = ""
    for character in characters:
        if len((text + character).encode()) > max_bytes:
            break
        text += character
    return text


def _text(max_bytes: int) -> st.SearchStrategy[str]:
    return st.lists(_ALPHABET, min_size=1, max_size=max_bytes).map(lambda chars: _within(max_bytes, chars))


def _value(key: str) -> st.SearchStrategy[str]:
    if key == "key":
        return _text(KEY_BYTES)
    if key == "url":
        return st.text("abcdef0123/", max_size=100).map(lambda path: f"https://example.com/{path}")
    return st.text("abcdefXYZ_0123", min_size=1, max_size=40)


@st.composite
def actions(draw: st.DrawFn, name_bytes: int = SUB_NAME_BYTES) -> dict[str, Any]:
    button_type = draw(st.sampled_from(sorted(REQUIRED_KEYS)))
    button: dict[str, Any] = {"type": button_type, "name": draw(_text(name_bytes))}
    for key in REQUIRED_KEYS[button_type]:
        button[key] = draw(_value(key))
    return button


@st.composite
def top_buttons(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return draw(actions(NAME_BYTES))
    subs = draw(st.lists(actions(), min_size=1, max_size=MAX_SUB_BUTTONS))
    return {"name": draw(_text(NAME_BYTES)), "sub_button": subs}


menus = st.lists(top_buttons(), min_size=1, max_size=MAX_BUTTONS).map(lambda buttons: {"button": buttons})
groups = top_buttons().filter(lambda button: "sub_button" in button)


@given(menus)
def test_any_valid_menu_passes_and_round_trips(raw: dict[str, Any]) -> None:
    menu = Menu.model_validate(raw)
    assert menu.body() == raw
    assert Menu.model_validate(menu.body()) == menu


@given(st.lists(top_buttons(), min_size=MAX_BUTTONS + 1, max_size=MAX_BUTTONS + 3))
def test_more_than_three_buttons_are_refused(buttons: list[dict[str, Any]]) -> None:
    with pytest.raises(ValidationError):
        Menu.model_validate({"button": buttons})


@given(st.lists(actions(), min_size=MAX_SUB_BUTTONS + 1, max_size=MAX_SUB_BUTTONS + 3), _text(NAME_BYTES))
def test_more_than_five_sub_buttons_are_refused(subs: list[dict[str, Any]], name: str) -> None:
    with pytest.raises(ValidationError, match="at most 5 sub-buttons"):
        Menu.model_validate({"button": [{"name": name, "sub_button": subs}]})


@given(menus, st.integers(min_value=NAME_BYTES + 1, max_value=SUB_NAME_BYTES))
def test_a_top_level_name_over_16_bytes_is_refused(raw: dict[str, Any], size: int) -> None:
    raw["button"][0]["name"] = "a" * size
    with pytest.raises(ValidationError, match="16 bytes"):
        Menu.model_validate(raw)


@given(groups, st.integers(min_value=SUB_NAME_BYTES + 1, max_value=SUB_NAME_BYTES + 40))
def test_a_sub_button_name_over_60_bytes_is_refused(group: dict[str, Any], size: int) -> None:
    group["sub_button"][0]["name"] = "x" * size
    with pytest.raises(ValidationError, match="60 bytes"):
        Menu.model_validate({"button": [group]})


@given(actions(NAME_BYTES), st.data())
def test_a_button_missing_a_key_its_type_needs_is_refused(button: dict[str, Any], data: st.DataObject) -> None:
    missing = data.draw(st.sampled_from(REQUIRED_KEYS[button["type"]]))
    del button[missing]
    with pytest.raises(ValidationError, match=f"needs {missing}"):
        Menu.model_validate({"button": [button]})


@pytest.mark.parametrize(
    ("name", "accepted"),
    [
        ("a" * 16, True), ("a" * 17, False), ("菜单今日歌曲", False), ("菜单今日歌a", True),
        ("🙂🙂🙂🙂", True), ("🙂🙂🙂🙂a", False),
    ],
)  # fmt: skip
def test_the_top_level_name_limit_counts_utf8_bytes(name: str, accepted: bool) -> None:
    raw = {"button": [{"type": "click", "name": name, "key": "K"}]}
    if accepted:
        Menu.model_validate(raw)
    else:
        with pytest.raises(ValidationError):
            Menu.model_validate(raw)


@pytest.mark.parametrize(
    ("field", "limit", "extra"),
    [("key", KEY_BYTES, {"type": "click"}), ("url", URL_BYTES, {"type": "view"})],
)
def test_keys_and_urls_at_and_past_their_limit(field: str, limit: int, extra: dict[str, str]) -> None:
    Menu.model_validate({"button": [{**extra, "name": "n", field: "k" * limit}]})
    with pytest.raises(ValidationError, match=f"at most {limit} bytes"):
        Menu.model_validate({"button": [{**extra, "name": "n", field: "k" * (limit + 1)}]})


@pytest.mark.parametrize(
    "button",
    [
        {"name": "n"},  # neither type nor sub_button
        {"name": "n", "type": "teleport", "key": "K"},
        {"name": "n", "type": "click", "key": "K", "sub_button": [{"name": "s", "type": "click", "key": "K"}]},
        {"name": "n", "sub_button": [{"name": "s", "sub_button": [{"name": "t", "type": "click", "key": "K"}]}]},
        {"name": "", "type": "click", "key": "K"},
    ],
    ids=["no-type", "unknown-type", "type-and-group", "nested-groups", "empty-name"],
)
def test_malformed_buttons_are_refused(button: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Menu.model_validate({"button": [button]})


def test_an_empty_menu_and_an_empty_matchrule_are_refused() -> None:
    with pytest.raises(ValidationError):
        Menu.model_validate({"button": []})
    with pytest.raises(ValidationError, match="at least one condition"):
        Menu.model_validate({"button": [{"type": "click", "name": "n", "key": "K"}], "matchrule": {}})


def test_menu_get_answers_read_back_without_their_menuid() -> None:
    raw = {"button": [{"type": "click", "name": "n", "key": "K"}], "matchrule": {"tag_id": "2"}, "menuid": 208379533}
    assert Menu.model_validate(raw).body() == {"button": raw["button"], "matchrule": {"tag_id": "2"}}
