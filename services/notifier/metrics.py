"""The notifier's Prometheus metrics, in a registry of its own."""

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter


@dataclass
class NotifierMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.accepted = Counter(
            "wxmp_notifier_accepted", "Messages accepted by kind and path", ["kind", "path"], registry=r
        )
        self.sends = Counter(
            "wxmp_notifier_sends", "Send outcomes: sent, retried, failed", ["kind", "outcome"], registry=r
        )
        self.messages = Counter(
            "wxmp_notifier_messages", "Queue messages by consumer and outcome", ["consumer", "outcome"], registry=r
        )
