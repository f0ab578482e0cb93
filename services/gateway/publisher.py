"""Publishes events (confirmed, mandatory) and asks for passive replies over the reply RPC.

``mandatory``: an event no queue would take comes back and counts as not
stored. An answerable event carries its reply deadline (unix ms) in
``x-reply-deadline-ms``; the broker sets its reply address and correlation id.
"""

from datetime import UTC, datetime

from shared.broker import PERSISTENT, Broker, Message, PendingReply
from shared.topology import EVENTS_EXCHANGE, REPLY_DEADLINE_HEADER


class EventPublisher:
    def __init__(self, broker: Broker) -> None:
        self._broker = broker

    async def start(self) -> None:
        await self._broker.declare_exchanges()

    async def publish(
        self, body: bytes, *, routing_key: str, event_id: str, reply_deadline: float | None = None
    ) -> PendingReply | None:
        """Publish and wait for the confirm; raise ``PublishFailed`` unless stored.

        With ``reply_deadline`` (unix seconds) the event asks for a passive reply,
        to be awaited on the returned ``PendingReply``.
        """
        message = Message(
            body,
            content_type="application/json",
            delivery_mode=PERSISTENT,
            message_id=event_id,
            timestamp=datetime.now(UTC),
            headers={REPLY_DEADLINE_HEADER: int(reply_deadline * 1000)} if reply_deadline is not None else {},
        )
        if reply_deadline is None:
            await self._broker.publish(EVENTS_EXCHANGE.name, routing_key, message)
            return None
        return await self._broker.request(EVENTS_EXCHANGE.name, routing_key, message)
