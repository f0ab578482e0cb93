"""Closed-loop load on RabbitMQ alone, through the services' own broker port (``shared.broker``).

``drive`` keeps ``in_flight`` operations going at once, each started when the last one of
its lane finished (as wrk's connections do): a confirmed, persistent, mandatory publish of
a gateway event (what the gateway awaits before it answers 200), or the same publish as a
reply request answered by ``respond`` in another process (what the passive-reply path
awaits, without the gateway's or the dispatcher's own work). The figures are a floor
under the gateway (or the reply path) on this broker, machine and queue type at that
concurrency.
"""

import asyncio
import time
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event

import uvloop

from shared.broker import Message, PublishFailed
from shared.broker.port import IncomingMessage
from shared.broker.rabbitmq import RabbitBroker
from shared.events import event_from_xml_fields
from shared.simulator import message_xml
from shared.topology import EVENTS_EXCHANGE, QueueSpec
from shared.xml import parse_xml

REPLY_WAIT_SECONDS = 4.0  # the gateway's default reply deadline
REPLY_BODY = b"<xml><MsgType><![CDATA[text]]></MsgType></xml>"
RESPONDER_PREFETCH = 64  # the dispatcher's default PREFETCH_COUNT


@dataclass
class Drive:
    """What the measured window saw: operations started in it, their latencies, its wall-clock bounds."""

    started: float = 0.0  # time.time() at the window's start
    ended: float = 0.0
    latencies_s: list[float] = field(default_factory=list)
    warmup_ops: int = 0
    failures: int = 0  # publishes not confirmed, or requests without a reply in REPLY_WAIT_SECONDS

    @property
    def count(self) -> int:
        return len(self.latencies_s)

    def percentiles_ms(self) -> dict[str, float]:
        ordered = sorted(self.latencies_s)
        if not ordered:
            return {"p50": 0.0, "p99": 0.0}
        return {
            name: round(1e3 * ordered[min(int(q * len(ordered)), len(ordered) - 1)], 2)
            for name, q in (("p50", 0.5), ("p99", 0.99))
        }


def event_body(app_id: str) -> bytes:
    """A normalized VIEW event as the gateway publishes it (JSON of the typed event)."""
    xml = message_xml(
        {
            "ToUserName": "gh_bench",
            "FromUserName": "obench-broker",
            "CreateTime": int(time.time()),
            "MsgType": "event",
            "Event": "VIEW",
            "EventKey": "https://example.com/menu/broker",
        }
    )
    return event_from_xml_fields(app_id, parse_xml(xml)).model_dump_json().encode("utf-8")


async def _operate(broker: RabbitBroker, routing_key: str, message: Message, *, rpc: bool) -> bool:
    if not rpc:
        await broker.publish(EVENTS_EXCHANGE.name, routing_key, message)
        return True
    pending = await broker.request(EVENTS_EXCHANGE.name, routing_key, message)
    return await pending.wait(REPLY_WAIT_SECONDS) is not None


async def drive(
    amqp_url: str, routing_key: str, body: bytes, *, in_flight: int, warmup_s: float, duration_s: float, rpc: bool
) -> Drive:
    broker = await RabbitBroker.connect(amqp_url, name="bench broker load")
    result = Drive()
    start = time.monotonic() + warmup_s
    end = start + duration_s

    async def lane(number: int) -> None:
        sequence = 0
        while (began := time.monotonic()) < end:
            sequence += 1
            message = Message(body, content_type="application/json", message_id=f"{number}-{sequence}")
            try:
                ok = await _operate(broker, routing_key, message, rpc=rpc)
            except PublishFailed:  # counted; the check on failures reports it
                ok = False
            if not ok:
                result.failures += 1
            elif began >= start:
                result.latencies_s.append(time.monotonic() - began)
            else:
                result.warmup_ops += 1

    async def mark_window() -> None:
        await asyncio.sleep(max(start - time.monotonic(), 0.0))
        result.started = time.time()
        await asyncio.sleep(max(end - time.monotonic(), 0.0))
        result.ended = time.time()

    try:
        await asyncio.gather(mark_window(), *(lane(n) for n in range(in_flight)))
    finally:
        await broker.close()
    return result


async def _respond(amqp_url: str, replies: QueueSpec, analytics: QueueSpec, ready: Event, stop: Event) -> None:
    broker = await RabbitBroker.connect(amqp_url, name="bench broker responder")

    async def answer(message: IncomingMessage) -> None:
        # As the dispatcher answers in time: the reply to ``reply_to``, then the ack.
        reply = Message(REPLY_BODY, correlation_id=message.correlation_id, content_type="application/xml")
        await broker.publish("", message.reply_to or "", reply, mandatory=False)
        await message.ack()

    async def count(message: IncomingMessage) -> None:
        await message.ack()

    try:
        for spec, handler in ((replies, answer), (analytics, count)):
            await broker.declare(spec)
            await broker.consume(spec.name, handler, prefetch=RESPONDER_PREFETCH)
        ready.set()
        await asyncio.to_thread(stop.wait)
    finally:
        await broker.close()


def respond(amqp_url: str, replies: QueueSpec, analytics: QueueSpec, ready: Event, stop: Event) -> None:
    """The dispatcher's broker work and nothing else, until ``stop``: every request on ``replies``
    answered at once and acked, every event on ``analytics`` acked."""
    uvloop.run(_respond(amqp_url, replies, analytics, ready, stop))
