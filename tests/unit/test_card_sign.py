"""The 卡券 signatures (wx.addCard's cardExt, wx.chooseCard's cardSign) and what card-signature accepts."""

import hashlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.token.card_signing import AddCard, ChooseCard, parse_request
from shared.card_sign import add_card_signature, card_signature, choose_card_signature
from shared.logging import REDACTED, RedactSecrets

# WeChat's own example (JS-SDK 附录4, 卡券扩展字段及签名生成算法).
DOC: dict[str, Any] = {
    "api_ticket": "ojZ8YtyVyr30HheH3CM73y7h4jJE",
    "timestamp": 1404896688,
    "card_id": "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
    "code": "1434008071",
    "nonce_str": "123",
}
DOC_SIGNATURE = "f137ab68b7f8112d20ee528ab6074564e2796250"

values = st.text(st.characters(codec="utf-8"), max_size=40)


def test_wechats_documented_add_card_example() -> None:
    assert add_card_signature(openid="", **DOC) == DOC_SIGNATURE


def test_the_signed_string_is_the_values_sorted_and_concatenated() -> None:
    plain = "12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk"
    assert hashlib.sha1(plain.encode()).hexdigest() == DOC_SIGNATURE
    assert (
        card_signature(
            "pjZ8Yt1XGILfi-FUsewpnnolGgZk", "1434008071", "1404896688", "123", "ojZ8YtyVyr30HheH3CM73y7h4jJE"
        )
        == DOC_SIGNATURE
    )


@given(st.lists(values, min_size=1, max_size=7), st.randoms())
def test_the_signature_ignores_the_order_of_its_inputs(inputs: list[str], rnd: Any) -> None:
    shuffled = list(inputs)
    rnd.shuffle(shuffled)
    assert card_signature(*inputs) == card_signature(*shuffled)


@given(st.lists(values, max_size=6), st.text(st.characters(codec="utf-8"), min_size=1, max_size=40), st.data())
def test_the_signature_changes_when_a_value_changes_at_the_same_length(
    others: list[str], value: str, data: st.DataObject
) -> None:
    # One character replaced by another: the same length, and no permutation of the values (the signed
    # string's characters change), so only a hash that ignored its input could sign both the same.
    at = data.draw(st.integers(0, len(value) - 1))
    other = data.draw(st.characters(codec="utf-8").filter(lambda char: char != value[at]))
    altered = value[:at] + other + value[at + 1 :]
    assert len(altered) == len(value)
    assert card_signature(*others, value) != card_signature(*others, altered)


@pytest.mark.parametrize("field", ["api_ticket", "timestamp", "card_id", "code", "nonce_str", "openid"])
def test_each_add_card_field_is_signed(field: str) -> None:
    base: dict[str, Any] = {**DOC, "openid": "o1"}
    changed = {**base, field: base[field] + 1 if field == "timestamp" else base[field] + "x"}
    assert add_card_signature(**changed) != add_card_signature(**base)


CHOOSE: dict[str, Any] = {
    "api_ticket": "t", "app_id": "wx1", "timestamp": 1404896688, "nonce_str": "n", "location_id": "123",
    "card_id": "p1", "card_type": "CASH",
}  # fmt: skip


@pytest.mark.parametrize("field", sorted(CHOOSE))
def test_each_choose_card_field_is_signed(field: str) -> None:
    changed = {**CHOOSE, field: CHOOSE[field] + 1 if field == "timestamp" else CHOOSE[field] + "x"}
    assert choose_card_signature(**changed) != choose_card_signature(**CHOOSE)


def test_choose_card_signs_the_bare_values_with_empty_ones_adding_nothing() -> None:
    empty = {**CHOOSE, "location_id": "", "card_id": "", "card_type": ""}
    expected = hashlib.sha1("".join(sorted(["t", "wx1", "1404896688", "n"])).encode()).hexdigest()
    assert choose_card_signature(**empty) == expected


def test_an_add_card_request_answers_the_echoed_fields_and_the_signature() -> None:
    wanted = parse_request({"kind": "add_card", "card_id": DOC["card_id"], "code": DOC["code"]})
    assert isinstance(wanted, AddCard)
    answer = wanted.answer(api_ticket=DOC["api_ticket"], app_id="wx1", timestamp=DOC["timestamp"], nonce_str="123")
    assert answer == {
        "kind": "add_card", "card_id": DOC["card_id"], "code": DOC["code"], "openid": "",
        "timestamp": DOC["timestamp"], "nonce_str": "123", "signature": DOC_SIGNATURE,
    }  # fmt: skip


def test_a_choose_card_request_answers_app_id_sign_type_and_every_field_signed() -> None:
    wanted = parse_request({"kind": "choose_card", "card_type": "MEMBER_CARD"})
    assert isinstance(wanted, ChooseCard)
    answer = wanted.answer(api_ticket="t", app_id="wx1", timestamp=1, nonce_str="n")
    assert answer["signature"] == card_signature("t", "wx1", "1", "n", "MEMBER_CARD")
    assert {k: answer[k] for k in ("card_id", "card_type", "location_id", "app_id", "sign_type")} == {
        "card_id": "", "card_type": "MEMBER_CARD", "location_id": "", "app_id": "wx1", "sign_type": "SHA1",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (None, '"kind"'),
        ({"card_id": "p1"}, "kind"),
        ({"kind": "add_card"}, "card_id: Field required"),
        ({"kind": "add_card", "card_id": "p" * 33}, "card_id"),
        ({"kind": "add_card", "card_id": "p1", "code": "1 2"}, "code"),
        ({"kind": "add_card", "card_id": "p1", "openid": "o" * 129}, "openid"),
        ({"kind": "add_card", "card_id": "p1", "card_type": "CASH"}, "card_type"),
        ({"kind": "choose_card", "card_id": "p/1"}, "card_id"),
        ({"kind": "choose_card", "card_type": "cash"}, "card_type"),
        ({"kind": "choose_card", "location_id": "1" * 21}, "location_id"),
        ({"kind": "choose_card", "code": "1"}, "code"),
    ],
)
def test_bad_requests_are_refused_naming_the_field(body: object, named: str) -> None:
    with pytest.raises(ValueError, match=named):
        parse_request(body)


def test_a_refusal_does_not_echo_the_value_sent() -> None:
    with pytest.raises(ValueError) as refused:
        parse_request({"kind": "add_card", "card_id": "p1", "openid": "secret value"})
    assert "secret value" not in str(refused.value)


@pytest.mark.parametrize("key", ["card_ticket", "api_ticket", "ticket"])
def test_card_tickets_are_redacted_by_name_and_in_text(key: str) -> None:
    out = RedactSecrets()(None, "info", {"event": f"GET ?{key}=abc123&x=1", key: "abc123"})
    assert out == {"event": f"GET ?{key}={REDACTED}&x=1", key: REDACTED}
