"""Typed settings from the environment, one object per service, passed down explicitly."""

import os
import socket
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.accounts import Account, ConfigError, load_accounts


class CommonSettings(BaseSettings):
    """What every service reads: broker, store, accounts, WeChat API, internal auth, logging."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    redis_url: str = "redis://127.0.0.1:6379/0"
    wechat_app_id: str | None = None
    wechat_app_secret: SecretStr | None = None
    wechat_token: SecretStr | None = None
    wechat_encoding_aes_key: SecretStr | None = None
    wechat_previous_encoding_aes_key: SecretStr | None = None
    wechat_apps_file: Path | None = None
    wechat_api_base: str = "https://api.weixin.qq.com"
    token_service_url: str = "http://127.0.0.1:8081"
    internal_api_key: SecretStr | None = None
    log_level: str = "INFO"
    log_format: str = Field(default="auto", pattern="^(auto|json|console)$")
    host: str = "0.0.0.0"  # noqa: S104 - services listen on the pod's interfaces
    port: int = Field(default=8080, ge=0, le=65535)
    shutdown_timeout_seconds: float = Field(default=20.0, gt=0)
    # Names this process to the broker (connection name) and in logs; the pod name on Kubernetes.
    instance_id: str = Field(default_factory=lambda: f"{socket.gethostname()}-{os.getpid()}")

    @cached_property
    def accounts(self) -> dict[str, Account]:
        env_account = {
            "app_id": self.wechat_app_id,
            "app_secret": self.wechat_app_secret,
            "token": self.wechat_token,
            "encoding_aes_key": self.wechat_encoding_aes_key,
            "previous_encoding_aes_key": self.wechat_previous_encoding_aes_key,
        }
        return load_accounts({k: v for k, v in env_account.items() if v is not None}, self.wechat_apps_file)

    def required_internal_api_key(self, used_for: str) -> str:
        """``INTERNAL_API_KEY``, which a service with an internal API cannot start without."""
        if self.internal_api_key is None or not self.internal_api_key.get_secret_value():
            raise ConfigError(f"INTERNAL_API_KEY is required: {used_for}")
        return self.internal_api_key.get_secret_value()

    def secret_values(self) -> list[str]:
        """Every secret value, for the log redaction processor."""
        values = [s for account in self.accounts.values() for s in account.secret_values()]
        if self.internal_api_key is not None:
            values.append(self.internal_api_key.get_secret_value())
        return [v for v in values if v]
