"""The dispatcher over real RabbitMQ and Redis, with the gateway, the token service and the fake WeChat."""

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractRobustConnection
from aiohttp.test_utils import TestClient

from services.dispatcher.analytics import day_of
from services.dispatcher.app import create_app as create_dispatcher
from services.dispatcher.settings import DispatcherSettings
from shared.broker.rabbitmq import declare_exchanges, declare_queue
from shared.crypto import MessageCipher
from shared.topology import EVENTS_EXCHANGE, dispatcher_queues
from tests.conftest import AMQP_URL, REDIS_URL, FakeWeChat
from tests.integration.conftest import API_KEY, AUTH, GatewayFactory, delete_queues
from tests.integration.helpers import open_reply, post, signed, text_fields

Client = TestClient[Any, Any]
RULES = """
rules:
  - match: {msg_type: text, keyword: hello}
    reply: {type: text, content: "Hi {from_user}!"}
  - match: {msg_type: event, event: subscribe}
    reply: {type: text, content: "Welcome"}
  - match: {msg_type: text, regex: "^order (\\\\d+)$"}
    reply: {type: text, content: "Order {1} received"}
"""


def subscribe_fields(from_user: str, scene: str | None = None) -> dict[str, Any]:
    fields = {
        "ToUserName": "gh_account",
        "FromUserName": from_user,
        "CreateTime": int(time.time()),
        "MsgType": "event",
        "Event": "subscribe",
    }
    if scene:
        fields |= {"EventKey": f"qrscene_{scene}", "Ticket": "t"}
    return fields


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES)
    return path


DispatcherFactory = Callable[..., Awaitable[Client]]


@pytest.fixture
def make_dispatcher(
    cleanup_queues: None,  # first: its teardown (deleting the queues) runs after the dispatchers have stopped
    aiohttp_client: Any,
    token_service: Client,
    fake_wechat: FakeWeChat,
    rules_file: Path,
    app_id: str,
) -> DispatcherFactory:
    async def make(**overrides: Any) -> Client:
        settings = DispatcherSettings(
            **{
                "amqp_url": AMQP_URL,
                "redis_url": REDIS_URL,
                "wechat_app_id": app_id,
                "wechat_app_secret": fake_wechat.app_secret,
                "wechat_api_base": fake_wechat.base_url,
                "wechat_apps_file": None,
                "token_service_url": str(token_service.make_url("")),
                "internal_api_key": API_KEY,
                "reply_rules_file": rules_file,
                "queue_prefix": f"test-{app_id}",
                "event_binding": f"{app_id}.#",
                "max_attempts": 3,
            }
            | overrides
        )
        client: Client = await aiohttp_client(create_dispatcher(settings))
        return client

    return make


@pytest.fixture
async def cleanup_queues(amqp: AbstractRobustConnection, app_id: str) -> Any:
    yield
    specs = dispatcher_queues(f"test-{app_id}", f"{app_id}.#", "classic")
    await delete_queues(amqp, [name for spec in specs for name in (spec.name, spec.dead_letter_queue.name)])


async def wait_until(condition: Callable[[], Awaitable[bool]], *, within: float = 15.0) -> None:
    deadline = time.monotonic() + within
    while not await condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("queue_type", ["classic", "quorum"])
async def test_a_text_gets_its_rules_reply_through_the_gateway(
    queue_type: str,
    make_gateway: GatewayFactory,
    make_dispatcher: DispatcherFactory,
    app_id: str,
    cipher: MessageCipher,
) -> None:
    await make_dispatcher(queue_type=queue_type)
    gateway = await make_gateway()
    callback = signed(text_fields("Hello", from_user="oAlice"), cipher)
    response = await post(gateway, app_id, callback)
    assert response.status == 200
    reply = open_reply(await response.read(), cipher, callback.query["nonce"], callback.query["timestamp"])
    assert (reply["MsgType"], reply["Content"], reply["ToUserName"]) == ("text", "Hi oAlice!", "oAlice")


