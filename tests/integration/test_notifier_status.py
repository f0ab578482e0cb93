"""The notifier's status store over real Redis and over the in-memory store (each test runs on
both): records and their idempotency keys, the allowed transitions (atomic, under concurrency too),
the msgid mapping for delivery reports, batch counters, and a TTL on every key. Each test has its
own key prefix and deletes it afterwards."""

import asyncio
import itertools
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from services.notifier.status import MessageRecord, Status, StatusStore, UnknownBatch, can_transition
from tests.conftest import matching_keys
from tests.contract.stores import STORES, open_store

TTL = 3600
NOW = 1_700_000_000.25
# How to bring a new (queued) record to each status.
PATHS: dict[Status, list[Status]] = {
    Status.QUEUED: [],
    Status.SENDING: [Status.SENDING],
    Status.SENT: [Status.SENDING, Status.SENT],
    Status.DELIVERED: [Status.SENDING, Status.SENT, Status.DELIVERED],
    Status.FAILED: [Status.FAILED],
}
ALLOWED = {
    (Status.QUEUED, Status.SENDING),
    (Status.QUEUED, Status.FAILED),
    (Status.SENDING, Status.QUEUED),
    (Status.SENDING, Status.SENT),
    (Status.SENDING, Status.FAILED),
    (Status.SENT, Status.DELIVERED),
    (Status.SENT, Status.FAILED),
}


@pytest.fixture(params=STORES)
async def redis(request: pytest.FixtureRequest, app_id: str) -> AsyncIterator[Redis]:
    """Real Redis, and the in-memory store of the single-process mode."""
    async with open_store(request, app_id) as opened:
        yield opened.client


@pytest.fixture
def prefix(app_id: str) -> str:
    return f"wxmp:test:{app_id}:"


@pytest.fixture
async def store(redis: Redis, prefix: str) -> AsyncIterator[StatusStore]:
    store = StatusStore(redis, ttl_seconds=TTL, prefix=prefix)
    yield store
    await store.close()
    keys = await matching_keys(redis, prefix + "*")
    if keys:
        await redis.delete(*keys)


async def keys_under(redis: Redis, prefix: str) -> list[str]:
    return sorted(key.decode() for key in await matching_keys(redis, prefix + "*"))


async def record_at(store: StatusStore, app_id: str, status: Status, batch_id: str | None = None) -> MessageRecord:
    record, _ = await store.create(app_id=app_id, kind="template", client_msg_id=None, batch_id=batch_id, now=NOW)
    for step in PATHS[status]:
        moved, changed = await store.transition(
            record.id, step, now=NOW + 1, wechat_msgid=42 if step is Status.SENT else None
        )
        assert changed and moved is not None
        record = moved
    return record


# --- records and idempotency -------------------------------------------------------------


async def test_create_and_get_round_trip(store: StatusStore, app_id: str) -> None:
    record, created = await store.create(app_id=app_id, kind="template", client_msg_id="order-1", now=NOW)
    assert created
    assert len(record.id) == 32 and int(record.id, 16) >= 0
    assert record == MessageRecord(
        id=record.id,
        app_id=app_id,
        kind="template",
        status=Status.QUEUED,
        attempts=0,
        wechat_msgid=None,
        error=None,
        batch_id=None,
        created_at=NOW,
        updated_at=NOW,
        client_msg_id="order-1",
    )
    assert await store.get(record.id) == record
    assert record.to_json() == {
        "id": record.id,
        "status": "queued",
        "app_id": app_id,
        "kind": "template",
        "attempts": 0,
        "wechat_msgid": None,
        "error": None,
        "batch_id": None,
        "client_msg_id": "order-1",
        "created_at": NOW,
        "updated_at": NOW,
    }


async def test_unknown_id_and_kind(store: StatusStore, app_id: str) -> None:
    assert await store.get("0" * 32) is None
    assert await store.transition("0" * 32, Status.SENDING, now=NOW) == (None, False)
    with pytest.raises(ValueError, match="kind"):
        await store.create(app_id=app_id, kind="mass", client_msg_id=None, now=NOW)


