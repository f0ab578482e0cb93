"""The dispatcher's settings."""

from pathlib import Path

from pydantic import Field

from shared.settings import CommonSettings
from shared.topology import QueueType


class DispatcherSettings(CommonSettings):
    port: int = Field(default=8082, ge=0, le=65535)
    reply_rules_file: Path | None = None
    # Re-read the rules file this often when it changed (SIGHUP reloads at once).
    rules_poll_seconds: float = Field(default=2.0, gt=0)
    queue_type: QueueType = "classic"
    # Queue names are {queue_prefix}.replies and {queue_prefix}.analytics; replicas
    # sharing a prefix share the work (competing consumers).
    queue_prefix: str = "dispatcher"
    # Which events the queues take (a topic pattern: "#" all, "wx1234.#" one account).
    event_binding: str = "#"
    prefetch_count: int = Field(default=64, ge=1)
    # Failed attempts before an event is dead-lettered.
    max_attempts: int = Field(default=5, ge=1)
    stats_retention_days: int = Field(default=90, ge=1)
