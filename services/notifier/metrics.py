"""The notifier's Prometheus metrics, in a registry of its own; every known label value from 0."""

from collections.abc import Callable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter

from services.notifier.status_record import KINDS
from shared.metrics import consumer_outcomes, service_registry, zero

SEND_OUTCOMES = ("sent", "retried", "failed")
# A broadcast job's ends: WeChat took it, its report came (delivered or failed), refused, unresolvable.
MASS_OUTCOMES = ("sent", "delivered", "failed", "unknown")
# Why a broadcast's outcome is asked again later: an answer lost (-1, timeout, dropped connection),
# WeChat's "same clientmsgid within a minute" (45066), the token service unreachable, or the job
# being handled elsewhere right then (a repeated command; a crashed holder's lease still running).
RECHECK_REASONS = ("lost_answer", "too_fast", "token_service", "in_progress")
# A template message against the account's template: it fit, it was refused (400, or failed from
# the broker), or the template was not known (not cached, or not the account's).
# Broadcast administration: deleting a sent broadcast, reading and setting the account's speed; each
# done, refused (400, or 409 for a job without msg_id), refused by WeChat, or the token service away.
MASS_ADMIN_ACTIONS = ("delete", "speed_get", "speed_set")
MASS_ADMIN_OUTCOMES = ("ok", "refused", "wechat_error", "token_unavailable")
# The same outcomes for a subscription notification against the account's subscription template.
TEMPLATE_CHECKS = ("passed", "refused", "unchecked")


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
        self.mass_jobs = Counter(
            "wxmp_notifier_mass_jobs", "Broadcast jobs by outcome: sent, delivered, failed, unknown", ["outcome"],
            registry=r,
        )  # fmt: skip
        self.mass_rechecks = Counter(
            "wxmp_notifier_mass_rechecks",
            "Broadcast jobs asked again later, by reason: lost_answer, too_fast, token_service, in_progress",
            ["reason"],
            registry=r,
        )
        self.template_checks = Counter(
            "wxmp_notifier_template_checks",
            "Template messages checked against the account's template: passed, refused, unchecked",
            ["outcome"],
            registry=r,
        )
        self.notice_checks = Counter(
            "wxmp_notifier_subscribe_checks",
            "Subscription notifications checked against the account's template: passed, refused, unchecked",
            ["outcome"],
            registry=r,
        )
        self.mass_admin = Counter(
            "wxmp_notifier_mass_admin",
            "Broadcast administration calls (delete, speed_get, speed_set) by outcome",
            ["action", "outcome"],
            registry=r,
        )
        zero(self.accepted, KINDS, ["http"])
        zero(self.accepted, ["template"], ["batch"])
        zero(self.accepted, ["mass"], ["http"])
        zero(self.sends, KINDS, SEND_OUTCOMES)
        zero(self.mass_jobs, MASS_OUTCOMES)
        zero(self.mass_rechecks, RECHECK_REASONS)
        zero(self.template_checks, TEMPLATE_CHECKS)
        zero(self.notice_checks, TEMPLATE_CHECKS)
        zero(self.mass_admin, MASS_ADMIN_ACTIONS, MASS_ADMIN_OUTCOMES)

    def consumer(self, name: str) -> Callable[[str], None]:
        """The ``on_outcome`` of the consumer ``name``: counts its outcomes, each shown from 0."""
        return consumer_outcomes(self.messages, name)
