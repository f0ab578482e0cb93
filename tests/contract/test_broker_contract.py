"""The broker port's promises, each checked on RabbitMQ and on the in-memory broker.

Every test body runs on both adapters (``broker_factory``); a difference between them fails
here rather than in ``make run``. Messages a queue must not get are published before one it
must get, so "not received" is read off what arrived before that one (a queue keeps order)."""

import time
from datetime import UTC, datetime

import pytest

from shared.broker import PERSISTENT, TRANSIENT, IncomingMessage, Message, PublishFailed, Unroutable
from shared.consumer import ATTEMPTS_HEADER, ROUTING_KEY_HEADER, Consumer, Permanent, attempts_of, routing_key_of
from shared.topology import DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE, delay_queue_name
from tests.contract.brokers import BrokerFactory, Inbox
from tests.waiting import WAIT, eventually

EVENTS = EVENTS_EXCHANGE.name


def routing_keys(messages: list[IncomingMessage]) -> list[str | None]:
    return [message.routing_key for message in messages]


def latest_death(message: IncomingMessage) -> tuple[str, str]:
    """The queue and reason of the message's most recent dead-lettering (``x-death`` comes newest first)."""
    deaths = message.headers["x-death"]
    return deaths[0]["queue"], deaths[0]["reason"]


# --- routing -----------------------------------------------------------------------------------


