"""The dispatcher's Prometheus metrics, in a registry of its own."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge


@dataclass
class DispatcherMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.messages = Counter(
            "wxmp_dispatcher_messages", "Events consumed, by consumer and outcome", ["consumer", "outcome"], registry=r
        )
        self.replies = Counter(
            "wxmp_dispatcher_replies",
            "Reply requests by path: rpc (in time), custom (late: customer-service message), none, unsendable",
            ["path"],
            registry=r,
        )
        self.rules = Gauge("wxmp_dispatcher_rules", "Auto-reply rules in force", registry=r)
        self.rules_reload_failures = Gauge(
            "wxmp_dispatcher_rules_reload_failures", "Reloads refused for a bad rules file since start", registry=r
        )
