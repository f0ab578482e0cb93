"""The gateway's settings: the common ones plus the callback window, limits and deadlines."""

from pydantic import Field

from shared.settings import CommonSettings


class GatewaySettings(CommonSettings):
    port: int = Field(default=8080, ge=0, le=65535)
    max_body_bytes: int = Field(default=64 * 1024, gt=0)
    # How far a callback's timestamp may lie in the past or the future.
    timestamp_window_seconds: int = Field(default=300, gt=0)
    # How long a callback waits for a passive reply before answering `success`;
    # WeChat gives up (and retries) after 5 s.
    reply_deadline_seconds: float = Field(default=4.0, gt=0, lt=5)
    # Extra wait for a reply the replier started before the deadline.
    reply_grace_seconds: float = Field(default=0.4, ge=0, lt=1)
    # How long a callback's id is remembered; WeChat's retries span about 15 s.
    dedup_ttl_seconds: int = Field(default=120, ge=60)
    publish_timeout_seconds: float = Field(default=3.0, gt=0)
