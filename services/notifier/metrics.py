"""The notifier's Prometheus metrics, in a registry of its own; every known label value from 0."""

from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter

from services.notifier.status_record import KINDS
from shared.metrics import consumer_outcomes, service_registry, zero

SEND_OUTCOMES = ("sent", "retried", "failed")


@dataclass
class NotifierMetrics:
    registry: CollectorRegistry = field(default_factory=service_registry)

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
        zero(self.accepted, KINDS, ["http"])
        zero(self.accepted, ["template"], ["batch"])
        zero(self.sends, KINDS, SEND_OUTCOMES)

    def consumer(self, name: str) -> Callable[[str], None]:
        """The ``on_outcome`` of the consumer ``name``: counts its outcomes, each shown from 0."""
        return consumer_outcomes(self.messages, name)