async def test_a_subscribe_gets_the_welcome(
    make_gateway: GatewayFactory,
    make_dispatcher: DispatcherFactory,
    app_id: str,
    cipher: MessageCipher,
) -> None:
    await make_dispatcher()
    gateway = await make_gateway()
    callback = signed(subscribe_fields("oBob", scene="42"), cipher)
    reply = open_reply(await (await post(gateway, app_id, callback)).read(), cipher, callback.query["nonce"],
                       callback.query["timestamp"])  # fmt: skip
    assert reply["Content"] == "Welcome"


async def test_no_matching_rule_answers_success_at_once(
    make_gateway: GatewayFactory,
    make_dispatcher: DispatcherFactory,
    app_id: str,
    cipher: MessageCipher,
) -> None:
    await make_dispatcher()
    gateway = await make_gateway(reply_deadline_seconds=4.0)
    started = time.monotonic()
    response = await post(gateway, app_id, signed(text_fields("nothing matches this"), cipher))
    assert await response.text() == "success"
    assert time.monotonic() - started < 2.0  # the dispatcher said "no reply"; nobody waited for the deadline


async def test_with_the_dispatcher_down_the_gateway_answers_in_time_and_the_reply_arrives_later(
    make_gateway: GatewayFactory,
    make_dispatcher: DispatcherFactory,
    amqp: AbstractRobustConnection,
    fake_wechat: FakeWeChat,
    app_id: str,
    cipher: MessageCipher,
) -> None:
    channel = await amqp.channel()
    for spec in dispatcher_queues(f"test-{app_id}", f"{app_id}.#", "classic"):
        await declare_queue(channel, spec)  # the queues outlive a stopped dispatcher
    gateway = await make_gateway(reply_deadline_seconds=1.0, reply_grace_seconds=0.2)
    started = time.monotonic()
    response = await post(gateway, app_id, signed(text_fields("order 77", from_user="oCarol"), cipher))
    assert await response.text() == "success"
    assert time.monotonic() - started < 1.5
    await make_dispatcher()  # back: the request is late, so the reply goes out as a customer-service message

    async def delivered() -> bool:
        return bool(await fake_wechat.control(f"sent?app_id={app_id}&kind=custom"))

    await wait_until(delivered)
    [sent] = await fake_wechat.control(f"sent?app_id={app_id}&kind=custom")
    assert sent["body"] == {"touser": "oCarol", "msgtype": "text", "text": {"content": "Order 77 received"}}


async def _publish_events(amqp: AbstractRobustConnection, app_id: str, bodies: list[bytes]) -> None:
    channel = await amqp.channel(publisher_confirms=True)
    await declare_exchanges(channel)
    exchange = await channel.get_exchange(EVENTS_EXCHANGE.name)
    for body in bodies:
        await exchange.publish(aio_pika.Message(body, delivery_mode=2), routing_key=f"{app_id}.message.text")
    await channel.close()


def text_event(app_id: str, i: int, create_time: Any = None) -> bytes:
    event = {
        "id": f"{app_id}:msg:{i}", "app_id": app_id, "msg_type": "text", "event": None, "from_user": f"o{i % 37}",
        "to_user": "gh", "create_time": int(time.time()) if create_time is None else create_time, "msg_id": i,
        "content": f"m{i}",
    }  # fmt: skip
    return json.dumps(event).encode()


async def stats_today(dispatcher: Client, app_id: str) -> dict[str, Any]:
    response = await dispatcher.get(f"/v1/apps/{app_id}/stats", params={"date": day_of(int(time.time()))}, headers=AUTH)
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def test_two_replicas_share_1000_events_each_handled_once(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, app_id: str
) -> None:
    first, second = await make_dispatcher(instance_id="a"), await make_dispatcher(instance_id="b")
    await _publish_events(amqp, app_id, [text_event(app_id, i) for i in range(1000)])

    async def all_counted() -> bool:
        return bool((await stats_today(first, app_id))["total"] == 1000)

    await wait_until(all_counted, within=60)
    handled = []
    for replica in (first, second):
        metrics = await (await replica.get("/metrics")).text()
        prefix = 'wxmp_dispatcher_messages_total{consumer="analytics",outcome="handled"}'
        line = next(row for row in metrics.splitlines() if row.startswith(prefix))
        handled.append(float(line.split()[-1]))
    assert sum(handled) == 1000
    assert all(h > 0 for h in handled)  # competing consumers: both took a share
    assert (await stats_today(second, app_id))["messages"] == {"text": 1000}


