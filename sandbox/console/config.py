"""What the console needs to know: where the gateway and the dispatcher listen, and the accounts."""

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from shared.accounts import Account


class ConsoleConfig(BaseModel):
    """The console's settings, built by the caller (no environment is read here)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    gateway_url: str = Field(min_length=1)  # http://127.0.0.1:8080: callbacks go to {gateway_url}/wechat/{app_id}
    dispatcher_url: str = Field(min_length=1)  # http://127.0.0.1:8082: the stats API
    internal_api_key: SecretStr  # the dispatcher's bearer key
    accounts: dict[str, Account]  # by AppId

    @field_validator("gateway_url", "dispatcher_url")
    @classmethod
    def _no_trailing_slash(cls, url: str) -> str:
        if not url.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return url.rstrip("/")

    @model_validator(mode="after")
    def _keyed_by_app_id(self) -> "ConsoleConfig":
        for app_id, account in self.accounts.items():
            if app_id != account.app_id:
                raise ValueError(f"accounts[{app_id!r}] holds the account of {account.app_id!r}")
        return self
