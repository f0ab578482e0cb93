"""Accounts from the environment and from WECHAT_APPS_FILE; bad config names the field, not the secret."""

from pathlib import Path

import pytest

from services.gateway.settings import GatewaySettings
from shared.accounts import ConfigError, load_accounts, load_apps_file
from tests.conftest import AES_KEY, OLD_AES_KEY


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "apps.yaml"
    path.write_text(text)
    return path


def test_apps_file_with_many_accounts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""
apps:
  - {{name: shop, app_id: wxshop, app_secret: s1, token: t1, encoding_aes_key: {AES_KEY},
      previous_encoding_aes_key: {OLD_AES_KEY}}}
  - {{name: news, app_id: wxnews, app_secret: s2, token: t2}}
""",
    )
    accounts = load_apps_file(path)
    assert sorted(accounts) == ["wxnews", "wxshop"]
    assert accounts["wxshop"].cipher is not None and accounts["wxshop"].cipher.previous is not None
    assert accounts["wxnews"].cipher is None


def test_environment_account_joins_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "apps:\n  - {name: a, app_id: wxa, token: t}\n")
    settings = GatewaySettings(wechat_app_id="wxenv", wechat_token="t2", wechat_apps_file=path)
    assert sorted(settings.accounts) == ["wxa", "wxenv"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("apps:\n  - {name: a, app_id: wxa, token: t, encoding_aes_key: tooshort}\n", "account a: EncodingAESKey"),
        ("apps:\n  - {name: a, app_id: wxa}\n  - {name: b, app_id: wxa}\n", "app_id wxa is configured twice"),
        ("apps:\n  - {name: a}\n", "apps.0.app_id: Field required"),
        ("apps:\n  - {name: a, app_id: 'wx a'}\n", "apps.0.app_id"),
        ("apps: [\n", "is not valid YAML at line 2, column 1"),
        ("apps:\n  - {name: a, app_id: wxa, colour: red}\n", "apps.0.colour"),
    ],
)
def test_bad_apps_file_names_the_problem(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace(".", r"\.")):
        load_apps_file(write(tmp_path, text))


def test_missing_apps_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read WECHAT_APPS_FILE"):
        load_apps_file(tmp_path / "absent.yaml")


def test_config_errors_never_echo_a_secret() -> None:
    with pytest.raises(ConfigError) as err:
        load_accounts({"app_id": "wxa", "encoding_aes_key": "SECRET-but-too-short"}, None)
    assert "SECRET" not in str(err.value)


def test_secret_values_are_collected_for_redaction() -> None:
    settings = GatewaySettings(
        wechat_app_id="wxa", wechat_token="tok-1", wechat_app_secret="sec-1", internal_api_key="key-1",
        wechat_apps_file=None,
    )  # fmt: skip
    assert sorted(settings.secret_values()) == ["key-1", "sec-1", "tok-1"]
