"""The token service's pure rules: usability, proactive timing, compare-and-refresh, days, JS-SDK."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.token.credentials import (
    Credential,
    china_day,
    may_refresh_passively,
    next_proactive_refresh,
    seconds_to_next_china_day,
)
from shared.jssdk import jsapi_signature, nonce_str
from shared.wechat.errors import Action, ErrCode, WeChatError, action_for, check

NOW = 1_700_000_000.0


def test_jsapi_signature_matches_wechats_published_example() -> None:
    ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
    signature = jsapi_signature(
        ticket=ticket, nonce="Wm3WZYTPz0wzccnW", timestamp=1414587457, url="http://mp.weixin.qq.com?params=value"
    )
    assert signature == "0f9de62fce790f9a083d5c99e95740ceb90c27ed"


def test_jsapi_signature_ignores_the_fragment() -> None:
    base = {"ticket": "t", "nonce": "n", "timestamp": 1}
    assert jsapi_signature(url="https://a.com/p?x=1#frag", **base) == jsapi_signature(url="https://a.com/p?x=1", **base)  # type: ignore[arg-type]


def test_nonce_str_is_alphanumeric_and_fresh() -> None:
    values = {nonce_str() for _ in range(50)}
    assert len(values) == 50 and all(v.isalnum() and len(v) == 16 for v in values)


def test_a_credential_is_not_handed_out_in_the_last_tenth_of_its_life() -> None:
    credential = Credential("t", expires_at=NOW + 7200, fetched_at=NOW)
    assert credential.usable(NOW + 7169)
    assert not credential.usable(NOW + 7170)  # 30 s safety for a 2 h token
    short = Credential("t", expires_at=NOW + 10, fetched_at=NOW)
    assert short.usable(NOW + 8.9) and not short.usable(NOW + 9)


def test_credential_json_round_trip() -> None:
    credential = Credential("t", expires_at=NOW + 1.5, fetched_at=NOW)
    assert Credential.from_json(credential.to_json()) == credential


@given(
    lifetime=st.floats(10, 10_000),
    margin=st.floats(0, 600),
    jitter=st.floats(0, 120),
    floor=st.floats(1, 60),
)
def test_proactive_refresh_is_before_expiry_by_margin_and_never_a_busy_loop(
    lifetime: float, margin: float, jitter: float, floor: float
) -> None:
    credential = Credential("t", expires_at=NOW + lifetime, fetched_at=NOW)
    wake = next_proactive_refresh(credential, NOW, margin=margin, jitter=jitter, floor=floor)
    assert wake >= NOW + floor
    assert wake <= max(NOW + lifetime - margin, NOW + floor)
    assert wake >= NOW + lifetime - margin - jitter


@pytest.mark.parametrize(
    ("current", "stale", "age", "expected"),
    [
        (None, "x", 0, True),
        ("x", "x", 60, True),
        ("x", "x", 0, True),  # rejected right after its fetch: replaced at once, never handed out again
        ("y", "x", 60, False),  # already replaced
        ("y", "x", 0, False),
    ],
)
def test_compare_and_refresh(current: str | None, stale: str, age: float, expected: bool) -> None:
    credential = None if current is None else Credential(current, expires_at=NOW + 7200, fetched_at=NOW - age)
    assert may_refresh_passively(credential, stale) is expected


def test_quota_days_turn_at_midnight_in_china() -> None:
    # 2023-11-14 15:59:59 UTC is 23:59:59 in Beijing; a second later it is the 15th there.
    assert china_day(1_699_977_599) == "20231114"
    assert china_day(1_699_977_600) == "20231115"


@pytest.mark.parametrize(
    ("now", "expected"),
    [(1_699_977_599, 1), (1_699_977_600, 86_400), (1_699_977_600 - 3_600.5, 3_600.5)],
)
def test_the_quota_comes_back_at_the_next_midnight_in_china(now: float, expected: float) -> None:
    assert seconds_to_next_china_day(now) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("errcode", "action"),
    [
        (ErrCode.INVALID_CREDENTIAL, Action.REFRESH_TOKEN),
        (ErrCode.ACCESS_TOKEN_EXPIRED, Action.REFRESH_TOKEN),
        (ErrCode.INVALID_ACCESS_TOKEN, Action.REFRESH_TOKEN),
        (ErrCode.SYSTEM_BUSY, Action.RETRY),
        (ErrCode.DAILY_QUOTA, Action.FAIL),
        (ErrCode.REQUIRE_SUBSCRIBE, Action.FAIL),
        (ErrCode.INVALID_APPSECRET, Action.FAIL),
        (99999, Action.FAIL),
    ],
)
def test_one_policy_decides_what_an_errcode_means(errcode: int, action: Action) -> None:
    assert action_for(errcode) is action
    assert WeChatError(errcode, "m").retryable is (action is Action.RETRY)


def test_check_passes_success_and_raises_errors() -> None:
    assert check({"errcode": 0, "errmsg": "ok", "msgid": 1}) == {"errcode": 0, "errmsg": "ok", "msgid": 1}
    with pytest.raises(WeChatError) as err:
        check({"errcode": 40001, "errmsg": "invalid credential"})
    assert (err.value.errcode, err.value.errmsg) == (40001, "invalid credential")
    with pytest.raises(WeChatError):
        check(["not", "an", "object"])


def test_an_announcement_names_the_credential_it_announces() -> None:
    from services.token.credentials import Kind
    from services.token.store import announcement, parse_announcement

    credential = Credential("t", expires_at=NOW + 7200, fetched_at=NOW + 0.123456)
    assert parse_announcement(announcement("wx_a-1", Kind.JSAPI_TICKET, credential)) == (
        "wx_a-1",
        Kind.JSAPI_TICKET,
        NOW + 0.123456,
    )
