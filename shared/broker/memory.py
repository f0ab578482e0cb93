"""The broker port in memory: every service of one process on one in-process broker.

For ``make run`` on a machine with nothing but Python. It keeps RabbitMQ's
semantics where the services rely on them: topic routing with ``*`` and ``#``,
the default exchange (routing key = queue name), mandatory publishes that raise
``Unroutable``, per-consumer prefetch, ack / nack / reject with requeue,
dead-lettering through ``x-dead-letter-exchange`` / ``-routing-key`` on reject
and on per-message expiration (which, as in RabbitMQ, happens only at the head
of a queue: the retry delay queues), the reply RPC over a reply-to address per
connection, and a closed connection's unsettled messages going back to the
front of their queues in their order. A publish is "confirmed" once it is in
its queues; nothing survives the process.
"""

import asyncio
import itertools
import uuid
from collections import deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import structlog

from shared.broker.port import Handler, Message, PendingReply, PublishFailed, ReplyInbox, Unroutable
from shared.broker.topics import topic_matches
from shared.topology import DIRECT_REPLY_TO, EXCHANGES, QueueSpec

log = structlog.get_logger(__name__)

DEFAULT_EXCHANGE = ""


class ConnectionClosed(Exception):
    """The connection (and so the channel a message came on) is closed."""


@dataclass(eq=False, slots=True)
class _Stored:
    exchange: str
    routing_key: str
    message: Message
    expires_at: float | None = None  # loop time
    redelivered: bool = False


@dataclass(eq=False)
class _Consumer:
    queue: "_Queue"
    handler: Handler
    prefetch: int
    connection: "MemoryBroker"
    unsettled: dict["MemoryDelivery", int] = field(default_factory=dict)  # → delivery number

    @property
    def has_room(self) -> bool:
        return self.prefetch <= 0 or len(self.unsettled) < self.prefetch


@dataclass(eq=False)
class _Queue:
    spec: QueueSpec
    ready: deque[_Stored] = field(default_factory=deque)
    consumers: list[_Consumer] = field(default_factory=list)
    turn: int = 0

    @property
    def name(self) -> str:
        return self.spec.name


@dataclass(eq=False)
class MemoryDelivery:
    """A message handed to a consumer; the ``IncomingMessage`` of the port."""

    _stored: _Stored
    _consumer: _Consumer
    _settled: bool = False

    @property
    def body(self) -> bytes:
        return self._stored.message.body

    @property
    def headers(self) -> dict[str, Any]:
        return dict(self._stored.message.headers)

    @property
    def routing_key(self) -> str:
        return self._stored.routing_key

    @property
    def message_id(self) -> str | None:
        return self._stored.message.message_id

    @property
    def correlation_id(self) -> str | None:
        return self._stored.message.correlation_id

    @property
    def reply_to(self) -> str | None:
        return self._stored.message.reply_to

    @property
    def content_type(self) -> str | None:
        return self._stored.message.content_type

    @property
    def delivery_mode(self) -> int:
        return self._stored.message.delivery_mode

    @property
    def timestamp(self) -> datetime | None:
        return self._stored.message.timestamp

    def _settle(self) -> None:
        if self._consumer.connection.closed:
            raise ConnectionClosed("the channel this message came on is closed")
        if self._settled:
            raise RuntimeError("message already settled")
        self._settled = True
        self._consumer.unsettled.pop(self, None)

    async def ack(self) -> None:
        self._settle()
        self._consumer.connection.hub.dispatch(self._consumer.queue)

    async def nack(self, *, requeue: bool = True) -> None:
        self._settle()
        hub = self._consumer.connection.hub
        if requeue:
            hub.requeue(self._consumer.queue, [self._stored])
        else:
            hub.dead_letter(self._consumer.queue, self._stored, "rejected")
        hub.dispatch(self._consumer.queue)

    async def reject(self, *, requeue: bool = False) -> None:
        await self.nack(requeue=requeue)


class _Subscription:
    def __init__(self, consumer: _Consumer) -> None:
        self._consumer = consumer

    async def cancel(self) -> None:
        self._consumer.connection.hub.cancel(self._consumer)


