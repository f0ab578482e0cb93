"""Where ``wxmp`` finds the platform: flags, then the environment, then ``~/.config/wxmp/config.toml``.

The file is optional. Its top-level keys are the defaults; ``[profiles.NAME]`` tables override
them for ``--profile NAME`` (or ``WXMP_PROFILE``)::

    proxy_url = "http://127.0.0.1:8084"
    app = "wx1234"

    [profiles.prod]
    proxy_url = "https://wxmp-proxy.internal.example.com"
    internal_api_key = "…"        # or INTERNAL_API_KEY in the environment

The key is a ``SecretStr``: no command ever prints it.
"""

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from shared.accounts import Account, ConfigError, load_accounts
from wxmp_cli.errors import CliError, ExitCode

# Setting name → the environment variable that sets it (the services' names where they share one).
ENVIRONMENT = {
    "proxy_url": "WXMP_PROXY_URL",
    "token_service_url": "TOKEN_SERVICE_URL",
    "notifier_url": "NOTIFIER_URL",
    "dispatcher_url": "DISPATCHER_URL",
    "gateway_url": "GATEWAY_URL",
    "internal_api_key": "INTERNAL_API_KEY",
    "app": "WXMP_APP",
    "apps_file": "WECHAT_APPS_FILE",
    "timeout_seconds": "WXMP_TIMEOUT_SECONDS",
}
ACCOUNT_ENVIRONMENT = {
    "app_id": "WECHAT_APP_ID",
    "token": "WECHAT_TOKEN",
    "encoding_aes_key": "WECHAT_ENCODING_AES_KEY",
    "previous_encoding_aes_key": "WECHAT_PREVIOUS_ENCODING_AES_KEY",
}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    proxy_url: str = "http://127.0.0.1:8084"
    token_service_url: str = "http://127.0.0.1:8081"
    notifier_url: str = "http://127.0.0.1:8083"
    dispatcher_url: str = "http://127.0.0.1:8082"
    gateway_url: str = "http://127.0.0.1:8080"
    internal_api_key: SecretStr | None = None
    app: str | None = None
    apps: tuple[str, ...] = ()  # further accounts `wxmp apps` shows (the platform has no list of its own)
    apps_file: Path | None = None
    timeout_seconds: float = 60.0
    # The accounts' Token and EncodingAESKey from WECHAT_* (callback send, check): never from a flag.
    env_account: dict[str, SecretStr] = {}

    def api_key(self) -> str:
        if self.internal_api_key is None or not self.internal_api_key.get_secret_value():
            raise CliError(
                "no internal API key: set INTERNAL_API_KEY (or internal_api_key in the profile)", ExitCode.PLATFORM
            )
        return self.internal_api_key.get_secret_value()

    def accounts(self) -> dict[str, Account]:
        """The accounts configured as the services configure them (WECHAT_APPS_FILE, WECHAT_*)."""
        try:
            env = {
                name: value.get_secret_value() if name == "app_id" else value
                for name, value in self.env_account.items()
            }
            return load_accounts(env, self.apps_file)
        except ConfigError as exc:
            raise CliError(str(exc), ExitCode.USAGE) from None

    def account(self, app_id: str) -> Account:
        account = self.accounts().get(app_id)
        if account is None:
            raise CliError(
                f"no Token for {app_id}: set WECHAT_APPS_FILE (or WECHAT_APP_ID and WECHAT_TOKEN) as for the gateway",
                ExitCode.USAGE,
            )
        return account

    def app_id(self, flag: str | None) -> str:
        """The account a command is for: --app, WXMP_APP, the profile's ``app``, or the one configured account."""
        chosen = flag or self.app
        if chosen:
            return chosen
        configured = list(self.accounts())
        if len(configured) == 1:
            return configured[0]
        raise CliError("which account? give --app APP_ID (or set WXMP_APP, or app in the profile)", ExitCode.USAGE)


def config_path(env: Mapping[str, str]) -> Path:
    if env.get("WXMP_CONFIG"):
        return Path(env["WXMP_CONFIG"])
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "wxmp" / "config.toml"


def read_config(path: Path, profile: str | None) -> dict[str, Any]:
    """The file's settings for ``profile`` (its defaults without one); {} when there is no file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if profile:
            raise CliError(f"no profile {profile!r}: {path} does not exist", ExitCode.USAGE) from None
        return {}
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}", ExitCode.USAGE) from None
    except tomllib.TOMLDecodeError as exc:
        raise CliError(f"{path} is not valid TOML: {exc}", ExitCode.USAGE) from None
    profiles = data.pop("profiles", {})
    if not profile:
        return data
    if not isinstance(profiles, dict) or not isinstance(profiles.get(profile), dict):
        known = ", ".join(sorted(profiles)) if isinstance(profiles, dict) and profiles else "none"
        raise CliError(f"no profile {profile!r} in {path} (profiles: {known})", ExitCode.USAGE)
    return {**data, **profiles[profile]}


def resolve(flags: Mapping[str, Any], env: Mapping[str, str], config: Mapping[str, Any]) -> Settings:
    """Flags over the environment over the file (over the defaults)."""
    values: dict[str, Any] = dict(config)
    values |= {name: env[variable] for name, variable in ENVIRONMENT.items() if env.get(variable)}
    values |= {name: value for name, value in flags.items() if value is not None}
    values["env_account"] = {name: env[var] for name, var in ACCOUNT_ENVIRONMENT.items() if env.get(var)}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_input=False))
        raise CliError(f"bad settings: {where}", ExitCode.USAGE) from None


def load(flags: Mapping[str, Any], profile: str | None, env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    profile = profile or env.get("WXMP_PROFILE") or None
    return resolve(flags, env, read_config(config_path(env), profile))
