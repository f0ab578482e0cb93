"""Publishes events with publisher confirms and collects passive replies over direct reply-to.

One channel does both: RabbitMQ's direct reply-to needs the publishing channel
to consume ``amq.rabbitmq.reply-to``. Publishes go straight to the underlying
aiormq channel with prebuilt properties (the lean path: many confirms in flight
at once, no per-message wrapper objects). ``mandatory`` is set: an event no
queue would take comes back and counts as not stored.
"""

import asyncio
import uuid
from datetime import UTC, datetime
from typing import cast

import aiormq
import structlog
from aio_pika.abc import AbstractRobustChannel
from aiormq.abc import DeliveredMessage
from pamqp.commands import Basic

from shared.topology import DIRECT_REPLY_TO, EVENTS_EXCHANGE, REPLY_DEADLINE_HEADER, declare_exchanges

log = structlog.get_logger(__name__)

PERSISTENT = 2


class PublishFailed(Exception):
    """The broker did not confirm the event (nack, unroutable, timeout or connection lost)."""


class EventPublisher:
    def __init__(self, channel: AbstractRobustChannel, *, timeout: float) -> None:
        self._channel = channel
        self._timeout = timeout
        self._replies: dict[str, asyncio.Future[bytes]] = {}
        # The open aiormq channel, refreshed whenever the robust channel reopens;
        # publishing fails fast (503) while there is none instead of queueing.
        self._underlay: aiormq.Channel | None = None
        self._loop = asyncio.get_running_loop()

    async def start(self) -> None:
        await declare_exchanges(self._channel)
        await self._consume_replies()
        self._channel.reopen_callbacks.add(self._on_reopen)

    async def _on_reopen(self, *_args: object) -> None:
        await self._consume_replies()

    async def _consume_replies(self) -> None:
        # aio-pika's channels wrap aiormq.Channel (whose basic_publish takes ``wait``).
        underlay = cast(aiormq.Channel, await self._channel.get_underlay_channel())
        await underlay.basic_consume(DIRECT_REPLY_TO, self._on_reply, no_ack=True)
        self._underlay = underlay

    async def _on_reply(self, message: DeliveredMessage) -> None:
        future = self._replies.get(message.header.properties.correlation_id or "")
        if future is not None and not future.done():
            future.set_result(message.body)

    async def publish(
        self, body: bytes, *, routing_key: str, event_id: str, reply_deadline: float | None = None
    ) -> str | None:
        """Publish and wait for the confirm; raise ``PublishFailed`` unless stored.

        With ``reply_deadline`` (unix seconds) the event asks for a passive reply;
        the returned correlation id is then to be passed to ``wait_reply``.
        """
        correlation_id = None
        properties = Basic.Properties(
            content_type="application/json",
            delivery_mode=PERSISTENT,
            message_id=event_id,
            timestamp=datetime.now(UTC),
        )
        if reply_deadline is not None:
            correlation_id = uuid.uuid4().hex
            properties.correlation_id = correlation_id
            properties.reply_to = DIRECT_REPLY_TO
            properties.headers = {REPLY_DEADLINE_HEADER: int(reply_deadline * 1000)}
            self._replies[correlation_id] = self._loop.create_future()
        underlay = self._underlay
        try:
            if underlay is None or underlay.is_closed:
                raise ConnectionError("no open broker channel")
            confirmation = await underlay.basic_publish(
                body,
                exchange=EVENTS_EXCHANGE.name,
                routing_key=routing_key,
                properties=properties,
                mandatory=True,
                timeout=self._timeout,
                # Don't hold the channel lock until the frame is flushed: the
                # broker's confirm (awaited below) is what proves it was stored.
                wait=False,
            )
        except (aiormq.exceptions.AMQPError, ConnectionError, TimeoutError, RuntimeError) as exc:
            self.forget(correlation_id)
            raise PublishFailed(type(exc).__name__) from exc
        if not isinstance(confirmation, Basic.Ack):
            self.forget(correlation_id)
            raise PublishFailed("unroutable: no queue is bound for " + routing_key)
        return correlation_id

    async def wait_reply(self, correlation_id: str, wait_seconds: float) -> bytes | None:
        """The replier's body (empty: no reply), or None when none came in time."""
        future = self._replies.get(correlation_id)
        if future is None:
            return None
        try:
            return await asyncio.wait_for(future, max(wait_seconds, 0.0))
        except TimeoutError:
            return None
        finally:
            self.forget(correlation_id)

    def forget(self, correlation_id: str | None) -> None:
        if correlation_id is not None:
            self._replies.pop(correlation_id, None)
