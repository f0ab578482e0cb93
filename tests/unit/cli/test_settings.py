"""wxmp's settings: flags over the environment over the config file's profile over its defaults; the key never shown."""

from pathlib import Path

import pytest

from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.settings import config_path, load, read_config, resolve

CONFIG = """
proxy_url = "http://file-default:8084"
app = "wxFile"

[profiles.prod]
proxy_url = "http://prod:8084"
internal_api_key = "prod-key-1234"
"""


def write(tmp_path: Path, text: str = CONFIG) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def test_flags_over_environment_over_profile_over_file_defaults(tmp_path: Path) -> None:
    env = {"WXMP_CONFIG": str(write(tmp_path))}
    assert load({}, None, env).proxy_url == "http://file-default:8084"
    assert load({}, "prod", env).proxy_url == "http://prod:8084"
    assert load({}, None, env | {"WXMP_PROFILE": "prod"}).proxy_url == "http://prod:8084"
    with_env = env | {"WXMP_PROXY_URL": "http://env:8084"}
    assert load({}, "prod", with_env).proxy_url == "http://env:8084"
    assert load({"proxy_url": "http://flag:8084"}, "prod", with_env).proxy_url == "http://flag:8084"
    assert load({"proxy_url": None}, "prod", with_env).proxy_url == "http://env:8084"


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load({}, None, {"XDG_CONFIG_HOME": str(tmp_path)})
    assert (settings.proxy_url, settings.notifier_url, settings.internal_api_key) == (
        "http://127.0.0.1:8084", "http://127.0.0.1:8083", None,
    )  # fmt: skip
    assert config_path({"XDG_CONFIG_HOME": "/x"}) == Path("/x/wxmp/config.toml")


def test_the_key_is_a_secret_never_in_a_repr(tmp_path: Path) -> None:
    settings = load({}, "prod", {"WXMP_CONFIG": str(write(tmp_path))})
    assert settings.api_key() == "prod-key-1234"
    assert "prod-key-1234" not in repr(settings) and "prod-key-1234" not in str(settings.model_dump())


def test_no_key_is_a_platform_error_naming_the_variable() -> None:
    with pytest.raises(CliError) as caught:
        resolve({}, {}, {}).api_key()
    assert caught.value.code is ExitCode.PLATFORM and "INTERNAL_API_KEY" in caught.value.message


def test_an_unknown_profile_names_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(CliError, match=r"no profile 'staging'.*profiles: prod"):
        read_config(write(tmp_path), "staging")
    with pytest.raises(CliError, match="does not exist"):
        read_config(tmp_path / "missing.toml", "prod")
    assert read_config(tmp_path / "missing.toml", None) == {}


def test_a_broken_file_or_an_unknown_setting_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(CliError, match="not valid TOML") as caught:
        read_config(write(tmp_path, "proxy_url = "), None)
    assert caught.value.code is ExitCode.USAGE
    with pytest.raises(CliError, match="proxy_ulr"):
        resolve({}, {}, {"proxy_ulr": "http://typo"})


def test_the_account_is_the_flag_the_environment_or_the_one_configured(tmp_path: Path) -> None:
    assert resolve({}, {"WXMP_APP": "wxEnv"}, {}).app_id("wxFlag") == "wxFlag"
    assert resolve({}, {"WXMP_APP": "wxEnv"}, {}).app_id(None) == "wxEnv"
    assert resolve({}, {"WECHAT_APP_ID": "wxOnly", "WECHAT_TOKEN": "t"}, {}).app_id(None) == "wxOnly"
    with pytest.raises(CliError, match="--app"):
        resolve({}, {}, {}).app_id(None)
