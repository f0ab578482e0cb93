"""The token service's Prometheus metrics, in a registry of its own; every known label value
from 0 (not ``expires_in``: a 0 there would read as a credential about to expire)."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge

from services.token.credentials import Kind
from shared.metrics import service_registry, zero

FETCH_RESULTS = ("ok", "error")


@dataclass
class TokenMetrics:
    registry: CollectorRegistry = field(default_factory=service_registry)

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
        zero(self.fetches, [kind.value for kind in Kind], FETCH_RESULTS)
        zero(self.quota_refusals, [kind.value for kind in Kind])
