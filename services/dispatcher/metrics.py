"""The dispatcher's Prometheus metrics, in a registry of its own; every known label value from 0."""

from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge

from shared.metrics import consumer_outcomes, service_registry, zero

REPLY_PATHS = ("rpc", "custom", "none", "unsendable")


@dataclass
class DispatcherMetrics:
    registry: CollectorRegistry = field(default_factory=service_registry)

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
        zero(self.replies, REPLY_PATHS)

    def consumer(self, name: str) -> Callable[[str], None]:
        """The ``on_outcome`` of the consumer ``name``: counts its outcomes, each shown from 0."""
        return consumer_outcomes(self.messages, name)