async def test_a_poison_event_is_dead_lettered_and_the_stream_flows_on(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    bodies = [b"not json", text_event(app_id, 1, create_time="yesterday")] + [
        text_event(app_id, i) for i in range(2, 7)
    ]
    await _publish_events(amqp, app_id, bodies)

    async def rest_counted() -> bool:
        return bool((await stats_today(dispatcher, app_id))["total"] == 5)

    await wait_until(rest_counted)
    channel = await amqp.channel()
    dead = await channel.declare_queue(f"test-{app_id}.analytics.dead", passive=True)

    async def both_dead() -> bool:
        return (await channel.declare_queue(dead.name, passive=True)).declaration_result.message_count == 2

    await wait_until(both_dead)
    bodies_dead = set()
    while (message := await dead.get(no_ack=True, fail=False)) is not None:
        bodies_dead.add(message.body)
    assert bodies_dead == {b"not json", text_event(app_id, 1, create_time="yesterday")}


async def test_stats_api_answers_a_day_and_a_range_with_auth(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    await _publish_events(amqp, app_id, [text_event(app_id, i) for i in range(3)])

    async def counted() -> bool:
        return bool((await stats_today(dispatcher, app_id))["total"] == 3)

    await wait_until(counted)
    today = day_of(int(time.time()))
    ranged = await (
        await dispatcher.get(f"/v1/apps/{app_id}/stats", params={"from": today, "to": today}, headers=AUTH)
    ).json()
    assert ranged["totals"]["total"] == 3 and len(ranged["days"]) == 1
    assert (await dispatcher.get(f"/v1/apps/{app_id}/stats", params={"date": today})).status == 401
    assert (await dispatcher.get("/v1/apps/wxnobody/stats", params={"date": today}, headers=AUTH)).status == 404
    for params in ({}, {"date": "2024-13-01"}, {"from": today}, {"from": "2024-01-02", "to": "2024-01-01"}):
        response = await dispatcher.get(f"/v1/apps/{app_id}/stats", params=params, headers=AUTH)
        assert response.status == 400
        assert (await response.json())["error"] == "bad_request"


async def test_stats_after_a_scripted_sequence_of_callbacks_through_the_gateway(
    make_gateway: GatewayFactory, make_dispatcher: DispatcherFactory, app_id: str, cipher: MessageCipher
) -> None:
    dispatcher = await make_dispatcher()
    gateway = await make_gateway()
    now = int(time.time())

    def event(user: str, name: str, key: str | None = None, at: int = now) -> dict[str, Any]:
        fields = {"ToUserName": "gh_account", "FromUserName": user, "CreateTime": at, "MsgType": "event", "Event": name}
        return fields | ({"EventKey": key} if key is not None else {})

    script = [
        text_fields("hello", from_user="oA"),
        text_fields("order 12", from_user="oA"),
        text_fields("hi", from_user="oB"),
        subscribe_fields("oC", scene="7"),
        subscribe_fields("oD"),
        event("oB", "unsubscribe"),
        event("oA", "CLICK", "NEWS"),
        event("oA", "CLICK", "NEWS", at=now + 1),
        event("oB", "CLICK", "HELP"),
    ]
    for fields in script:
        assert (await post(gateway, app_id, signed(fields, cipher))).status == 200

    async def all_counted() -> bool:
        return bool((await stats_today(dispatcher, app_id))["total"] == len(script))

    await wait_until(all_counted)
    stats = await stats_today(dispatcher, app_id)
    assert stats["messages"] == {"text": 3}
    assert stats["events"] == {"subscribe": 2, "unsubscribe": 1, "click": 3}
    assert (stats["unique_users"], stats["subscribes"], stats["unsubscribes"]) == (4, 2, 1)
    assert stats["subscribes_by_scene"] == {"7": 1}
    assert stats["menu_clicks"] == {"NEWS": 2, "HELP": 1}
