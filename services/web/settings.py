"""The web service's settings: where browsers reach it, the key that seals ``state``, the pages' hosts."""

from pydantic import Field, SecretStr

from shared.accounts import ConfigError
from shared.settings import CommonSettings


class WebSettings(CommonSettings):
    port: int = Field(default=8085, ge=0, le=65535)
    # The base URL browsers reach this service at; ``redirect_uri`` is built from it, so it must be
    # what WeChat's 网页授权域名 names (unset: http://127.0.0.1:PORT, for a laptop only).
    web_public_url: str | None = None
    web_session_secret: SecretStr | None = None
    # Comma-separated: ``shop.example.com``, ``shop.example.com:8443``, ``*.example.com``; an
    # account's ``web_allowed_hosts`` in the apps file add to these for that account.
    web_allowed_hosts: str = ""
    wechat_oauth_base: str = "https://open.weixin.qq.com"
    # WeChat's consent page, the callback and the business backend each get this long.
    web_login_ttl_seconds: int = Field(default=600, gt=0)
    web_ticket_ttl_seconds: int = Field(default=300, gt=0)
    # A code's exchange result is kept (by a keyed hash of the code) as long as WeChat's codes live.
    web_code_result_ttl_seconds: int = Field(default=300, gt=0)
    # The code exchange at the token service (which calls WeChat once or twice).
    web_exchange_timeout_seconds: float = Field(default=10, gt=0)
    # Redis connections that each carry batches of the requests' commands, one batch in flight each.
    web_redis_pipelines: int = Field(default=4, ge=1, le=16)
    # A jsapi_ticket asked of the token service is used this long before it is asked again.
    web_jsapi_ticket_refresh_seconds: float = Field(default=60, gt=0)

    def public_url(self) -> str:
        return (self.web_public_url or f"http://127.0.0.1:{self.port}").rstrip("/")

    def session_secret(self) -> bytes:
        """``WEB_SESSION_SECRET``, which the service cannot start without."""
        if self.web_session_secret is None or not self.web_session_secret.get_secret_value():
            raise ConfigError("WEB_SESSION_SECRET is required: it seals the OAuth state of every login")
        return self.web_session_secret.get_secret_value().encode()

    def secret_values(self) -> list[str]:
        values = super().secret_values()
        if self.web_session_secret is not None and self.web_session_secret.get_secret_value():
            values.append(self.web_session_secret.get_secret_value())
        return values
