"""The OAuth state: within WeChat's rule, bound to its app and expiry by a MAC, opened in constant time."""

import hashlib
import hmac
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.web.state import REFERENCE_LENGTH, STATE_LENGTH, BadState, open_state, seal

SECRET = b"web-session-secret-for-unit-tests"
NOW = 1_700_000_000.0


def test_a_state_is_reference_expiry_and_a_truncated_hmac_sha256() -> None:
    reference = "A" * REFERENCE_LENGTH
    sealed = seal(SECRET, "wx1", now=NOW, ttl=600, reference=reference)
    message = b"wxmp.web.oauth-state.v1\x00wx1\x00" + reference.encode() + b"\x001700000600"
    assert sealed.state == reference + "1700000600" + hmac.new(SECRET, message, hashlib.sha256).hexdigest()[:32]
    assert sealed.expires_at == 1_700_000_600


def test_a_state_obeys_wechats_rule_and_opens_to_its_reference() -> None:
    sealed = seal(SECRET, "wx1", now=NOW, ttl=600)
    assert re.fullmatch(r"[A-Za-z0-9]{1,128}", sealed.state)
    assert len(sealed.state) == STATE_LENGTH <= 128
    assert open_state(SECRET, "wx1", sealed.state, now=NOW + 599) == sealed.reference


def test_references_are_not_repeated() -> None:
    assert len({seal(SECRET, "wx1", now=NOW, ttl=600).reference for _ in range(1000)}) == 1000


@given(position=st.integers(0, STATE_LENGTH - 1), replacement=st.sampled_from("0aZ9"))
def test_any_altered_character_is_refused(position: int, replacement: str) -> None:
    state = seal(SECRET, "wx1", now=NOW, ttl=600, reference="r" * REFERENCE_LENGTH).state
    altered = state[:position] + replacement + state[position + 1 :]
    if altered == state:
        return
    with pytest.raises(BadState) as refused:
        open_state(SECRET, "wx1", altered, now=NOW)
    assert refused.value.reason in {"forged", "malformed"}


def test_a_state_for_another_app_or_under_another_secret_is_forged() -> None:
    state = seal(SECRET, "wx1", now=NOW, ttl=600).state
    for secret, app in ((SECRET, "wx2"), (b"another secret", "wx1")):
        with pytest.raises(BadState, match="forged"):
            open_state(secret, app, state, now=NOW)


def test_a_state_is_expired_at_its_expiry() -> None:
    state = seal(SECRET, "wx1", now=NOW, ttl=600).state
    with pytest.raises(BadState, match="expired"):
        open_state(SECRET, "wx1", state, now=NOW + 600)


@pytest.mark.parametrize(
    "state", ["", "abc", "x" * 64 + "y", "-" * 64, "ａ" * 64, "A" * REFERENCE_LENGTH + "17000006O0" + "0" * 32]
)
def test_malformed_states_are_refused_before_any_mac(state: str) -> None:
    with pytest.raises(BadState, match="malformed"):
        open_state(SECRET, "wx1", state, now=NOW)
