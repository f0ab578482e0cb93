"""The broker topology as data: exchanges, queues, routing keys and dead-lettering, defined once.

Events flow on the ``wechat.events`` topic exchange under
``{app_id}.message.{msg_type}`` / ``{app_id}.event.{event}``; commands to the
services on ``wechat.commands`` under ``{app_id}.{command}``
(e.g. ``wx1234.template.send``). A queue that dead-letters sends to
``wechat.dead-letter`` with its own name as the routing key, where
``{queue}.dead`` collects them.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

QueueType = Literal["classic", "quorum"]

# Passive replies: the gateway publishes an answerable event with reply_to set
# to RabbitMQ's direct reply-to and the deadline (unix ms) in this header; a
# replier past the deadline sends a customer-service message instead.
DIRECT_REPLY_TO = "amq.rabbitmq.reply-to"
REPLY_DEADLINE_HEADER = "x-reply-deadline-ms"


@dataclass(frozen=True)
class ExchangeSpec:
    name: str
    type: Literal["topic", "direct"] = "topic"
    durable: bool = True


EVENTS_EXCHANGE = ExchangeSpec("wechat.events")
COMMANDS_EXCHANGE = ExchangeSpec("wechat.commands")
DEAD_LETTER_EXCHANGE = ExchangeSpec("wechat.dead-letter")
EXCHANGES = (EVENTS_EXCHANGE, COMMANDS_EXCHANGE, DEAD_LETTER_EXCHANGE)


def delay_queue_name(queue: str, attempt: int) -> str:
    return f"{queue}.retry.{attempt}"


def command_routing_key(app_id: str, command: str) -> str:
    """``{app_id}.{command}``, e.g. ``wx1234.template.send``."""
    return f"{app_id}.{command}"


@dataclass(frozen=True)
class QueueSpec:
    """A durable service queue, its bindings and whether failures dead-letter. A ``transient``
    one (an observer's tap) is not durable and goes away with its last consumer."""

    name: str
    bindings: tuple[tuple[ExchangeSpec, str], ...]
    queue_type: QueueType = "classic"
    dead_letter: bool = True
    extra_arguments: dict[str, Any] = field(default_factory=dict)
    transient: bool = False

    def arguments(self) -> dict[str, Any]:
        args: dict[str, Any] = {"x-queue-type": self.queue_type, **self.extra_arguments}
        if self.dead_letter:
            args["x-dead-letter-exchange"] = DEAD_LETTER_EXCHANGE.name
            args["x-dead-letter-routing-key"] = self.name
        return args

    def delay_queue(self, attempt: int) -> "QueueSpec":
        """Where a message waits after failed attempt ``attempt`` (per-message expiration)
        before it is dead-lettered back into this queue."""
        return QueueSpec(
            delay_queue_name(self.name, attempt),
            (),
            queue_type=self.queue_type,
            dead_letter=False,
            extra_arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": self.name},
        )

    def declaration_order(self, delay_queues: int = 0) -> list["QueueSpec"]:
        """What declaring this queue declares, in order: its ``delay_queues`` delay queues (one per
        retry attempt), its dead-letter queue, then the queue itself (with its bindings)."""
        order = [self.delay_queue(attempt) for attempt in range(1, delay_queues + 1)]
        if self.dead_letter:
            order.append(self.dead_letter_queue)
        return [*order, self]

    @property
    def dead_letter_queue(self) -> "QueueSpec":
        return QueueSpec(
            f"{self.name}.dead", ((DEAD_LETTER_EXCHANGE, self.name),), queue_type=self.queue_type, dead_letter=False
        )


def dispatcher_queues(prefix: str, binding: str, queue_type: QueueType) -> tuple[QueueSpec, QueueSpec]:
    """The dispatcher's two queues: passive replies (time-critical) and analytics, so a
    backlog in one never delays the other."""
    bindings = ((EVENTS_EXCHANGE, binding),)
    return (
        QueueSpec(f"{prefix}.replies", bindings, queue_type=queue_type),
        QueueSpec(f"{prefix}.analytics", bindings, queue_type=queue_type),
    )


# The notifier's commands on ``wechat.commands`` and the events that report on what it sent.
NOTIFIER_SENDS = ("template.send", "custom.send", "subscribe.send")
NOTIFIER_REPORTS = ("templatesendjobfinish", "subscribe_msg_sent_event", "masssendjobfinish")
MASS_COMMAND = "mass.send"


def notifier_queues(prefix: str, accounts: str, queue_type: QueueType) -> tuple[QueueSpec, QueueSpec]:
    """The notifier's queues: sends (template, customer-service and subscription-notification
    commands) and delivery reports (TEMPLATESENDJOBFINISH, subscribe_msg_sent_event and
    MASSSENDJOBFINISH events). ``accounts`` is a routing word: ``*`` all."""
    sends = QueueSpec(
        f"{prefix}.sends",
        tuple((COMMANDS_EXCHANGE, command_routing_key(accounts, command)) for command in NOTIFIER_SENDS),
        queue_type=queue_type,
    )
    reports = QueueSpec(
        f"{prefix}.reports",
        tuple((EVENTS_EXCHANGE, f"{accounts}.event.{event}") for event in NOTIFIER_REPORTS),
        queue_type=queue_type,
    )
    return sends, reports


def notifier_mass_queues(prefix: str, accounts: str, queue_type: QueueType) -> tuple[QueueSpec, QueueSpec]:
    """The notifier's broadcast jobs (``{accounts}.mass.send``, apart from the sends so a job never
    waits behind a campaign of template messages) and the queue where a job whose call's outcome is
    unknown waits before it is asked again: each message there expires after the same delay
    (per-message expiration) and is dead-lettered back to the jobs queue."""
    jobs = QueueSpec(
        f"{prefix}.mass", ((COMMANDS_EXCHANGE, command_routing_key(accounts, MASS_COMMAND)),), queue_type=queue_type
    )
    recheck = QueueSpec(
        f"{prefix}.mass.recheck",
        (),
        queue_type=queue_type,
        dead_letter=False,
        extra_arguments={"x-dead-letter-exchange": "", "x-dead-letter-routing-key": jobs.name},
    )
    return jobs, recheck
