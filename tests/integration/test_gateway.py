"""The gateway over real RabbitMQ and Redis: status codes, confirmed events, retries, replies."""

import asyncio
import json
import time
from typing import Any

import pytest
from aio_pika.abc import AbstractQueue
from aiohttp.test_utils import TestClient
from redis.asyncio import Redis

from shared.crypto import MessageCipher
from shared.replies import TextReply, render_reply
from shared.simulator import sign_verification
from tests.conftest import OLD_AES_KEY, TOKEN
from tests.integration.conftest import (
    GatewayFactory,
    Replier,
    add_vhost,
    close_broker_connection,
    events_on,
    queued,
    run_command,
)
from tests.integration.helpers import open_reply, post, signed, text_fields, view_fields
from tests.waiting import eventually

Client = TestClient[Any, Any]


def echo_reply(prefix: str = "echo: ") -> Replier:
    async def answer(event: dict[str, Any]) -> bytes:
        reply = TextReply(content=prefix + event.get("content", ""))
        return render_reply(reply, to_user=event["from_user"], from_user=event["to_user"], create_time=1).encode()

    return answer


async def test_url_verification_answers_echostr_in_plain_text(gateway: Client, app_id: str) -> None:
    response = await gateway.get(f"/wechat/{app_id}", params=sign_verification(token=TOKEN, echostr="e5c4"))
    assert response.status == 200
    assert await response.text() == "e5c4"


async def test_url_verification_with_a_wrong_signature_is_forbidden(gateway: Client, app_id: str) -> None:
    params = sign_verification(token="not-the-token", echostr="e5c4")
    response = await gateway.get(f"/wechat/{app_id}", params=params)
    assert response.status == 403
    assert "e5c4" not in await response.text()


