"""The broker port on RabbitMQ (aio-pika): a robust connection, one confirmed publishing channel,
a channel per consumer.

Publishes go straight to the publishing channel's aiormq channel with prebuilt
properties (the lean path: many confirms in flight, no per-message wrapper
objects, no waiting for the frame to drain — the confirm proves it was
stored). While the broker is away a publish fails at once; while only the
channel is being reopened (RabbitMQ closes it after a refused publish) it waits
for the new one, within the same publish timeout as the confirm. Replies to
``request`` arrive over RabbitMQ's direct reply-to, which needs the publishing
channel itself to consume ``amq.rabbitmq.reply-to``; it is
consumed again whenever the robust channel reopens. Queues are declared on the
channel that consumes them, so a reconnect declares and binds them again.
"""

import asyncio
import uuid
from typing import cast

import aio_pika
import aiormq
import structlog
from aio_pika.abc import (
    AbstractChannel,
    AbstractIncomingMessage,
    AbstractQueue,
    AbstractRobustChannel,
    AbstractRobustConnection,
)
from aiormq.abc import DeliveredMessage
from pamqp.commands import Basic

from shared.broker.port import Handler, Message, PendingReply, PublishFailed, ReplyInbox, Unroutable
from shared.topology import DIRECT_REPLY_TO, EXCHANGES, QueueSpec

log = structlog.get_logger(__name__)


async def declare_exchanges(channel: AbstractChannel) -> None:
    for spec in EXCHANGES:
        await channel.declare_exchange(spec.name, aio_pika.ExchangeType(spec.type), durable=spec.durable)


async def declare_queue(channel: AbstractChannel, spec: QueueSpec, *, delay_queues: int = 0) -> AbstractQueue:
    """Declare the exchanges, the queue with its bindings, its dead-letter queue and
    ``delay_queues`` delay queues (one per retry attempt)."""
    await declare_exchanges(channel)
    for each in spec.declaration_order(delay_queues):
        queue = await channel.declare_queue(
            each.name, durable=not each.transient, auto_delete=each.transient, arguments=each.arguments()
        )
        for exchange, routing_key in each.bindings:
            await queue.bind(exchange.name, routing_key)
    return queue


def _properties(message: Message) -> Basic.Properties:
    return Basic.Properties(
        content_type=message.content_type,
        delivery_mode=message.delivery_mode,
        message_id=message.message_id,
        correlation_id=message.correlation_id,
        reply_to=message.reply_to,
        timestamp=message.timestamp,
        headers=dict(message.headers) if message.headers else None,
        expiration=str(int(message.expiration * 1000)) if message.expiration is not None else None,
    )


class _Subscription:
    def __init__(self, queue: AbstractQueue, tag: str) -> None:
        self._queue = queue
        self._tag: str | None = tag

    async def cancel(self) -> None:
        if self._tag is not None:
            tag, self._tag = self._tag, None
            await self._queue.cancel(tag)


