"""Accounts as the console shows them, its config, and the stats day range."""

import pytest
from pydantic import ValidationError

from sandbox.console.accounts import default_mode, describe, modes_for, original_id, reachable
from sandbox.console.config import ConsoleConfig
from sandbox.console.stats import stats_query
from shared.accounts import Account
from tests.conftest import AES_KEY, TOKEN

SAFE = Account(name="b-safe", app_id="wxsafe", token=TOKEN, encoding_aes_key=AES_KEY)
PLAIN = Account(name="a-plain", app_id="wxplain", token=TOKEN)
API_ONLY = Account(name="api", app_id="wxapi", app_secret="s")


def test_modes_follow_the_keys_an_account_has() -> None:
    assert modes_for(SAFE) == ("plaintext", "compatible", "safe") and default_mode(SAFE) == "safe"
    assert modes_for(PLAIN) == ("plaintext",) and default_mode(PLAIN) == "plaintext"
    assert modes_for(API_ONLY) == ()


def test_original_ids_are_stable_wechat_shaped_and_distinct() -> None:
    assert original_id("wxsafe") == original_id("wxsafe") != original_id("wxplain")
    assert original_id("wxsafe").startswith("gh_") and len(original_id("wxsafe")) == 15


def test_only_accounts_with_a_token_are_listed_without_secrets() -> None:
    listed = reachable({a.app_id: a for a in (SAFE, PLAIN, API_ONLY)})
    assert [a["app_id"] for a in listed] == ["wxplain", "wxsafe"]
    assert describe(SAFE) == {
        "app_id": "wxsafe",
        "name": "b-safe",
        "original_id": original_id("wxsafe"),
        "modes": ["plaintext", "compatible", "safe"],
        "default_mode": "safe",
    }
    assert TOKEN not in str(listed) and AES_KEY not in str(listed)


def test_config_strips_slashes_hides_the_key_and_checks_account_keys() -> None:
    config = ConsoleConfig(
        gateway_url="http://127.0.0.1:8080/",
        dispatcher_url="http://127.0.0.1:8082",
        internal_api_key="secret-key-123",
        accounts={"wxsafe": SAFE},
    )
    assert config.gateway_url == "http://127.0.0.1:8080"
    assert "secret-key-123" not in repr(config)
    with pytest.raises(ValidationError, match="holds the account of"):
        ConsoleConfig(gateway_url="http://g", dispatcher_url="http://d", internal_api_key="k", accounts={"wx": SAFE})
    with pytest.raises(ValidationError, match="http"):
        ConsoleConfig(gateway_url="g:8080", dispatcher_url="http://d", internal_api_key="k", accounts={})


@pytest.mark.parametrize(
    ("now", "days", "expected"),
    [
        (1_704_124_799, 1, {"from": "2024-01-01", "to": "2024-01-01"}),  # 2024-01-01 23:59:59 in China
        (1_704_124_800, 1, {"from": "2024-01-02", "to": "2024-01-02"}),  # 2024-01-02 00:00:00 in China
        (1_704_124_800, 7, {"from": "2023-12-27", "to": "2024-01-02"}),
    ],
)
def test_stats_days_are_china_days_ending_today(now: int, days: int, expected: dict[str, str]) -> None:
    assert stats_query(days, now) == expected


@pytest.mark.parametrize("days", [0, 93])
def test_stats_days_are_bounded(days: int) -> None:
    with pytest.raises(ValueError, match="days"):
        stats_query(days, 0)
