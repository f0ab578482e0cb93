"""Bodies of the ``/_control/`` API, validated (unknown fields refused) before they touch the state."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sandbox.fake_wechat.audience import EVERY_APP
from sandbox.fake_wechat.config import FakeApp


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppsBody(_Body):
    """``{"app_id", "app_secret"}`` or ``{"apps": [...]}``."""

    apps: list[FakeApp] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _single(cls, data: Any) -> Any:
        return {"apps": [data]} if isinstance(data, dict) and "apps" not in data else data


class ExpireBody(_Body):
    app_id: str


class FailBody(_Body):
    path: str = Field(pattern=r"^/")
    errcode: int = -1
    errmsg: str | None = None
    count: int = Field(default=1, ge=1)
    status: int | None = Field(default=None, ge=100, le=599)
    app_id: str | None = None
    drop: bool = False  # process the call, then close the connection without an answer
    hold_ms: float = Field(default=0, ge=0, le=60_000)


class LatencyBody(_Body):
    ms: float = Field(ge=0)
    path: str | None = None


class LifetimeBody(_Body):
    seconds: int | None = Field(default=None, gt=0)
    grace_seconds: int | None = Field(default=None, ge=0)
    ticket_seconds: int | None = Field(default=None, gt=0)  # defaults to ``seconds``

    def changes(self) -> dict[str, int]:
        changes = {} if self.grace_seconds is None else {"grace_seconds": self.grace_seconds}
        if self.seconds is not None:
            changes["token_lifetime_seconds"] = changes["ticket_lifetime_seconds"] = self.seconds
        if self.ticket_seconds is not None:
            changes["ticket_lifetime_seconds"] = self.ticket_seconds
        return changes


class QuotaBody(_Body):
    daily_token_calls: int | None = Field(default=None, ge=0)
    daily_stable_token_calls: int | None = Field(default=None, ge=0)  # null: share daily_token_calls
    force_refresh_daily: int | None = Field(default=None, ge=0)
    force_refresh_interval_seconds: int | None = Field(default=None, ge=0)
    clear_used: bool = False  # forget today's counts (of app_id, or of every app)
    app_id: str | None = None

    def changes(self) -> dict[str, Any]:
        changes = self.model_dump(exclude_unset=True, exclude={"clear_used", "app_id"})
        # Only daily_stable_token_calls means something when null.
        return {k: v for k, v in changes.items() if v is not None or k == "daily_stable_token_calls"}


class SubscribersBody(_Body):
    """Lists add to what is configured for ``app_id`` (``"*"``: every app); ``replace`` swaps them instead."""

    app_id: str = EVERY_APP
    unsubscribed: list[str] | None = None
    outside_window: list[str] | None = None
    invalid_openids: list[str] | None = None
    invalid_template_ids: list[str] | None = None
    replace: bool = False


class ClockBody(_Body):
    advance_seconds: float = Field(ge=0)