class RabbitBroker:
    kind = "rabbitmq"

    def __init__(self, connection: AbstractRobustConnection, *, publish_timeout: float) -> None:
        self._connection = connection
        self._timeout = publish_timeout
        self._replies = ReplyInbox()
        self._specs: dict[str, tuple[QueueSpec, int]] = {}
        self._publishing: AbstractRobustChannel | None = None
        # The open aiormq channel under ``_publishing``, refreshed whenever it reopens;
        # publishing fails fast while there is none instead of queueing.
        self._underlay: aiormq.Channel | None = None
        self._underlay_open = asyncio.Event()

    @classmethod
    async def connect(cls, url: str, *, name: str, publish_timeout: float = 5.0) -> "RabbitBroker":
        """A robust connection (reconnects every second while the broker is away), named for operators."""
        connection = await aio_pika.connect_robust(
            url, reconnect_interval=1.0, client_properties={"connection_name": name}
        )
        broker = cls(connection, publish_timeout=publish_timeout)
        try:
            channel = await connection.channel(publisher_confirms=True, on_return_raises=False)
            broker._publishing = channel
            await broker._open_underlay()
            broker._publishing.reopen_callbacks.add(broker._on_reopen)
        except BaseException:
            await connection.close()
            raise
        return broker

    @property
    def is_open(self) -> bool:
        """Connected now: false while the robust connection is away and reconnecting."""
        return not self._connection.is_closed and self._connection.connected.is_set()

    async def _on_reopen(self, *_args: object) -> None:
        await self._open_underlay()

    async def _open_underlay(self) -> None:
        assert self._publishing is not None
        # aio-pika's channels wrap aiormq.Channel (whose basic_publish takes ``wait``).
        underlay = cast(aiormq.Channel, await self._publishing.get_underlay_channel())
        await underlay.basic_consume(DIRECT_REPLY_TO, self._on_reply, no_ack=True)
        self._underlay = underlay
        self._underlay_open.set()

    async def _on_reply(self, message: DeliveredMessage) -> None:
        self._replies.deliver(message.header.properties.correlation_id, message.body)

    async def declare_exchanges(self) -> None:
        assert self._publishing is not None
        await declare_exchanges(self._publishing)

    async def declare(self, spec: QueueSpec, *, delay_queues: int = 0) -> None:
        assert self._publishing is not None
        await declare_queue(self._publishing, spec, delay_queues=delay_queues)
        self._specs[spec.name] = (spec, delay_queues)

    async def publish(self, exchange: str, routing_key: str, message: Message, *, mandatory: bool = True) -> None:
        await self._publish(exchange, routing_key, _properties(message), message.body, mandatory)

    async def _publish(
        self, exchange: str, routing_key: str, properties: Basic.Properties, body: bytes, mandatory: bool
    ) -> None:
        try:
            async with asyncio.timeout(self._timeout):  # the channel's reopening and the confirm, together
                underlay = await self._open_underlay_channel()
                confirmation = await underlay.basic_publish(
                    body,
                    exchange=exchange,
                    routing_key=routing_key,
                    properties=properties,
                    mandatory=mandatory,
                    wait=False,
                )
        except (aiormq.exceptions.AMQPError, ConnectionError, TimeoutError, RuntimeError) as exc:
            raise PublishFailed(type(exc).__name__) from exc
        if isinstance(confirmation, Basic.Ack):
            return
        if isinstance(confirmation, Basic.Nack):
            raise PublishFailed("the broker refused the message")
        raise Unroutable(f"no queue is bound for {routing_key!r} on {exchange!r}")

    async def _open_underlay_channel(self) -> aiormq.Channel:
        underlay = self._underlay
        if underlay is not None and not underlay.is_closed:
            return underlay
        if not self.is_open:
            raise ConnectionError("not connected to the broker")
        self._underlay_open.clear()
        if self._underlay is not None and not self._underlay.is_closed:  # reopened meanwhile
            return self._underlay
        await self._underlay_open.wait()
        assert self._underlay is not None
        return self._underlay

    async def request(self, exchange: str, routing_key: str, message: Message) -> PendingReply:
        correlation_id = uuid.uuid4().hex
        properties = _properties(message)
        properties.correlation_id = correlation_id
        properties.reply_to = DIRECT_REPLY_TO
        pending = self._replies.expect(correlation_id)
        try:
            await self._publish(exchange, routing_key, properties, message.body, True)
        except BaseException:
            pending.forget()
            raise
        return pending

    async def consume(self, queue: str, handler: Handler, *, prefetch: int) -> _Subscription:
        channel = await self._connection.channel()
        await channel.set_qos(prefetch_count=prefetch)
        declared = self._specs.get(queue)
        if declared is not None:
            spec, delays = declared
            consumed = await declare_queue(channel, spec, delay_queues=delays)
        else:
            consumed = await channel.declare_queue(queue, passive=True)

        async def on_message(message: AbstractIncomingMessage) -> None:
            await handler(message)

        return _Subscription(consumed, await consumed.consume(on_message))

    async def close(self) -> None:
        await self._connection.close()
