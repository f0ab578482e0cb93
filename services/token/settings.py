"""The token service's settings."""

from typing import Literal

from pydantic import Field

from shared.settings import CommonSettings


class TokenSettings(CommonSettings):
    port: int = Field(default=8081, ge=0, le=65535)
    # `token`: GET /cgi-bin/token; `stable_token`: POST /cgi-bin/stable_token.
    token_upstream_mode: Literal["token", "stable_token"] = "token"
    # Replace a credential this long before it expires, minus up to the jitter,
    # so replicas and accounts do not all refresh at once.
    refresh_margin_seconds: float = Field(default=300, ge=0)
    refresh_jitter_seconds: float = Field(default=60, ge=0)
    # The proactive refresh loop never wakes sooner than this (at least 1 s) after it looked:
    # no busy loop when WeChat hands out short-lived tokens. A passive refresh of a token
    # WeChat rejected is never held back by it (README, "The token service").
    min_refresh_interval_seconds: float = Field(default=10, ge=0)
    # Upstream fetches a day (per account and credential) before the guard refuses;
    # WeChat allows 2,000 access_token fetches a day.
    daily_fetch_limit: int = Field(default=1800, ge=1)
    # WeChat allows stable_token force_refresh 20 times a day, 30 s apart.
    stable_force_daily_limit: int = Field(default=20, ge=0)
    stable_force_min_interval_seconds: float = Field(default=30, ge=0)
    lock_ttl_seconds: float = Field(default=15, gt=0)
    upstream_timeout_seconds: float = Field(default=5, gt=0)
    upstream_attempts: int = Field(default=3, ge=1)

    def served_secrets(self) -> dict[str, str]:
        """AppSecret by AppId: the accounts this replica serves (those with an ``app_secret``)."""
        return {app_id: acc.app_secret.get_secret_value() for app_id, acc in self.accounts.items() if acc.app_secret}