async def test_same_client_msg_id_returns_the_same_record(store: StatusStore, app_id: str) -> None:
    first, created = await store.create(app_id=app_id, kind="template", client_msg_id="order-1", now=NOW)
    await store.transition(first.id, Status.SENDING, now=NOW + 1)
    again, created_again = await store.create(app_id=app_id, kind="template", client_msg_id="order-1", now=NOW + 2)
    assert (created, created_again) == (True, False)
    assert again.id == first.id and again.status is Status.SENDING and again.created_at == NOW


async def test_without_client_msg_id_every_create_is_new(store: StatusStore, app_id: str) -> None:
    one, _ = await store.create(app_id=app_id, kind="custom", client_msg_id=None, now=NOW)
    two, created = await store.create(app_id=app_id, kind="custom", client_msg_id=None, now=NOW)
    assert created and one.id != two.id and one.client_msg_id is None


async def test_concurrent_creates_with_one_client_msg_id_make_one_record(
    redis: Redis, store: StatusStore, app_id: str, prefix: str
) -> None:
    results = await asyncio.gather(
        *(store.create(app_id=app_id, kind="template", client_msg_id="burst", now=NOW) for _ in range(20))
    )
    assert len({record.id for record, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert len([key for key in await keys_under(redis, prefix) if ":msg:" in key]) == 1


async def test_kinds_and_apps_do_not_collide(store: StatusStore, app_id: str) -> None:
    template, _ = await store.create(app_id=app_id, kind="template", client_msg_id="k", now=NOW)
    custom, custom_new = await store.create(app_id=app_id, kind="custom", client_msg_id="k", now=NOW)
    other, other_new = await store.create(app_id=app_id + "x", kind="template", client_msg_id="k", now=NOW)
    assert custom_new and other_new
    assert len({template.id, custom.id, other.id}) == 3
    assert (custom.kind, other.app_id) == ("custom", app_id + "x")


# --- transitions -------------------------------------------------------------------------


def test_the_transition_table() -> None:
    assert {pair for pair in itertools.product(Status, Status) if can_transition(*pair)} == ALLOWED


@pytest.mark.parametrize(("old", "new"), list(itertools.product(Status, Status)), ids=lambda s: s.value)
async def test_transition(store: StatusStore, app_id: str, old: Status, new: Status) -> None:
    record = await record_at(store, app_id, old)
    after, changed = await store.transition(record.id, new, now=NOW + 10, attempts=7)
    assert after is not None
    if (old, new) in ALLOWED:
        assert changed and after.status is new
        assert (after.updated_at, after.attempts) == (NOW + 10, 7)
    else:  # refused, or a repeat: nothing written
        assert not changed and after == record
    assert await store.get(record.id) == after


async def test_transitions_write_attempts_msgid_and_errors(store: StatusStore, app_id: str) -> None:
    record = await record_at(store, app_id, Status.QUEUED)
    busy = {"errcode": -1, "errmsg": "system error"}
    await store.transition(record.id, Status.SENDING, now=NOW + 1, attempts=1)
    retried, _ = await store.transition(record.id, Status.QUEUED, now=NOW + 2, error=busy)
    assert retried is not None and (retried.status, retried.attempts, retried.error) == (Status.QUEUED, 1, busy)
    sending, _ = await store.transition(record.id, Status.SENDING, now=NOW + 3, attempts=2)
    assert sending is not None and sending.error == busy  # kept until the message is sent
    sent, _ = await store.transition(record.id, Status.SENT, now=NOW + 4, wechat_msgid=2**62 + 5)
    assert sent is not None
    assert (sent.wechat_msgid, sent.error, sent.attempts, sent.created_at) == (2**62 + 5, None, 2, NOW)
    failed, _ = await store.transition(record.id, Status.FAILED, now=NOW + 5, error={"reason": "user block"})
    assert failed is not None and failed.error == {"reason": "user block"} and failed.wechat_msgid == 2**62 + 5


async def test_calls_add_up_in_attempts_even_when_the_move_is_refused(store: StatusStore, app_id: str) -> None:
    record = await record_at(store, app_id, Status.SENDING)
    retried, _ = await store.transition(record.id, Status.QUEUED, now=NOW + 1, add_attempts=3)
    assert retried is not None and retried.attempts == 3
    await store.transition(record.id, Status.SENDING, now=NOW + 2)
    sent, _ = await store.transition(record.id, Status.SENT, now=NOW + 3, add_attempts=2)
    assert sent is not None and (sent.status, sent.attempts) == (Status.SENT, 5)
    # A delivery that raced another (the record is sent already) still made its call to WeChat.
    after, changed = await store.transition(record.id, Status.SENT, now=NOW + 4, add_attempts=1)
    assert not changed and after is not None and (after.attempts, after.updated_at) == (6, NOW + 3)
    with pytest.raises(ValueError, match="add_attempts"):
        await store.transition(record.id, Status.SENT, now=NOW + 5, add_attempts=-1)


async def test_a_repeat_is_a_no_op(store: StatusStore, app_id: str) -> None:
    record = await record_at(store, app_id, Status.SENDING)
    after, changed = await store.transition(record.id, Status.SENDING, now=NOW + 9, attempts=5, error={"reason": "x"})
    assert not changed and after == record


async def test_terminal_statuses_never_change(store: StatusStore, app_id: str) -> None:
    delivered = await record_at(store, app_id, Status.DELIVERED)
    assert await store.transition(delivered.id, Status.SENDING, now=NOW + 9) == (delivered, False)
    failed = await record_at(store, app_id, Status.FAILED)
    assert await store.transition(failed.id, Status.SENT, now=NOW + 9, wechat_msgid=7) == (failed, False)
    assert await store.by_wechat_msgid(app_id, 7) is None


async def test_concurrent_transitions_move_once(store: StatusStore, app_id: str) -> None:
    record = await record_at(store, app_id, Status.QUEUED)
    results = await asyncio.gather(
        *(store.transition(record.id, Status.SENDING, now=NOW + 1, attempts=i) for i in range(10))
    )
    assert sum(changed for _, changed in results) == 1


async def test_msgid_maps_to_the_message_once_sent(store: StatusStore, app_id: str) -> None:
    record = await record_at(store, app_id, Status.SENDING)
    assert await store.by_wechat_msgid(app_id, 1234567890123) is None
    await store.transition(record.id, Status.SENT, now=NOW + 1, wechat_msgid=1234567890123)
    assert await store.by_wechat_msgid(app_id, 1234567890123) == record.id
    assert await store.by_wechat_msgid(app_id + "x", 1234567890123) is None
    delivered, changed = await store.transition(record.id, Status.DELIVERED, now=NOW + 2)
    assert changed and delivered is not None and delivered.wechat_msgid == 1234567890123


async def test_sent_without_msgid_maps_nothing(redis: Redis, store: StatusStore, app_id: str, prefix: str) -> None:
    record = await record_at(store, app_id, Status.SENDING)
    sent, changed = await store.transition(record.id, Status.SENT, now=NOW + 1)
    assert changed and sent is not None and sent.wechat_msgid is None
    assert not [key for key in await keys_under(redis, prefix) if ":msgid:" in key]


# --- batches -----------------------------------------------------------------------------


async def test_batch_counters_follow_their_messages(store: StatusStore, app_id: str) -> None:
    batch_id, created = await store.create_batch(app_id=app_id, total=5, client_batch_id=None, now=NOW)
    assert created
    empty = await store.batch(batch_id)
    assert empty is not None and (empty["queued"], empty["done"]) == (0, False)
    records = [
        await record_at(store, app_id, status, batch_id)
        for status in (Status.DELIVERED, Status.DELIVERED, Status.FAILED, Status.SENT, Status.QUEUED)
    ]
    assert all(record.batch_id == batch_id for record in records)
    assert await store.batch(batch_id) == {
        "batch_id": batch_id,
        "app_id": app_id,
        "total": 5,
        "queued": 1,
        "sending": 0,
        "sent": 1,
        "delivered": 2,
        "failed": 1,
        "done": False,
        "created_at": NOW,
    }
    last = records[-1].id
    await store.transition(last, Status.SENDING, now=NOW + 2)
    await store.transition(last, Status.QUEUED, now=NOW + 3)  # a retry counts as queued again
    await store.transition(last, Status.DELIVERED, now=NOW + 4)  # refused: counts unchanged
    counts = await store.batch(batch_id)
    assert counts is not None and (counts["queued"], counts["sending"], counts["done"]) == (1, 0, False)
    await store.transition(last, Status.FAILED, now=NOW + 5)
    counts = await store.batch(batch_id)
    assert counts is not None
    assert {k: counts[k] for k in ("queued", "sending", "sent", "delivered", "failed", "done")} == {
        "queued": 0,
        "sending": 0,
        "sent": 1,
        "delivered": 2,
        "failed": 2,
        "done": True,  # the sent one awaits its report, but nothing waits to be sent
    }


async def test_a_batch_is_not_done_until_every_message_exists(store: StatusStore, app_id: str) -> None:
    batch_id, _ = await store.create_batch(app_id=app_id, total=3, client_batch_id=None, now=NOW)
    for _ in range(2):
        await record_at(store, app_id, Status.DELIVERED, batch_id)
    counts = await store.batch(batch_id)
    assert counts is not None and (counts["delivered"], counts["done"]) == (2, False)
    await record_at(store, app_id, Status.FAILED, batch_id)
    counts = await store.batch(batch_id)
    assert counts is not None and counts["done"]


async def test_same_client_batch_id_returns_the_same_batch(store: StatusStore, app_id: str) -> None:
    first, created = await store.create_batch(app_id=app_id, total=2, client_batch_id="promo-1", now=NOW)
    again, created_again = await store.create_batch(app_id=app_id, total=2, client_batch_id="promo-1", now=NOW)
    other, other_new = await store.create_batch(app_id=app_id + "x", total=2, client_batch_id="promo-1", now=NOW)
    assert (created, created_again, other_new) == (True, False, True)
    assert again == first != other


async def test_messages_join_only_a_batch_of_their_app(store: StatusStore, app_id: str) -> None:
    batch_id, _ = await store.create_batch(app_id=app_id, total=1, client_batch_id=None, now=NOW)
    with pytest.raises(UnknownBatch):
        await store.create(app_id=app_id + "x", kind="template", client_msg_id=None, batch_id=batch_id, now=NOW)
    with pytest.raises(UnknownBatch):
        await store.create(app_id=app_id, kind="template", client_msg_id=None, batch_id="f" * 32, now=NOW)
    assert await store.batch("f" * 32) is None
    counts = await store.batch(batch_id)
    assert counts is not None and counts["queued"] == 0


# --- expiry ------------------------------------------------------------------------------


async def test_every_key_has_the_ttl(redis: Redis, store: StatusStore, app_id: str, prefix: str) -> None:
    batch_id, _ = await store.create_batch(app_id=app_id, total=1, client_batch_id="b-1", now=NOW)
    record, _ = await store.create(app_id=app_id, kind="template", client_msg_id="m-1", batch_id=batch_id, now=NOW)
    await store.transition(record.id, Status.SENDING, now=NOW + 1)
    await store.transition(record.id, Status.SENT, now=NOW + 2, wechat_msgid=99)
    keys = await keys_under(redis, prefix)
    assert {key.removeprefix(prefix).split(":")[0] for key in keys} == {"msg", "idem", "msgid", "batch", "batch-idem"}
    for key in keys:
        assert 0 < await redis.ttl(key) <= TTL, key


async def test_a_transition_renews_the_record_and_batch_ttl(
    redis: Redis, store: StatusStore, app_id: str, prefix: str
) -> None:
    batch_id, _ = await store.create_batch(app_id=app_id, total=1, client_batch_id=None, now=NOW)
    record, _ = await store.create(app_id=app_id, kind="template", client_msg_id=None, batch_id=batch_id, now=NOW)
    for key in (f"{prefix}msg:{record.id}", f"{prefix}batch:{batch_id}"):
        await redis.expire(key, 60)
    await store.transition(record.id, Status.SENDING, now=NOW + 1)
    for key in (f"{prefix}msg:{record.id}", f"{prefix}batch:{batch_id}"):
        assert await redis.ttl(key) > 60, key
