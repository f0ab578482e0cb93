"""``python -m sandbox.fake_wechat`` settings from the environment, turned into the fake's config."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from sandbox.fake_wechat.config import FakeApp, FakeWeChatConfig, parse_apps
from shared.accounts import load_apps_file


class FakeWeChatSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8091, ge=0, le=65535)
    log_level: str = "INFO"
    log_format: str = Field(default="auto", pattern="^(auto|json|console)$")
    # Apps: the services' own WECHAT_APPS_FILE and WECHAT_APP_ID/SECRET, plus FAKE_WECHAT_APPS="wx1:s1,wx2:s2".
    wechat_apps_file: Path | None = None
    wechat_app_id: str | None = None
    wechat_app_secret: SecretStr | None = None
    fake_wechat_apps: SecretStr = SecretStr("")
    fake_wechat_token_lifetime_seconds: int = Field(default=7200, gt=0)
    fake_wechat_grace_seconds: int = Field(default=300, ge=0)
    fake_wechat_daily_token_calls: int = Field(default=2000, ge=0)
    fake_wechat_latency_ms: float = Field(default=0, ge=0)

    def apps(self) -> tuple[FakeApp, ...]:
        found: dict[str, FakeApp] = {}
        if self.wechat_apps_file is not None:
            for account in load_apps_file(self.wechat_apps_file).values():
                if account.app_secret is not None:
                    found[account.app_id] = FakeApp(app_id=account.app_id, app_secret=account.app_secret)
        if self.wechat_app_id and self.wechat_app_secret is not None:
            found[self.wechat_app_id] = FakeApp(app_id=self.wechat_app_id, app_secret=self.wechat_app_secret)
        for app in parse_apps(self.fake_wechat_apps.get_secret_value()):
            found[app.app_id] = app
        return tuple(found.values())

    def config(self) -> FakeWeChatConfig:
        return FakeWeChatConfig(
            apps=self.apps(),
            token_lifetime_seconds=self.fake_wechat_token_lifetime_seconds,
            ticket_lifetime_seconds=self.fake_wechat_token_lifetime_seconds,
            grace_seconds=self.fake_wechat_grace_seconds,
            daily_token_calls=self.fake_wechat_daily_token_calls,
            latency_ms=self.fake_wechat_latency_ms,
        )
