"""The broker as the services see it: confirmed publishes, topic routing, consumers, the reply RPC.

Two adapters implement it: ``rabbitmq`` (aio-pika, the production one) and
``memory`` (one process, for ``make run`` on a machine with only Python). The
contract tests run one body against both, so they cannot drift. A message is
stored once ``publish`` returns (the broker confirmed it); ``mandatory``
publishes that no queue takes raise ``Unroutable``.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shared.topology import QueueSpec

PERSISTENT = 2
TRANSIENT = 1


class PublishFailed(Exception):
    """The broker did not confirm the message (nack, unroutable, timeout or connection lost)."""


class Unroutable(PublishFailed):
    """A mandatory message that no queue is bound to take."""


@dataclass(frozen=True, slots=True)
class Message:
    """An outgoing message: body and AMQP properties."""

    body: bytes
    headers: Mapping[str, Any] = field(default_factory=dict)
    message_id: str | None = None
    correlation_id: str | None = None
    reply_to: str | None = None
    content_type: str | None = None
    delivery_mode: int = PERSISTENT
    # Seconds until the message expires in a queue (then dead-lettered if the queue says so).
    expiration: float | None = None
    timestamp: datetime | None = None


class IncomingMessage(Protocol):
    """An incoming message; settle it once with ``ack``, ``nack`` or ``reject``."""

    @property
    def body(self) -> bytes: ...
    @property
    def headers(self) -> Mapping[str, Any]: ...
    @property
    def routing_key(self) -> str | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def correlation_id(self) -> str | None: ...
    @property
    def reply_to(self) -> str | None: ...
    @property
    def content_type(self) -> str | None: ...
    @property
    def delivery_mode(self) -> int: ...
    @property
    def timestamp(self) -> datetime | None: ...

    async def ack(self) -> None: ...
    async def nack(self, *, requeue: bool = True) -> None: ...
    async def reject(self, *, requeue: bool = False) -> None: ...


Handler = Callable[[IncomingMessage], Awaitable[None]]


class Subscription(Protocol):
    async def cancel(self) -> None:
        """Stop taking messages; those being handled can still be settled."""


class Broker(Protocol):
    @property
    def kind(self) -> str:
        """``rabbitmq`` or ``memory``, for logs."""

    @property
    def is_open(self) -> bool: ...

    async def declare(self, spec: QueueSpec, *, delay_queues: int = 0) -> None:
        """The exchanges, the queue with its bindings, its dead-letter queue and ``delay_queues``
        delay queues (one per retry attempt)."""

    async def declare_exchanges(self) -> None: ...

    async def publish(self, exchange: str, routing_key: str, message: Message, *, mandatory: bool = True) -> None:
        """Return once the broker has the message; raise ``PublishFailed`` otherwise."""

    async def request(self, exchange: str, routing_key: str, message: Message) -> "PendingReply":
        """Publish (mandatory, confirmed) with ``reply_to`` and a fresh ``correlation_id`` set;
        whoever handles it answers by publishing to ``reply_to`` on the default exchange."""

    async def consume(self, queue: str, handler: Handler, *, prefetch: int) -> Subscription:
        """Run ``handler`` for each message of ``queue`` (declared before), at most ``prefetch``
        unsettled at a time; each in a task of its own."""

    async def close(self) -> None: ...


class ReplyInbox:
    """Replies awaited by correlation id: what both adapters keep behind ``request``."""

    def __init__(self) -> None:
        self._waiting: dict[str, asyncio.Future[bytes]] = {}

    def expect(self, correlation_id: str) -> "PendingReply":
        self._waiting[correlation_id] = asyncio.get_running_loop().create_future()
        return PendingReply(correlation_id, self)

    def deliver(self, correlation_id: str | None, body: bytes) -> None:
        future = self._waiting.get(correlation_id or "")
        if future is not None and not future.done():
            future.set_result(body)

    def forget(self, correlation_id: str) -> None:
        self._waiting.pop(correlation_id, None)

    async def wait(self, correlation_id: str, within: float) -> bytes | None:
        future = self._waiting.get(correlation_id)
        if future is None:
            return None
        try:
            return await asyncio.wait_for(future, max(within, 0.0))
        except TimeoutError:
            return None
        finally:
            self.forget(correlation_id)


@dataclass(frozen=True, slots=True)
class PendingReply:
    correlation_id: str
    _inbox: ReplyInbox

    async def wait(self, within: float) -> bytes | None:
        """The replier's body (possibly empty), or None when none came ``within`` seconds."""
        return await self._inbox.wait(self.correlation_id, within)

    def forget(self) -> None:
        self._inbox.forget(self.correlation_id)