async def test_star_matches_exactly_one_word(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("star", f"{a}.*")
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    for key in (a, f"{a}.message.text", f"{a}.message", f"{a}.end"):
        await broker.publish(EVENTS, key, Message(key.encode()), mandatory=False)

    assert routing_keys(await inbox.wait_for_body(f"{a}.end".encode())) == [f"{a}.message", f"{a}.end"]


async def test_hash_matches_zero_or_more_words(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a, b = broker_factory.word("a"), broker_factory.word("b")
    tail = broker_factory.queue("tail", f"{a}.#")
    middle = broker_factory.queue("middle", f"{a}.#.text")
    for spec in (tail, middle):
        await broker.declare(spec)
    tails, middles = Inbox(), Inbox()
    await broker.consume(tail.name, tails, prefetch=10)
    await broker.consume(middle.name, middles, prefetch=10)

    keys = (f"{b}.message.text", a, f"{a}.text", f"{a}.message.text", f"{a}.message.image", f"{a}.x.y.text")
    for key in (*keys, f"{a}.end.text"):
        await broker.publish(EVENTS, key, Message(key.encode()), mandatory=False)

    assert routing_keys(await tails.wait_for_body(f"{a}.end.text".encode())) == [
        a,
        f"{a}.text",
        f"{a}.message.text",
        f"{a}.message.image",
        f"{a}.x.y.text",
        f"{a}.end.text",
    ]
    assert routing_keys(await middles.wait_for_body(f"{a}.end.text".encode())) == [
        f"{a}.text",
        f"{a}.message.text",
        f"{a}.x.y.text",
        f"{a}.end.text",
    ]


async def test_a_queue_gets_a_message_once_however_many_of_its_bindings_match(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("both", f"{a}.#", f"{a}.*.text", f"{a}.message.text")
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    await broker.publish(EVENTS, f"{a}.message.text", Message(b"once"))
    await broker.publish(EVENTS, f"{a}.end", Message(b"end"))

    assert (await inbox.wait_for_body(b"end"))[0].body == b"once"
    assert inbox.bodies == [b"once", b"end"]


async def test_the_default_exchange_routes_by_queue_name(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("direct")  # no bindings at all
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    await broker.publish("", spec.name, Message(b"by name"))

    [message] = await inbox.wait_for(1)
    assert (message.body, message.routing_key) == (b"by name", spec.name)


async def test_a_mandatory_publish_no_queue_takes_raises_unroutable(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    await broker.declare_exchanges()
    with pytest.raises(Unroutable):
        await broker.publish(EVENTS, f"{broker_factory.word('nobody')}.message.text", Message(b"lost"))
    with pytest.raises(Unroutable):
        await broker.publish("", broker_factory.word("no-such-queue"), Message(b"lost"))


async def test_a_non_mandatory_publish_no_queue_takes_is_dropped_quietly(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    await broker.declare_exchanges()
    await broker.publish(EVENTS, f"{broker_factory.word('nobody')}.message.text", Message(b"lost"), mandatory=False)
    await broker.publish("", broker_factory.word("no-such-queue"), Message(b"lost"), mandatory=False)


async def test_publishing_to_an_undeclared_exchange_raises_publish_failed(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    await broker.declare_exchanges()
    with pytest.raises(PublishFailed) as refused:
        await broker.publish(broker_factory.word("no-such-exchange"), "any.key", Message(b"lost"))
    assert not isinstance(refused.value, Unroutable)  # no exchange is not "no queue bound"


async def test_a_publish_right_after_a_refused_one_is_stored(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("after-refusal")
    await broker.declare(spec)
    with pytest.raises(PublishFailed):
        await broker.publish(broker_factory.word("no-such-exchange"), "any.key", Message(b"lost"))

    await broker.publish("", spec.name, Message(b"next"))  # a sibling request's publish, say

    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)
    assert (await inbox.wait_for(1))[0].body == b"next"


# --- messages ------------------------------------------------------------------------------------


async def test_message_properties_round_trip(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("props", f"{a}.#")
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)
    sent = Message(
        b'\x00{"k": "\xe4\xbd\xa0"}\xff',
        headers={"x-reply-deadline-ms": 1_714_550_400_123, "x-record-id": "rec-1", "x-attempts": 2},
        message_id="msg-1",
        correlation_id="corr-1",
        reply_to="somebody",
        content_type="application/json",
        delivery_mode=TRANSIENT,
        timestamp=datetime(2024, 5, 1, 8, 0, 0, tzinfo=UTC),  # AMQP carries whole seconds
    )

    await broker.publish(EVENTS, f"{a}.message.text", sent)

    [got] = await inbox.wait_for(1)
    assert (got.body, dict(got.headers), got.routing_key) == (sent.body, dict(sent.headers), f"{a}.message.text")
    assert (got.message_id, got.correlation_id, got.reply_to) == ("msg-1", "corr-1", "somebody")
    assert (got.content_type, got.delivery_mode, got.timestamp) == ("application/json", TRANSIENT, sent.timestamp)


async def test_properties_left_unset_arrive_unset_but_a_message_id(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("bare")
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    await broker.publish("", spec.name, Message(b""))
    await broker.publish("", spec.name, Message(b""))

    first, second = await inbox.wait_for(2)
    assert (first.body, dict(first.headers or {}), first.delivery_mode) == (b"", {}, PERSISTENT)
    assert (first.correlation_id, first.reply_to, first.content_type, first.timestamp) == (None, None, None, None)
    # A message id always (aiormq sets a random one when the publisher gave none): two publishes
    # of one body are two messages.
    assert first.message_id and second.message_id and first.message_id != second.message_id


async def test_timestamps_carry_whole_seconds(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("stamped")
    await broker.declare(spec)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)
    now = datetime(2024, 5, 1, 8, 0, 0, 654_321, tzinfo=UTC)  # as the gateway stamps: datetime.now(UTC)

    await broker.publish("", spec.name, Message(b"stamped", timestamp=now))

    [got] = await inbox.wait_for(1)
    assert got.timestamp == now.replace(microsecond=0)


# --- consumers and settling ----------------------------------------------------------------------


async def test_prefetch_bounds_the_unsettled_messages_of_a_consumer(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("prefetch")
    await broker.declare(spec)
    for n in range(5):
        await broker.publish("", spec.name, Message(f"m{n}".encode()))

    holding = Inbox(settle=False)
    await broker.consume(spec.name, holding, prefetch=2)
    await holding.wait_for(2)
    others = Inbox()
    await broker.consume(spec.name, others, prefetch=10)
    await others.wait_for(3)  # the rest go to the consumer with room

    assert (len(holding.messages), sorted(holding.bodies + others.bodies)) == (2, [b"m0", b"m1", b"m2", b"m3", b"m4"])


async def test_a_settled_message_makes_room_for_the_next(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("room")
    await broker.declare(spec)
    for n in range(3):
        await broker.publish("", spec.name, Message(f"m{n}".encode()))
    holding = Inbox(settle=False)
    await broker.consume(spec.name, holding, prefetch=1)

    for n in range(3):
        [*_, last] = await holding.wait_for(n + 1)
        await last.ack()

    assert holding.bodies == [b"m0", b"m1", b"m2"]


async def test_nack_with_requeue_redelivers(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("nacked")
    await broker.declare(spec)
    inbox = Inbox(settle=False)
    await broker.consume(spec.name, inbox, prefetch=10)

    await broker.publish("", spec.name, Message(b"again", message_id="m-1"))
    [first] = await inbox.wait_for(1)
    await first.nack(requeue=True)

    [_, second] = await inbox.wait_for(2)
    await second.ack()
    assert (second.body, second.message_id) == (b"again", "m-1")


async def test_reject_without_requeue_dead_letters_into_the_dead_queue(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("rejected", f"{a}.#")
    await broker.declare(spec)
    inbox, dead = Inbox(settle=False), Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)
    await broker.consume(spec.dead_letter_queue.name, dead, prefetch=10)

    await broker.publish(EVENTS, f"{a}.message.text", Message(b"poison", message_id="m-1"))
    [message] = await inbox.wait_for(1)
    await message.reject(requeue=False)

    [buried] = await dead.wait_for(1)
    assert spec.dead_letter_queue.bindings == ((DEAD_LETTER_EXCHANGE, spec.name),)
    assert (buried.body, buried.message_id, buried.routing_key) == (b"poison", "m-1", spec.name)
    assert latest_death(buried) == (spec.name, "rejected")


async def test_expiration_in_a_delay_queue_dead_letters_back_after_the_delay(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("delayed")
    await broker.declare(spec, delay_queues=1)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    start = time.monotonic()
    await broker.publish("", delay_queue_name(spec.name, 1), Message(b"later", expiration=0.3))

    [back] = await inbox.wait_for(1)
    assert inbox.arrived_at[0] - start >= 0.29
    assert (back.body, back.routing_key) == (b"later", spec.name)
    assert latest_death(back) == (delay_queue_name(spec.name, 1), "expired")


async def test_messages_expire_only_at_the_head_of_their_queue(broker_factory: BrokerFactory) -> None:
    """RabbitMQ drops (dead-letters) an expired message only once it is at the head: a short
    delay behind a long one waits for it."""
    broker = await broker_factory.open()
    spec = broker_factory.queue("heads")
    await broker.declare(spec, delay_queues=1)
    inbox = Inbox()
    await broker.consume(spec.name, inbox, prefetch=10)

    start = time.monotonic()
    await broker.publish("", delay_queue_name(spec.name, 1), Message(b"long", expiration=0.6))
    await broker.publish("", delay_queue_name(spec.name, 1), Message(b"short", expiration=0.05))

    assert [m.body for m in await inbox.wait_for(2)] == [b"long", b"short"]
    assert inbox.arrived_at[1] - start >= 0.59


async def test_consumer_retries_through_delay_queues_then_dead_letters(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("retried", f"{a}.#")
    await broker.declare(spec, delay_queues=2)
    attempts = Inbox(settle=False)  # the Consumer settles them

    async def failing(message: IncomingMessage) -> None:
        await attempts(message)
        raise RuntimeError("WeChat is busy")

    consumer = Consumer(
        broker, spec.name, failing, max_attempts=3, name="contract", prefetch=5, retry_delays=lambda n: 0.1 * n
    )
    dead = Inbox()
    await broker.consume(spec.dead_letter_queue.name, dead, prefetch=10)
    await consumer.start()
    try:
        await broker.publish(EVENTS, f"{a}.message.text", Message(b"fails", message_id="m-1"))
        [buried] = await dead.wait_for(1)
    finally:
        await consumer.stop(grace=WAIT)

    first, second, third = attempts.messages
    assert [attempts_of(m) for m in (first, second, third, buried)] == [0, 1, 2, 2]
    assert {routing_key_of(m) for m in (first, second, third, buried)} == {f"{a}.message.text"}
    assert [m.headers.get(ROUTING_KEY_HEADER) for m in (second, third)] == [f"{a}.message.text"] * 2
    assert [latest_death(m) for m in (second, third)] == [
        (delay_queue_name(spec.name, 1), "expired"),
        (delay_queue_name(spec.name, 2), "expired"),
    ]
    waited = [later - earlier for earlier, later in zip(attempts.arrived_at, attempts.arrived_at[1:], strict=False)]
    assert waited[0] >= 0.09 and waited[1] >= 0.19, waited
    assert (buried.body, buried.message_id, buried.headers[ATTEMPTS_HEADER]) == (b"fails", "m-1", 2)


async def test_consumer_dead_letters_a_permanent_failure_at_once(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    spec = broker_factory.queue("permanent", f"{a}.#")
    await broker.declare(spec, delay_queues=2)
    attempts = Inbox(settle=False)  # the Consumer settles them

    async def refusing(message: IncomingMessage) -> None:
        await attempts(message)
        raise Permanent("malformed")

    consumer = Consumer(
        broker, spec.name, refusing, max_attempts=3, name="contract", prefetch=5, retry_delays=lambda n: 0.1
    )
    dead = Inbox()
    await broker.consume(spec.dead_letter_queue.name, dead, prefetch=10)
    await consumer.start()
    try:
        await broker.publish(EVENTS, f"{a}.message.text", Message(b"never"))
        [buried] = await dead.wait_for(1)
    finally:
        await consumer.stop(grace=WAIT)

    assert (len(attempts.messages), buried.body, attempts_of(buried)) == (1, b"never", 0)
    assert latest_death(buried) == (spec.name, "rejected")


async def test_a_cancelled_subscription_takes_no_more_but_can_settle_what_it_holds(
    broker_factory: BrokerFactory,
) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("cancelled")
    await broker.declare(spec)
    holding = Inbox(settle=False)
    subscription = await broker.consume(spec.name, holding, prefetch=10)
    await broker.publish("", spec.name, Message(b"held"))
    [held] = await holding.wait_for(1)

    await subscription.cancel()
    await held.ack()
    await broker.publish("", spec.name, Message(b"after"))
    successor = Inbox()
    await broker.consume(spec.name, successor, prefetch=10)

    assert [m.body for m in await successor.wait_for(1)] == [b"after"]
    assert holding.bodies == [b"held"]


async def test_a_closed_connections_unsettled_message_goes_to_another_consumer(
    broker_factory: BrokerFactory,
) -> None:
    first, second = await broker_factory.open("first"), await broker_factory.open("second")
    spec = broker_factory.queue("handover")
    await first.declare(spec)
    await second.declare(spec)
    holding = Inbox(settle=False)
    await first.consume(spec.name, holding, prefetch=10)
    await first.publish("", spec.name, Message(b"in hand", message_id="m-1"))
    await holding.wait_for(1)
    takeover = Inbox()
    await second.consume(spec.name, takeover, prefetch=10)

    await first.close()

    [again] = await takeover.wait_for(1)
    assert (again.body, again.message_id) == (b"in hand", "m-1")


async def test_closing_after_cancelling_returns_what_was_held_in_order(broker_factory: BrokerFactory) -> None:
    """A service's shutdown: stop consuming, then close; what it still held goes to the next one."""
    first, second = await broker_factory.open("first"), await broker_factory.open("second")
    spec = broker_factory.queue("shutdown")
    await first.declare(spec)
    holding = Inbox(settle=False)
    subscription = await first.consume(spec.name, holding, prefetch=10)
    for n in range(6):
        await first.publish("", spec.name, Message(str(n).encode()))
    await holding.wait_for(6)

    await subscription.cancel()
    await first.close()
    successor = Inbox()
    await second.consume(spec.name, successor, prefetch=10)

    assert [m.body for m in await successor.wait_for(6)] == [str(n).encode() for n in range(6)]


async def test_a_closed_broker_is_not_open_and_refuses_to_publish(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("closed")
    await broker.declare(spec)
    assert broker.is_open

    await broker.close()

    assert not broker.is_open
    with pytest.raises(PublishFailed):
        await broker.publish("", spec.name, Message(b"too late"))
    with pytest.raises(PublishFailed):
        await broker.request("", spec.name, Message(b"too late"))


# --- the reply RPC -------------------------------------------------------------------------------


@pytest.mark.parametrize("mandatory", [False, True], ids=["answer", "mandatory-answer"])
async def test_a_request_gets_the_answer_published_to_its_reply_to(
    broker_factory: BrokerFactory, mandatory: bool
) -> None:
    gateway, dispatcher = await broker_factory.open("gateway"), await broker_factory.open("dispatcher")
    a = broker_factory.word("a")
    spec = broker_factory.queue("replies", f"{a}.#")
    await dispatcher.declare(spec)
    asked = Inbox()

    async def answer(message: IncomingMessage) -> None:
        await asked(message)
        reply = Message(b"pong:" + message.body, correlation_id=message.correlation_id)
        await dispatcher.publish("", message.reply_to or "", reply, mandatory=mandatory)

    await dispatcher.consume(spec.name, answer, prefetch=10)
    await gateway.declare_exchanges()

    pending = await gateway.request(EVENTS, f"{a}.message.text", Message(b"ping"))

    assert await pending.wait(WAIT) == b"pong:ping"
    [request] = asked.messages
    assert request.correlation_id == pending.correlation_id and request.reply_to


async def test_a_request_nobody_answers_waits_its_time_and_gets_none(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    spec = broker_factory.queue("unanswered")
    await broker.declare(spec)  # the request sits in the queue: nobody consumes it

    pending = await broker.request("", spec.name, Message(b"anyone?"))
    start = time.monotonic()

    assert await pending.wait(0.2) is None
    assert time.monotonic() - start >= 0.19


async def test_an_answer_for_a_requester_that_has_gone(broker_factory: BrokerFactory) -> None:
    gateway, dispatcher = await broker_factory.open("gateway"), await broker_factory.open("dispatcher")
    spec = broker_factory.queue("orphaned")
    await dispatcher.declare(spec)
    held = Inbox(settle=False)
    await dispatcher.consume(spec.name, held, prefetch=10)
    await gateway.request("", spec.name, Message(b"ping"))
    [request] = await held.wait_for(1)

    await gateway.close()

    reply = Message(b"pong", correlation_id=request.correlation_id)
    await dispatcher.publish("", request.reply_to or "", reply, mandatory=False)  # dropped quietly
    with pytest.raises(Unroutable):
        await dispatcher.publish("", request.reply_to or "", reply, mandatory=True)
    await request.ack()


# --- transient queues ----------------------------------------------------------------------------


async def test_a_transient_queue_taps_the_events_bound_to_it(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    tap = broker_factory.queue("tap", f"{a}.#", dead_letter=False, transient=True)
    await broker.declare(tap)
    inbox = Inbox()
    await broker.consume(tap.name, inbox, prefetch=10)

    await broker.publish(EVENTS, f"{a}.event.subscribe", Message(b"seen"))

    [message] = await inbox.wait_for(1)
    assert (message.body, message.routing_key) == (b"seen", f"{a}.event.subscribe")


async def test_a_transient_queue_goes_away_with_its_last_consumer(broker_factory: BrokerFactory) -> None:
    broker = await broker_factory.open()
    a = broker_factory.word("a")
    tap = broker_factory.queue("tap", f"{a}.#", dead_letter=False, transient=True)
    await broker.declare(tap)
    subscription = await broker.consume(tap.name, Inbox(), prefetch=10)
    await broker.publish(EVENTS, f"{a}.event.subscribe", Message(b"taken"))

    await subscription.cancel()

    async def gone() -> bool:
        try:
            await broker.publish(EVENTS, f"{a}.event.subscribe", Message(b"probe"))
        except Unroutable:
            return True
        return False

    await eventually(gone)