class MemoryHub:
    """The in-process broker: exchanges, queues and bindings shared by every connection."""

    def __init__(self) -> None:
        self._exchanges: dict[str, str] = {DEFAULT_EXCHANGE: "direct"}
        self._queues: dict[str, _Queue] = {}
        self._bindings: dict[str, list[tuple[str, str]]] = {}  # exchange → [(binding key, queue)]
        self._reply_inboxes: dict[str, ReplyInbox] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._ids = itertools.count(1)
        self._deliveries = itertools.count(1)

    def connect(self, name: str) -> "MemoryBroker":
        address = f"{DIRECT_REPLY_TO}.{next(self._ids)}.{uuid.uuid4().hex}"
        broker = MemoryBroker(self, name, address)
        self._reply_inboxes[address] = broker.replies
        return broker

    # -- topology --------------------------------------------------------------------------

    def declare_exchange(self, name: str, kind: str) -> None:
        known = self._exchanges.setdefault(name, kind)
        if known != kind:
            raise ValueError(f"exchange {name!r} exists as {known}, not {kind}")

    def declare_queue(self, spec: QueueSpec) -> None:
        known = self._queues.get(spec.name)
        if known is None:
            self._queues[spec.name] = _Queue(spec)
        elif known.spec.arguments() != spec.arguments() or known.spec.transient != spec.transient:
            raise ValueError(f"queue {spec.name!r} exists with other arguments")
        for exchange, binding in spec.bindings:
            if exchange.name not in self._exchanges:
                raise ValueError(f"no exchange {exchange.name!r}")
            bound = self._bindings.setdefault(exchange.name, [])
            if (binding, spec.name) not in bound:
                bound.append((binding, spec.name))

    def _delete_queue(self, queue: _Queue) -> None:
        self._queues.pop(queue.name, None)
        for bound in self._bindings.values():
            bound[:] = [(binding, name) for binding, name in bound if name != queue.name]

    # -- routing ---------------------------------------------------------------------------

    def route(self, exchange: str, routing_key: str, message: Message, *, mandatory: bool) -> None:
        if exchange not in self._exchanges:
            raise PublishFailed(f"no exchange {exchange!r}")
        if exchange == DEFAULT_EXCHANGE:
            inbox = self._reply_inboxes.get(routing_key)
            if inbox is not None:
                inbox.deliver(message.correlation_id, message.body)
                return
            targets = [routing_key] if routing_key in self._queues else []
        else:
            targets = [
                name for binding, name in self._bindings.get(exchange, ()) if topic_matches(binding, routing_key)
            ]
        if not targets:
            if mandatory:
                raise Unroutable(f"no queue is bound for {routing_key!r} on {exchange!r}")
            return
        for name in dict.fromkeys(targets):
            self._enqueue(self._queues[name], exchange, routing_key, message)

    def _enqueue(self, queue: _Queue, exchange: str, routing_key: str, message: Message) -> None:
        stored = _Stored(exchange, routing_key, message)
        if message.expiration is not None:
            loop = asyncio.get_running_loop()
            delay = max(message.expiration, 0.0)
            stored.expires_at = loop.time() + delay
            loop.call_later(delay, self._expire_head, queue)
        queue.ready.append(stored)
        self.dispatch(queue)

    def _expire_head(self, queue: _Queue) -> None:
        """Dead-letter the expired messages at the head of ``queue`` (RabbitMQ expires nothing
        behind a message that has not expired yet)."""
        now = asyncio.get_running_loop().time()
        while queue.ready and (expires_at := queue.ready[0].expires_at) is not None and expires_at <= now:
            self.dead_letter(queue, queue.ready.popleft(), "expired")

    def requeue(self, queue: _Queue, stored: list[_Stored]) -> None:
        """Back to the front of ``queue``, in the given order."""
        if self._queues.get(queue.name) is not queue:
            return  # deleted meanwhile (a transient queue): gone, as in RabbitMQ
        for each in reversed(stored):
            each.redelivered = True
            queue.ready.appendleft(each)

    def dead_letter(self, queue: _Queue, stored: _Stored, reason: str) -> None:
        arguments = queue.spec.arguments()
        exchange = arguments.get("x-dead-letter-exchange")
        if exchange is None:
            return  # dropped, as RabbitMQ drops it
        routing_key = arguments.get("x-dead-letter-routing-key", stored.routing_key)
        headers = {**stored.message.headers, "x-death": _deaths(stored, queue.name, reason)}
        self.route(exchange, routing_key, replace(stored.message, expiration=None, headers=headers), mandatory=False)

    # -- consumers -------------------------------------------------------------------------

    def subscribe(self, queue_name: str, handler: Handler, prefetch: int, connection: "MemoryBroker") -> _Consumer:
        queue = self._queues.get(queue_name)
        if queue is None:
            raise LookupError(f"no queue {queue_name!r}")
        consumer = _Consumer(queue, handler, prefetch, connection)
        queue.consumers.append(consumer)
        self.dispatch(queue)
        return consumer

    def cancel(self, consumer: _Consumer) -> None:
        """No more messages for ``consumer``; those it holds can still be settled."""
        queue = consumer.queue
        if consumer in queue.consumers:
            queue.consumers.remove(consumer)
            if queue.spec.transient and not queue.consumers:
                self._delete_queue(queue)

    def dispatch(self, queue: _Queue) -> None:
        """Hand ready messages to consumers with room, in turns."""
        self._expire_head(queue)
        while queue.ready and queue.consumers:
            count = len(queue.consumers)
            chosen = next(
                (i for i in ((queue.turn + offset) % count for offset in range(count)) if queue.consumers[i].has_room),
                None,
            )
            if chosen is None:
                return  # every consumer is at its prefetch
            queue.turn = (chosen + 1) % count
            consumer = queue.consumers[chosen]
            delivery = MemoryDelivery(queue.ready.popleft(), consumer)
            consumer.unsettled[delivery] = next(self._deliveries)
            task = asyncio.get_running_loop().create_task(self._run(consumer, delivery))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            self._expire_head(queue)

    async def _run(self, consumer: _Consumer, delivery: MemoryDelivery) -> None:
        try:
            await consumer.handler(delivery)
        except Exception:
            log.exception("consumer_callback_failed", queue=consumer.queue.name)

    def disconnect(self, connection: "MemoryBroker") -> None:
        """A closed connection: its consumers go, and every message it holds unsettled (also on
        consumers it had cancelled) returns to the front of its queue, in delivery order."""
        self._reply_inboxes.pop(connection.reply_address, None)
        held: dict[str, list[tuple[int, _Stored]]] = {}
        for consumer in connection.consumers:
            self.cancel(consumer)
            for delivery, number in consumer.unsettled.items():
                held.setdefault(consumer.queue.name, []).append((number, delivery._stored))
            consumer.unsettled.clear()
        queues = {consumer.queue.name: consumer.queue for consumer in connection.consumers}
        for name, messages in held.items():
            self.requeue(queues[name], [stored for _, stored in sorted(messages, key=lambda pair: pair[0])])
        for queue in queues.values():
            self.dispatch(queue)