async def test_a_callback_answered_200_is_on_the_exchange(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    fields = view_fields("https://example.com/a")
    response = await post(gateway, app_id, signed(fields, cipher))
    assert response.status == 200
    assert await response.text() == "success"
    [message] = await queued(events)
    body = json.loads(message.body)
    assert message.routing_key == f"{app_id}.event.view"
    assert message.delivery_mode == 2  # persistent
    assert message.message_id == body["id"]
    assert body | {"id": "-"} == {
        "id": "-",
        "app_id": app_id,
        "msg_type": "event",
        "event": "view",
        "from_user": fields["FromUserName"],
        "to_user": "gh_account",
        "create_time": fields["CreateTime"],
        "msg_id": None,
        "event_key": "https://example.com/a",
        "menu_id": None,
    }


async def test_plaintext_mode_callback_is_published(
    make_gateway: GatewayFactory, app_id: str, events: AbstractQueue
) -> None:
    gateway = await make_gateway(wechat_encoding_aes_key=None)
    response = await post(gateway, app_id, signed(text_fields("plain"), None))
    assert response.status == 200
    [message] = await queued(events)
    assert message.routing_key == f"{app_id}.message.text"
    assert json.loads(message.body)["content"] == "plain"


async def test_compatible_mode_body_is_decrypted(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    callback = signed(text_fields("secret text"), cipher)
    # Compatible mode: the plaintext fields travel beside Encrypt; the decrypted ones count.
    body = callback.body.replace(b"</xml>", b"<Content><![CDATA[forged]]></Content></xml>")
    response = await gateway.post(f"/wechat/{app_id}", params=callback.query, data=body)
    assert response.status == 200
    [message] = await queued(events)
    assert json.loads(message.body)["content"] == "secret text"


async def test_previous_encoding_aes_key_still_opens_callbacks_and_seals_the_reply(
    make_gateway: GatewayFactory, app_id: str, replier: Any
) -> None:
    gateway = await make_gateway(wechat_previous_encoding_aes_key=OLD_AES_KEY)
    await replier(echo_reply())
    old = MessageCipher.from_encoding_aes_key(OLD_AES_KEY, app_id)
    callback = signed(text_fields("old key"), old)
    response = await post(gateway, app_id, callback)
    assert response.status == 200
    reply = open_reply(await response.read(), old, callback.query["nonce"], callback.query["timestamp"])
    assert reply["Content"] == "echo: old key"


def _bad_inputs(app_id: str, cipher: MessageCipher) -> dict[str, tuple[int, dict[str, str], bytes, str]]:
    """name → (status, query, body, path app id)."""
    good = signed(text_fields(), cipher)
    foreign = signed(text_fields(), MessageCipher.from_encoding_aes_key(cipher_key(cipher), "wxforeign000000"))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime>"
        b"<MsgType>text</MsgType><Content>&lol3;</Content><MsgId>1</MsgId></xml>"
    )
    plain_bomb = signed(text_fields(), None)
    stale = signed(text_fields(), cipher, timestamp=int(time.time()) - 3600)
    future = signed(text_fields(), cipher, timestamp=int(time.time()) + 3600)
    return {
        "bad signature": (403, good.query | {"signature": "0" * 40}, good.body, app_id),
        "bad msg_signature": (403, good.query | {"msg_signature": "0" * 40}, good.body, app_id),
        "foreign AppId inside": (403, foreign.query, foreign.body, app_id),
        "malformed XML": (400, plain_bomb.query, b"<xml><ToUserName>", app_id),
        "entity-expansion bomb": (400, plain_bomb.query, bomb, app_id),
        "oversized body": (413, good.query, b"<xml>" + b"x" * (65 * 1024) + b"</xml>", app_id),
        "stale timestamp": (403, stale.query, stale.body, app_id),
        "future timestamp": (403, future.query, future.body, app_id),
        "unknown app": (404, good.query, good.body, "wxunknown0000000"),
        "missing nonce": (400, {k: v for k, v in good.query.items() if k != "nonce"}, good.body, app_id),
        "not base64 Encrypt": (400, *_with_encrypt(good.query, "%%%"), app_id),
    }


def cipher_key(cipher: MessageCipher) -> str:
    import base64

    return base64.b64encode(cipher.key).decode()[:-1]


def _with_encrypt(query: dict[str, str], encrypt: str) -> tuple[dict[str, str], bytes]:
    from shared.crypto import sign

    body = f"<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>".encode()
    return query | {"msg_signature": sign(TOKEN, query["timestamp"], query["nonce"], encrypt)}, body


BAD_INPUTS = [
    "bad signature",
    "bad msg_signature",
    "foreign AppId inside",
    "malformed XML",
    "entity-expansion bomb",
    "oversized body",
    "stale timestamp",
    "future timestamp",
    "unknown app",
    "missing nonce",
    "not base64 Encrypt",
]


@pytest.mark.parametrize("case", BAD_INPUTS)
async def test_bad_input_gets_its_status_and_leaves_no_event(
    case: str, gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue, redis: Redis
) -> None:
    status, query, body, path_app = _bad_inputs(app_id, cipher)[case]
    response = await gateway.post(f"/wechat/{path_app}", params=query, data=body)
    assert response.status == status
    assert await queued(events) == []
    assert await redis.keys(f"wxmp:gateway:dedup:{app_id}:*") == []
    # The same gateway still takes a good callback afterwards.
    assert (await post(gateway, app_id, signed(view_fields(), cipher))).status == 200
    assert len(await queued(events)) == 1


async def test_retry_publishes_once_and_gets_the_same_reply(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue, replier: Any
) -> None:
    await replier(echo_reply())
    fields = text_fields("hi")
    first = signed(fields, cipher)
    retry = signed(fields, cipher)  # WeChat's retry: same XML, fresh timestamp and nonce
    replies = []
    for callback in (first, retry):
        response = await post(gateway, app_id, callback)
        assert response.status == 200
        replies.append(open_reply(await response.read(), cipher, callback.query["nonce"], callback.query["timestamp"]))
    assert replies[0] == replies[1]
    assert replies[0]["Content"] == "echo: hi"
    assert replies[0]["ToUserName"] == "oFollower1"
    assert len(await queued(events)) == 1


async def test_retry_arriving_while_the_first_waits_gets_the_same_reply(
    gateway: Client, app_id: str, cipher: MessageCipher, events: AbstractQueue, replier: Any
) -> None:
    release = asyncio.Event()

    async def slow_answer(event: dict[str, Any]) -> bytes | None:
        await release.wait()
        return await echo_reply("late: ")(event)

    await replier(slow_answer)
    fields = text_fields("wait")
    first_task = asyncio.create_task(post(gateway, app_id, signed(fields, cipher)))
    # The retry arrives once the first delivery's event is confirmed and waiting.
    await _until_queued(events)
    retry_task = asyncio.create_task(post(gateway, app_id, retry := signed(fields, cipher)))
    deadline = time.monotonic() + 5
    while "wxmp_gateway_dedup_hits_total 1.0" not in await (await gateway.get("/metrics")).text():
        assert time.monotonic() < deadline, "the retry never reached the gateway"
        await asyncio.sleep(0.01)
    release.set()  # the retry is now waiting on the first delivery's answer
    first, second = await asyncio.gather(first_task, retry_task)
    assert first.status == second.status == 200
    reply = open_reply(await second.read(), cipher, retry.query["nonce"], retry.query["timestamp"])
    assert reply["Content"] == "late: wait"
    assert (await first.read()) != b"success"


async def _until_queued(queue: AbstractQueue) -> None:
    deadline = time.monotonic() + 5
    while (await queue.declare()).message_count == 0:
        assert time.monotonic() < deadline, "event never reached the queue"
        await asyncio.sleep(0.01)


async def test_without_a_replier_the_answer_is_success_within_the_deadline(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    gateway = await make_gateway(reply_deadline_seconds=0.5, reply_grace_seconds=0.1)
    started = time.monotonic()
    response = await post(gateway, app_id, signed(text_fields("anyone?"), cipher))
    elapsed = time.monotonic() - started
    assert response.status == 200
    assert await response.text() == "success"
    assert 0.5 <= elapsed < 1.5
    [message] = await queued(events)
    deadline_ms = message.headers["x-reply-deadline-ms"]
    assert isinstance(deadline_ms, int)
    assert abs(deadline_ms / 1000 - (time.time() - elapsed + 0.5)) < 0.5
    assert (message.reply_to or "").startswith("amq.rabbitmq.reply-to")


async def test_an_event_no_queue_takes_gets_503_and_the_retry_publishes(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, vhost: str
) -> None:
    gateway = await make_gateway(amqp_url=vhost)
    fields = view_fields()
    response = await post(gateway, app_id, signed(fields, cipher))
    assert response.status == 503
    # Once a consumer's queue exists, WeChat's retry is stored (the claim was released).
    async with events_on(vhost, app_id) as queue:
        assert (await post(gateway, app_id, signed(fields, cipher))).status == 200
        assert len(await queued(queue)) == 1


async def test_a_dropped_broker_connection_answers_503_then_recovers(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue, replier: Any
) -> None:
    gateway = await make_gateway(instance_id=app_id)
    assert (await post(gateway, app_id, signed(view_fields(), cipher))).status == 200
    await close_broker_connection(f"wxmp-gateway {app_id}")
    statuses: list[int] = []
    deadline = time.monotonic() + 20
    while not statuses or statuses[-1] != 200:
        assert time.monotonic() < deadline, f"never recovered: {statuses}"
        statuses.append((await post(gateway, app_id, signed(view_fields(), cipher))).status)
        await asyncio.sleep(0.05)
    assert set(statuses) <= {503, 200}
    # Every 200 is on the queue (the first one included); no 503 is.
    assert len(await queued(events)) == 1 + statuses.count(200)
    # Passive replies work again too: the direct reply-to consumer was restored.
    await replier(echo_reply())
    callback = signed(text_fields("back"), cipher)
    response = await post(gateway, app_id, callback)
    reply = open_reply(await response.read(), cipher, callback.query["nonce"], callback.query["timestamp"])
    assert reply["Content"] == "echo: back"


async def test_readiness_fails_while_the_broker_is_away_and_returns_with_it(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, vhost: str
) -> None:
    gateway = await make_gateway(amqp_url=vhost)
    vhost_name = vhost.rsplit("/", 1)[1]
    ready = (200, {"status": "ready", "checks": {"broker": True, "redis": True}})
    away = (503, {"status": "not ready", "checks": {"broker": False, "redis": True}})

    async def readiness_is(expected: tuple[int, dict[str, Any]]) -> bool:
        response = await gateway.get("/readyz")
        return (response.status, await response.json()) == expected

    assert await readiness_is(ready)
    # Deleting the vhost drops the gateway's connection and refuses every reconnect until it is back.
    await run_command("rabbitmqctl", "delete_vhost", vhost_name)
    await eventually(lambda: readiness_is(away), within=10, what="/readyz 503 during the outage")
    await add_vhost(vhost_name)
    await eventually(lambda: readiness_is(ready), within=20, what="/readyz 200 once the broker is back")
    # Ready means it stores events again (the exchanges were declared again on reconnect).
    async with events_on(vhost, app_id) as queue:
        assert (await post(gateway, app_id, signed(view_fields(), cipher))).status == 200
        assert len(await queued(queue)) == 1


async def test_without_redis_callbacks_are_still_published(
    make_gateway: GatewayFactory, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    gateway = await make_gateway(redis_url="redis://127.0.0.1:1/0")
    response = await post(gateway, app_id, signed(view_fields(), cipher))
    assert response.status == 200
    assert len(await queued(events)) == 1
    ready = await gateway.get("/readyz")
    assert ready.status == 200  # degraded, but it stores events: stays in service
    assert await ready.json() == {"status": "degraded", "checks": {"broker": True, "redis": False}}


async def test_health_readiness_and_metrics(gateway: Client, app_id: str, cipher: MessageCipher, events: Any) -> None:
    assert (await gateway.get("/healthz")).status == 200
    ready = await gateway.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["checks"] == {"broker": True, "redis": True}
    fields = view_fields()
    await post(gateway, app_id, signed(fields, cipher))
    await post(gateway, app_id, signed(fields, cipher))
    await gateway.post(f"/wechat/{app_id}", params={"timestamp": "1"}, data=b"")
    metrics = await (await gateway.get("/metrics")).text()
    assert 'wxmp_gateway_requests_total{method="POST",outcome="accepted"} 2.0' in metrics
    assert 'wxmp_gateway_requests_total{method="POST",outcome="rejected_400"} 1.0' in metrics
    assert "wxmp_gateway_dedup_hits_total 1.0" in metrics
    assert 'wxmp_gateway_publish_total{result="ack"} 1.0' in metrics
    assert "wxmp_gateway_request_seconds_bucket" in metrics
