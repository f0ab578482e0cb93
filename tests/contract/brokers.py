"""Brokers for the contract tests: connections of one kind with names unique to the test, and an
inbox that collects what a consumer receives and waits for it with a deadline."""

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from shared.backends import Backends
from shared.broker import Broker, IncomingMessage
from shared.topology import EVENTS_EXCHANGE, ExchangeSpec, QueueSpec, delay_queue_name
from tests.waiting import WAIT

# Delay queues the tests may declare per queue (deleted afterwards on RabbitMQ).
MAX_DELAY_QUEUES = 3


@dataclass
class BrokerFactory:
    """Opens connections of one kind for one test — to one RabbitMQ vhost or one MemoryHub — and
    hands out queue names and routing words of this test only."""

    kind: str
    backends: Backends
    tag: str = field(default_factory=lambda: "ct" + uuid.uuid4().hex[:12])
    brokers: list[Broker] = field(default_factory=list)
    queue_names: list[str] = field(default_factory=list)

    def word(self, label: str) -> str:
        """A routing-key word (no dots) that only this test uses."""
        return f"{self.tag}{label}"

    def queue(
        self,
        label: str,
        *bindings: str,
        exchange: ExchangeSpec = EVENTS_EXCHANGE,
        dead_letter: bool = True,
        transient: bool = False,
    ) -> QueueSpec:
        """A queue of this test bound to ``exchange`` under each of ``bindings``."""
        spec = QueueSpec(
            f"{self.tag}.{label}",
            tuple((exchange, binding) for binding in bindings),
            dead_letter=dead_letter,
            transient=transient,
        )
        delays = [delay_queue_name(spec.name, attempt) for attempt in range(1, MAX_DELAY_QUEUES + 1)]
        self.queue_names += [spec.name, spec.dead_letter_queue.name, *delays]
        return spec

    async def open(self, service: str = "contract") -> Broker:
        broker = await self.backends.open_broker(service, publish_timeout=WAIT)
        self.brokers.append(broker)
        return broker

    async def close(self) -> None:
        for broker in self.brokers:
            if broker.is_open:
                await broker.close()


class Inbox:
    """A handler that keeps every message it is given, in order (acking it unless ``settle`` is False)."""

    def __init__(self, *, settle: bool = True) -> None:
        self.messages: list[IncomingMessage] = []
        self.arrived_at: list[float] = []
        self._settle = settle
        self._changed = asyncio.Event()

    async def __call__(self, message: IncomingMessage) -> None:
        self.messages.append(message)
        self.arrived_at.append(time.monotonic())
        self._changed.set()
        if self._settle:
            await message.ack()

    @property
    def bodies(self) -> list[bytes]:
        return [message.body for message in self.messages]

    async def wait_for(self, count: int, *, within: float = WAIT) -> list[IncomingMessage]:
        """The first ``count`` messages, once they are here."""
        await self.wait_until(lambda messages: len(messages) >= count, within=within)
        return self.messages[:count]

    async def wait_for_body(self, body: bytes, *, within: float = WAIT) -> list[IncomingMessage]:
        """Every message up to and including the first with ``body``, once it is here."""
        await self.wait_until(lambda messages: any(message.body == body for message in messages), within=within)
        return self.messages[: self.bodies.index(body) + 1]

    async def wait_until(self, done: Callable[[list[IncomingMessage]], bool], *, within: float = WAIT) -> None:
        try:
            async with asyncio.timeout(within):
                while not done(self.messages):
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            raise AssertionError(f"not received within {within} s; received {self.bodies!r}") from None
