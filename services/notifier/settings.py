"""The notifier's settings."""

from pydantic import Field

from shared.settings import CommonSettings
from shared.topology import QueueType


class NotifierSettings(CommonSettings):
    port: int = Field(default=8083, ge=0, le=65535)
    # Sends per second per account, across every replica; 0 (the default) turns the limit off.
    # WeChat caps template messages per account per day (100,000 by default, more for larger
    # accounts; 45009 past it), not per second: a cap here only spreads a campaign out.
    rate_limit_per_second: float = Field(default=0.0, ge=0)
    # Attempts for a transient failure (-1, network, token service down) before dead-lettering.
    max_attempts: int = Field(default=6, ge=1)
    # Backoff before retry n: base * 2^(n-1), jittered ±50 %, at most the cap.
    retry_base_seconds: float = Field(default=1.0, gt=0)
    retry_cap_seconds: float = Field(default=300.0, gt=0)
    status_ttl_seconds: int = Field(default=7 * 86_400, ge=60)
    queue_type: QueueType = "classic"
    queue_prefix: str = "notifier"
    # Which accounts' commands and reports the queues take: "*" all, or one AppId.
    command_accounts: str = "*"
    prefetch_count: int = Field(default=128, ge=1)
    max_batch_size: int = Field(default=10_000, ge=1)
    # How long the account's template list (get_all_private_template) is kept for checking template
    # messages against their template; WeChat's refusal to list them is remembered as long.
    template_cache_seconds: int = Field(default=600, ge=1)
    # Seconds to wait for that list on a miss before the message is accepted unchecked.
    template_fetch_timeout_seconds: float = Field(default=3.0, gt=0)
    # Seconds before a broadcast whose call's outcome is unknown (answer lost, 45066) is asked again,
    # with the same clientmsgid: WeChat answers a repeat within a minute with 45066, so over 60.
    mass_recheck_seconds: float = Field(default=61.0, gt=0)
    # How long after its first call a broadcast's unknown outcome is still resolved by asking again;
    # WeChat de-duplicates a clientmsgid for 24 h, so well below 86,400. Then the job is unknown.
    mass_resolve_seconds: float = Field(default=72_000.0, gt=0, lt=86_400)
    # Seconds a broadcast call may take before its outcome counts as unknown.
    mass_call_timeout_seconds: float = Field(default=30.0, gt=0)
