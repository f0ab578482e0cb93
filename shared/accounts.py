"""The official accounts this deployment serves, from ``WECHAT_APP_*`` or ``WECHAT_APPS_FILE``."""

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from shared.crypto import AccountCipher, CryptoError, MessageCipher


class ConfigError(ValueError):
    """Settings that cannot run; the message names the field, never its secret value."""


class Account(BaseModel):
    """One official account. The key fields are optional for plaintext-mode accounts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    app_id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_-]+$")
    app_secret: SecretStr | None = None
    token: SecretStr | None = None
    encoding_aes_key: SecretStr | None = None
    previous_encoding_aes_key: SecretStr | None = None
    # Hosts this account's H5 pages live on (the web service: login ``return_to`` and JS-SDK
    # pages), besides WEB_ALLOWED_HOSTS: ``shop.example.com``, ``shop.example.com:8443`` or
    # ``*.example.com`` (any subdomain, not the domain itself).
    web_allowed_hosts: tuple[str, ...] = ()

    @cached_property
    def cipher(self) -> AccountCipher | None:
        """The AES cipher (with the previous key during a change), or None in plaintext mode."""
        if self.encoding_aes_key is None:
            return None
        previous = self.previous_encoding_aes_key
        return AccountCipher(
            MessageCipher.from_encoding_aes_key(self.encoding_aes_key.get_secret_value(), self.app_id),
            MessageCipher.from_encoding_aes_key(previous.get_secret_value(), self.app_id) if previous else None,
        )

    def secret_values(self) -> list[str]:
        secrets = (self.app_secret, self.token, self.encoding_aes_key, self.previous_encoding_aes_key)
        return [s.get_secret_value() for s in secrets if s is not None and s.get_secret_value()]


class _AppsFile(BaseModel):
    apps: list[Account]


def _validated(accounts: list[Account]) -> dict[str, Account]:
    by_id: dict[str, Account] = {}
    for account in accounts:
        if account.app_id in by_id:
            raise ConfigError(f"app_id {account.app_id} is configured twice")
        try:
            _ = account.cipher  # a bad EncodingAESKey fails at start, not at the first callback
        except CryptoError as exc:
            raise ConfigError(f"account {account.name}: {exc.reason}") from None
        by_id[account.app_id] = account
    return by_id


def load_apps_file(path: Path) -> dict[str, Account]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read WECHAT_APPS_FILE {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        # Only the position: the message would quote the file, secrets and all.
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"WECHAT_APPS_FILE {path} is not valid YAML{where}") from None
    try:
        parsed = _AppsFile.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"WECHAT_APPS_FILE {path}: {where}") from None
    return _validated(parsed.apps)


def load_accounts(env_account: Mapping[str, SecretStr | str | None], apps_file: Path | None) -> dict[str, Account]:
    """Every configured account by AppId: the one from the environment and those in the file."""
    accounts = list(load_apps_file(apps_file).values()) if apps_file else []
    if env_account.get("app_id"):
        try:
            accounts.append(Account.model_validate({"name": "default", **env_account}))
        except ValidationError as exc:
            where = "; ".join(f"WECHAT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
            raise ConfigError(where) from None
    return _validated(accounts)
