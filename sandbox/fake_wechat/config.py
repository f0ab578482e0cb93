"""What the fake starts with: its apps and the numbers of WeChat's token and quota policy."""

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class FakeApp(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    app_id: str = Field(min_length=1)
    app_secret: SecretStr


class FakeWeChatConfig(BaseModel):
    """The fake's policy; the control API changes a running copy, ``/_control/reset`` returns to this."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    apps: tuple[FakeApp, ...] = ()
    token_lifetime_seconds: int = Field(default=7200, gt=0)
    # How long a superseded access_token keeps working after its successor is issued.
    grace_seconds: int = Field(default=300, ge=0)
    ticket_lifetime_seconds: int = Field(default=7200, gt=0)
    # Per app and day (Beijing time): /cgi-bin/token calls, and stable_token calls too unless
    # daily_stable_token_calls gives them a counter of their own.
    daily_token_calls: int = Field(default=2000, ge=0)
    daily_stable_token_calls: int | None = Field(default=None, ge=0)
    force_refresh_daily: int = Field(default=20, ge=0)
    force_refresh_interval_seconds: int = Field(default=30, ge=0)
    # WeChat de-duplicates openid + client_msg_id for 10 minutes.
    client_msg_id_window_seconds: int = Field(default=600, ge=0)
    latency_ms: float = Field(default=0, ge=0)


def parse_apps(spec: str) -> tuple[FakeApp, ...]:
    """``"wx1:secret1,wx2:secret2"`` (``FAKE_WECHAT_APPS``) as apps; the message never quotes a secret."""
    apps = []
    for index, item in enumerate(part.strip() for part in spec.split(",")):
        if not item:
            continue
        app_id, sep, secret = item.partition(":")
        if not sep or not app_id.strip() or not secret:
            raise ValueError(f"FAKE_WECHAT_APPS entry {index + 1} is not app_id:app_secret")
        apps.append(FakeApp(app_id=app_id.strip(), app_secret=SecretStr(secret)))
    return tuple(apps)
