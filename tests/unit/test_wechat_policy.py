"""The one policy after a failed call to WeChat: refresh once, retry only what changes nothing."""

from hypothesis import given
from hypothesis import strategies as st

from shared.wechat.policy import Step, backoff_seconds, next_step

TOKEN_ERRORS = (40001, 40014, 42001)


def test_a_rejected_token_is_refreshed_once_whatever_the_call() -> None:
    for errcode in TOKEN_ERRORS:
        for retry_safe in (True, False):
            assert (
                next_step(errcode, retry_safe=retry_safe, attempt=1, attempts=3, refreshed=False) is Step.REFRESH_TOKEN
            )
            assert next_step(errcode, retry_safe=retry_safe, attempt=2, attempts=3, refreshed=True) is Step.GIVE_UP


def test_busy_is_retried_for_a_read_until_the_attempts_run_out() -> None:
    assert next_step(-1, retry_safe=True, attempt=1, attempts=3, refreshed=False) is Step.RETRY
    assert next_step(-1, retry_safe=True, attempt=2, attempts=3, refreshed=False) is Step.RETRY
    assert next_step(-1, retry_safe=True, attempt=3, attempts=3, refreshed=False) is Step.GIVE_UP


@given(attempt=st.integers(1, 10), attempts=st.integers(1, 10), refreshed=st.booleans())
def test_a_write_is_never_repeated_after_busy(attempt: int, attempts: int, refreshed: bool) -> None:
    assert next_step(-1, retry_safe=False, attempt=attempt, attempts=attempts, refreshed=refreshed) is Step.GIVE_UP


@given(errcode=st.integers().filter(lambda code: code not in (-1, *TOKEN_ERRORS)), retry_safe=st.booleans())
def test_any_other_error_is_final(errcode: int, retry_safe: bool) -> None:
    assert next_step(errcode, retry_safe=retry_safe, attempt=1, attempts=3, refreshed=False) is Step.GIVE_UP


def test_backoff_doubles() -> None:
    assert [backoff_seconds(0.2, n) for n in (1, 2, 3)] == [0.2, 0.4, 0.8]
