"""Consuming a durable queue: outcomes as exceptions, mapped to ack / retry / dead-letter in one place.

A handler returns normally (ack), raises ``Permanent`` (dead-letter now: the
message can never succeed), or raises anything else (a failed attempt). A
failed attempt is republished to the back of the same queue with its attempt
count in ``x-attempts`` — so the rest of the stream keeps flowing and the count
works on classic and quorum queues alike — and after ``max_attempts`` it is
rejected without requeue, which the queue dead-letters. With ``retry_delays``
a failed attempt first waits in a delay queue (``QueueSpec.delay_queue``, one
per attempt) that dead-letters it back when its time is up: exponential backoff
without blocking the queue. The original routing key travels in
``x-routing-key``, since a republished message arrives under the queue's name. The republish is
confirmed before the original is acked, so a message is never lost in between.
In-flight handlers are tracked, so a shutdown can stop taking messages and wait
for the ones being handled.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field

import structlog

from shared.broker import Broker, Handler, IncomingMessage, Message, Subscription
from shared.topology import delay_queue_name

log = structlog.get_logger(__name__)

ATTEMPTS_HEADER = "x-attempts"
ROUTING_KEY_HEADER = "x-routing-key"
# What ``on_outcome`` is told of each message: acked, parked for a retry, dead-lettered.
OUTCOMES = ("handled", "retried", "dead_lettered")


class Permanent(Exception):
    """The message can never be handled (malformed, refused for good): dead-letter it now."""


def routing_key_of(message: IncomingMessage) -> str:
    """The routing key the message was first published with (also after retries)."""
    original = (message.headers or {}).get(ROUTING_KEY_HEADER)
    return original if isinstance(original, str) else message.routing_key or ""


def attempts_of(message: IncomingMessage) -> int:
    value = (message.headers or {}).get(ATTEMPTS_HEADER, 0)
    return value if isinstance(value, int) else 0


@dataclass
class Consumer:
    """Runs ``handler`` for each message of ``queue`` (declared on ``broker``), ``prefetch`` at a time."""

    broker: Broker
    queue: str
    handler: Handler
    max_attempts: int
    name: str
    prefetch: int
    on_outcome: Callable[[str], None] = lambda _outcome: None
    # attempt number (1-based) → seconds to wait before the next; empty: retry at once.
    retry_delays: Callable[[int], float] | None = None
    _in_flight: set[asyncio.Task[None]] = field(default_factory=set)
    _subscription: Subscription | None = None

    async def start(self) -> None:
        self._subscription = await self.broker.consume(self.queue, self._on_message, prefetch=self.prefetch)

    async def stop(self, *, grace: float) -> None:
        """Stop taking messages, then wait up to ``grace`` seconds for those being handled."""
        if self._subscription is not None:
            subscription, self._subscription = self._subscription, None
            await subscription.cancel()
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=grace)

    async def _on_message(self, message: IncomingMessage) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await self._handle(message)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _handle(self, message: IncomingMessage) -> None:
        bound = log.bind(consumer=self.name, message_id=message.message_id)
        try:
            await self.handler(message)
        except Permanent as exc:
            bound.error("message_dead_lettered", reason=str(exc))
            self.on_outcome("dead_lettered")
            await message.reject(requeue=False)
            return
        except Exception as exc:  # noqa: BLE001 - every other failure is a failed attempt
            await self._failed_attempt(message, exc, bound)
            return
        self.on_outcome("handled")
        await message.ack()

    async def _failed_attempt(self, message: IncomingMessage, exc: Exception, bound: structlog.BoundLogger) -> None:
        attempts = attempts_of(message) + 1
        if attempts >= self.max_attempts:
            bound.error("message_dead_lettered", attempts=attempts, error=repr(exc))
            self.on_outcome("dead_lettered")
            await message.reject(requeue=False)
            return
        bound.warning("message_retry", attempts=attempts, error=repr(exc)[:500])
        delay = self.retry_delays(attempts) if self.retry_delays is not None else 0.0
        retry = Message(
            message.body,
            headers={**(message.headers or {}), ATTEMPTS_HEADER: attempts, ROUTING_KEY_HEADER: routing_key_of(message)},
            expiration=delay if delay > 0 else None,
            content_type=message.content_type,
            delivery_mode=message.delivery_mode,
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            reply_to=message.reply_to,
            timestamp=message.timestamp,
        )
        try:
            target = delay_queue_name(self.queue, attempts) if delay > 0 else self.queue
            await self.broker.publish("", target, retry)
        except Exception:  # noqa: BLE001 - could not park the retry: let the broker redeliver the original
            bound.error("message_retry_publish_failed", attempts=attempts)
            await message.nack(requeue=True)
            return
        self.on_outcome("retried")
        await message.ack()
