"""The send request's envelope: every wrong field is named, an unknown app is told apart."""

from typing import Any

import pytest

from sandbox.console.accounts import CallbackMode
from sandbox.console.actions import TextParams
from sandbox.console.errors import BadInput, UnknownApp
from sandbox.console.inputs import int_param, parse_send
from shared.accounts import Account
from tests.conftest import AES_KEY, TOKEN

SAFE = Account(name="safe", app_id="wxsafe", token=TOKEN, encoding_aes_key=AES_KEY)
PLAIN = Account(name="plain", app_id="wxplain", token=TOKEN)
ACCOUNTS = {a.app_id: a for a in (SAFE, PLAIN)}
GOOD = {"app_id": "wxsafe", "openid": "o_sandbox_1", "mode": "compatible", "action": "text", "content": "hi"}


def test_a_good_request_parses() -> None:
    request = parse_send(GOOD, ACCOUNTS)
    assert (request.account, request.openid, request.mode, request.action_name) == (
        SAFE,
        "o_sandbox_1",
        CallbackMode.COMPATIBLE,
        "text",
    )
    assert request.params == TextParams(content="hi")


@pytest.mark.parametrize(("app_id", "mode"), [("wxsafe", CallbackMode.SAFE), ("wxplain", CallbackMode.PLAINTEXT)])
def test_without_a_mode_the_account_default_is_used(app_id: str, mode: CallbackMode) -> None:
    assert parse_send(GOOD | {"app_id": app_id, "mode": None}, ACCOUNTS).mode is mode


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"app_id": None}, "app_id"),
        ({"app_id": 7}, "app_id"),
        ({"openid": ""}, "openid"),
        ({"openid": "bob"}, "openid"),
        ({"openid": "o bob"}, "openid"),
        ({"openid": "o" + "x" * 64}, "openid"),
        ({"mode": "aes"}, "mode"),
        ({"app_id": "wxplain", "mode": "safe"}, "mode"),
        ({"action": "dance"}, "action"),
        ({"action": None}, "action"),
        ({"content": ""}, "content"),
    ],
)
def test_a_wrong_field_is_named(change: dict[str, Any], field: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_send(GOOD | change, ACCOUNTS)
    assert err.value.field == field
    assert field in err.value.message


@pytest.mark.parametrize("body", [None, [], "text"])
def test_the_body_must_be_an_object(body: object) -> None:
    with pytest.raises(BadInput) as err:
        parse_send(body, ACCOUNTS)
    assert err.value.field == "body"


def test_an_unknown_app_is_not_a_bad_field() -> None:
    with pytest.raises(UnknownApp) as err:
        parse_send(GOOD | {"app_id": "wxnobody"}, ACCOUNTS)
    assert err.value.app_id == "wxnobody"


@pytest.mark.parametrize(("query", "value"), [({}, 7), ({"days": ""}, 7), ({"days": "1"}, 1), ({"days": "92"}, 92)])
def test_int_params_default_and_bounds(query: dict[str, str], value: int) -> None:
    assert int_param(query, "days", default=7, low=1, high=92) == value


@pytest.mark.parametrize("raw", ["0", "93", "seven", "1.5"])
def test_int_params_out_of_bounds_are_named(raw: str) -> None:
    with pytest.raises(BadInput) as err:
        int_param({"days": raw}, "days", default=7, low=1, high=92)
    assert err.value.field == "days"