def _deaths(stored: _Stored, queue: str, reason: str) -> list[dict[str, Any]]:
    """RabbitMQ's ``x-death``: one entry per (queue, reason), counted, the latest first."""
    previous = [dict(entry) for entry in stored.message.headers.get("x-death", [])]
    same = next((e for e in previous if e.get("queue") == queue and e.get("reason") == reason), None)
    entry = same or {"queue": queue, "reason": reason, "count": 0, "exchange": stored.exchange}
    entry.update(count=int(entry.get("count", 0)) + 1, time=datetime.now(UTC).replace(microsecond=0))
    entry["routing-keys"] = [stored.routing_key]
    return [entry, *(e for e in previous if e is not same)]


def _as_sent(message: Message) -> Message:
    """What a consumer gets from RabbitMQ through our client: a message id always (aiormq sets a
    random one when the publisher gave none) and the timestamp in whole seconds, UTC (AMQP's)."""
    message_id = message.message_id or uuid.uuid4().hex
    timestamp = message.timestamp
    if timestamp is not None:
        timestamp = datetime.fromtimestamp(int(timestamp.timestamp()), UTC)
    if message_id is message.message_id and timestamp is message.timestamp:
        return message
    return replace(message, message_id=message_id, timestamp=timestamp)


class MemoryBroker:
    """One service's connection to a ``MemoryHub``."""

    kind = "memory"

    def __init__(self, hub: MemoryHub, name: str, reply_address: str) -> None:
        self.hub = hub
        self.name = name
        self.reply_address = reply_address
        self.replies = ReplyInbox()
        self.consumers: list[_Consumer] = []  # every one this connection started, cancelled or not
        self.closed = False

    @property
    def is_open(self) -> bool:
        return not self.closed

    def _check_open(self) -> None:
        if self.closed:
            raise PublishFailed("connection closed")

    async def declare_exchanges(self) -> None:
        for spec in EXCHANGES:
            self.hub.declare_exchange(spec.name, spec.type)

    async def declare(self, spec: QueueSpec, *, delay_queues: int = 0) -> None:
        await self.declare_exchanges()
        for each in spec.declaration_order(delay_queues):
            self.hub.declare_queue(each)

    async def publish(self, exchange: str, routing_key: str, message: Message, *, mandatory: bool = True) -> None:
        self._check_open()
        self.hub.route(exchange, routing_key, _as_sent(message), mandatory=mandatory)

    async def request(self, exchange: str, routing_key: str, message: Message) -> PendingReply:
        self._check_open()
        correlation_id = uuid.uuid4().hex
        pending = self.replies.expect(correlation_id)
        try:
            sent = replace(_as_sent(message), correlation_id=correlation_id, reply_to=self.reply_address)
            self.hub.route(exchange, routing_key, sent, mandatory=True)
        except BaseException:
            pending.forget()
            raise
        return pending

    async def consume(self, queue: str, handler: Handler, *, prefetch: int) -> _Subscription:
        if self.closed:
            raise ConnectionClosed("connection closed")
        consumer = self.hub.subscribe(queue, handler, prefetch, self)
        self.consumers.append(consumer)
        return _Subscription(consumer)

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.hub.disconnect(self)
