"""The API proxy's settings. It holds no AppSecret: its accounts need only their AppId."""

from pydantic import Field

from shared.settings import CommonSettings

MIB = 1024 * 1024


class ProxySettings(CommonSettings):
    port: int = Field(default=8084, ge=0, le=65535)
    # showqrcode lives on mp.weixin.qq.com and takes a ticket, not a token.
    wechat_mp_base: str = "https://mp.weixin.qq.com"
    # The quota guard refuses (429) once an account has used this share of an endpoint's daily limit.
    proxy_quota_fraction: float = Field(default=0.95, gt=0, le=1)
    # WeChat raises some limits with an account's followers: {"cgi-bin/user/info": 1000000} overrides
    # the catalogue's documented default (PROXY_DAILY_LIMITS as JSON).
    proxy_daily_limits: dict[str, int] = Field(default_factory=dict)
    # Attempts of a call that changes nothing, after -1, a network error or an HTTP 5xx.
    proxy_upstream_attempts: int = Field(default=3, ge=1, le=10)
    proxy_backoff_seconds: float = Field(default=0.2, ge=0)
    proxy_upstream_timeout_seconds: float = Field(default=30, gt=0)
    proxy_upstream_connections: int = Field(default=256, ge=1)
    proxy_max_json_bytes: int = Field(default=4 * MIB, ge=1024)
    proxy_max_upload_bytes: int = Field(default=32 * MIB, ge=1024)
    # An upload is kept for a replay after a token error: in memory up to this, on disk (/tmp) beyond.
    proxy_spool_memory_bytes: int = Field(default=256 * 1024, ge=0)
