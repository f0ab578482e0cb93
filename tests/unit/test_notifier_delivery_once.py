"""Messages WeChat cannot de-duplicate (customer-service messages, subscription notifications): a
second command of a record another command is sending right now is looked at again later, not sent;
a record left sending by a crashed sender is taken over once ``in_flight_seconds`` pass."""

import asyncio
import json
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any, cast

import fakeredis
import pytest

from services.notifier.delivery import ID_HEADER, Delivery, InFlight
from services.notifier.metrics import NotifierMetrics
from services.notifier.rate import RateLimiter
from services.notifier.status import Status, StatusStore
from shared.wechat.client import WeChatClient

APP = "wxapp1"
NOTICE = {"touser": "oUser1", "template_id": "priTmpl", "data": {"thing1": {"value": "已发货"}}}


class WeChat:
    """bizsend, held open until ``release`` is set."""

    def __init__(self) -> None:
        self.calls = 0
        self.called = asyncio.Event()
        self.release = asyncio.Event()

    async def call(self, app_id: str, method: str, path: str, *, json: Any, on_attempt: Any) -> dict[str, Any]:
        self.calls += 1
        self.called.set()
        on_attempt()
        await self.release.wait()
        return {"errcode": 0, "msgid": 1_700_000_000_000_000_000 + self.calls}


class Clock:
    now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def store() -> AsyncIterator[StatusStore]:
    redis = fakeredis.FakeAsyncRedis()
    status = StatusStore(redis, ttl_seconds=3600)
    yield status
    await status.close()
    await redis.aclose()


def delivery(store: StatusStore, wechat: WeChat, clock: Clock) -> Delivery:
    redis = fakeredis.FakeAsyncRedis()
    return Delivery(
        store, cast(WeChatClient, wechat), RateLimiter(redis, 0), NotifierMetrics(), max_attempts=4,
        in_flight_seconds=30, clock=clock,
    )  # fmt: skip


def command(record_id: str, kind: str = "subscribe") -> Any:
    return SimpleNamespace(
        body=json.dumps(NOTICE).encode(), headers={ID_HEADER: record_id}, routing_key=f"{APP}.{kind}.send",
        message_id=record_id,
    )  # fmt: skip


async def test_a_second_command_while_the_first_is_sending_is_not_sent(store: StatusStore) -> None:
    wechat, clock = WeChat(), Clock()
    record, _ = await store.create(app_id=APP, kind="subscribe", client_msg_id="c-1", now=clock())
    handler = delivery(store, wechat, clock)
    first = asyncio.create_task(handler(command(record.id)))
    await wechat.called.wait()
    with pytest.raises(InFlight):
        await handler(command(record.id))  # the consumer will look again later
    wechat.release.set()
    await first
    await handler(command(record.id))  # looked at again: sent by the first
    sent = await store.get(record.id)
    assert sent is not None and sent.status is Status.SENT and wechat.calls == 1


async def test_a_record_a_crashed_sender_left_sending_is_taken_over(store: StatusStore) -> None:
    wechat, clock = WeChat(), Clock()
    wechat.release.set()
    record, _ = await store.create(app_id=APP, kind="custom", client_msg_id="c-2", now=clock())
    await store.transition(record.id, Status.SENDING, now=clock())  # then the process was killed
    clock.now += 31
    body = {"touser": "oUser1", "msgtype": "text", "text": {"content": "hi"}}
    message = SimpleNamespace(body=json.dumps(body).encode(), headers={ID_HEADER: record.id},
                              routing_key=f"{APP}.custom.send", message_id=record.id)  # fmt: skip
    await delivery(store, wechat, clock)(message)
    sent = await store.get(record.id)
    assert sent is not None and sent.status is Status.SENT and wechat.calls == 1
