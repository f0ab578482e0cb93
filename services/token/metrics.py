"""The token service's Prometheus metrics, in a registry of its own."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge


@dataclass
class TokenMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.fetches = Counter(
            "wxmp_token_upstream_fetches", "Upstream credential fetches", ["kind", "result"], registry=r
        )
        self.quota_refusals = Counter(
            "wxmp_token_quota_guard_refusals", "Fetches refused by the daily quota guard", ["kind"], registry=r
        )
        self.store_errors = Counter("wxmp_token_store_errors", "Redis operations that failed", registry=r)
        self.expires_in = Gauge(
            "wxmp_token_expires_in_seconds", "Seconds left on the credential served", ["app_id", "kind"], registry=r
        )
