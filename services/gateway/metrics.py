"""The gateway's Prometheus metrics, in a registry of its own (one per app, not global);
every known label value from 0."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram

from shared.metrics import service_registry, zero

# method → the outcomes its callbacks can have (a refusal is rejected_{HTTP status}).
REQUEST_OUTCOMES = {
    "GET": ("verified", "rejected_400", "rejected_403", "rejected_404"),
    "POST": ("accepted", "replied", "publish_failed", "rejected_400", "rejected_403", "rejected_404", "rejected_413"),
}


@dataclass
class GatewayMetrics:
    registry: CollectorRegistry = field(default_factory=service_registry)

    def __post_init__(self) -> None:
        r = self.registry
        self.requests = Counter("wxmp_gateway_requests", "Callbacks by outcome", ["method", "outcome"], registry=r)
        self.latency = Histogram(
            "wxmp_gateway_request_seconds",
            "Callback handling time",
            ["method"],
            buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 4.5, 5),
            registry=r,
        )
        self.confirms = Counter("wxmp_gateway_publish", "Event publishes by broker result", ["result"], registry=r)
        self.dedup_hits = Counter("wxmp_gateway_dedup_hits", "Retries recognised as duplicates", registry=r)
        self.dedup_errors = Counter(
            "wxmp_gateway_dedup_errors", "Callbacks handled without de-duplication (Redis unavailable)", registry=r
        )
        self.published = self.confirms.labels("ack")
        self.publish_failures = self.confirms.labels("failed")
        self.post_latency = self.latency.labels("POST")
        self.reply_timeouts = Counter(
            "wxmp_gateway_reply_timeouts", "Answerable callbacks answered `success` for want of a reply", registry=r
        )
        self.lenient_fields = Counter(
            "wxmp_gateway_lenient_fields",
            "Declared fields of published callbacks that were absent or kept as sent (not of their type)",
            ["event", "field"],
            registry=r,
        )
        for method, outcomes in REQUEST_OUTCOMES.items():
            zero(self.requests, [method], outcomes)
