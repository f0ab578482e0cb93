"""The notifier over real RabbitMQ and Redis, the token service and the fake WeChat."""

import asyncio
import itertools
import signal
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aio_pika.abc import AbstractRobustConnection
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat.clock import Clock, SystemClock
from services.notifier.app import create_app
from services.notifier.settings import NotifierSettings
from shared.crypto import MessageCipher
from tests.conftest import AMQP_URL, REDIS_URL, FakeWeChat
from tests.integration.conftest import (
    API_KEY,
    AUTH,
    GatewayFactory,
    delete_queues,
    notifier_queue_names,
    publish_command,
)
from tests.integration.helpers import post, signed, wait_batch_done
from tests.integration.processes import free_port, start_service, stop, wait_ready

Client = TestClient[Any, Any]
MAX_ATTEMPTS = 4
CLIENT_ATTEMPTS = 3  # the WeChat client's own tries on -1, within one delivery


def template(touser: str = "oFollower1", **extra: Any) -> dict[str, Any]:
    return {"touser": touser, "template_id": "TPL-1", "data": {"first": {"value": "Your order shipped"}}} | extra


def notifier_settings(fake: FakeWeChat, token_service: Client, **overrides: Any) -> NotifierSettings:
    values: dict[str, Any] = {
        "amqp_url": AMQP_URL,
        "redis_url": REDIS_URL,
        "wechat_app_id": fake.app_id,
        "wechat_app_secret": fake.app_secret,
        "wechat_api_base": fake.base_url,
        "wechat_apps_file": None,
        "token_service_url": str(token_service.make_url("")),
        "internal_api_key": API_KEY,
        "queue_prefix": f"test-{fake.app_id}",
        "command_accounts": fake.app_id,
        "rate_limit_per_second": 0,
        "max_attempts": MAX_ATTEMPTS,
        "retry_base_seconds": 0.05,
    }
    return NotifierSettings(**(values | overrides))


@pytest.fixture
def wechat_clock() -> Clock:
    """The fake on real time here: the rate-limit test measures the spacing of its records."""
    return SystemClock()


@pytest.fixture
async def queues_cleaned(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[None]:
    yield
    await delete_queues(amqp, notifier_queue_names(f"test-{app_id}"))


NotifierFactory = Callable[..., Awaitable[Client]]


@pytest.fixture
def make_notifier(
    queues_cleaned: None,  # first: its teardown runs after the notifiers stopped
    aiohttp_client: Any,
    token_service: Client,
    fake_wechat: FakeWeChat,
) -> NotifierFactory:
    async def make(**overrides: Any) -> Client:
        client: Client = await aiohttp_client(create_app(notifier_settings(fake_wechat, token_service, **overrides)))
        return client

    return make


async def sent(fake: FakeWeChat, kind: str = "template") -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = await fake.control(f"sent?app_id={fake.app_id}&kind={kind}")
    return records


async def wait_status(notifier: Client, message_id: str, *statuses: str, within: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        body: dict[str, Any] = await (await notifier.get(f"/v1/template-messages/{message_id}", headers=AUTH)).json()
        if body["status"] in statuses:
            return body
        assert time.monotonic() < deadline, f"status stayed {body}"
        await asyncio.sleep(0.05)


async def send(notifier: Client, app_id: str, body: dict[str, Any]) -> str:
    response = await notifier.post(f"/v1/apps/{app_id}/template-messages", json=body, headers=AUTH)
    assert response.status == 202, await response.text()
    answer = await response.json()
    assert answer["status"] in ("queued", "sending", "sent")
    return str(answer["id"])


async def test_http_path_sends_once_with_the_body_and_a_valid_token(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    message_id = await send(notifier, app_id, template(url="https://example.com/order/1"))
    status = await wait_status(notifier, message_id, "sent")
    [record] = await sent(fake_wechat)
    assert record["body"] == template(url="https://example.com/order/1", client_msg_id=message_id)
    assert status["wechat_msgid"] == record["msgid"] and status["attempts"] == 1
    tokens = await fake_wechat.control(f"tokens?app_id={app_id}")
    assert record["access_token"] in {t.get("access_token", t.get("token")) for t in tokens}


async def metric(notifier: Client, sample: str) -> float:
    """The value of one sample line of the notifier's /metrics (0 when absent)."""
    text = await (await notifier.get("/metrics")).text()
    return next((float(line.split()[-1]) for line in text.splitlines() if line.startswith(sample + " ")), 0.0)


async def test_broker_path_sends_once(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, amqp: AbstractRobustConnection
) -> None:
    notifier = await make_notifier()
    body = template("oBroker", client_msg_id="order-42-shipped")
    await publish_command(amqp, f"{app_id}.template.send", body, times=2)  # the same command twice: one send
    handled = 'wxmp_notifier_messages_total{consumer="sends",outcome="handled"}'
    deadline = time.monotonic() + 15
    while await metric(notifier, handled) < 2:  # both commands consumed
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    [record] = await sent(fake_wechat)
    assert record["body"] == body


async def test_the_same_client_msg_id_twice_is_one_message_and_one_send(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    first = await send(notifier, app_id, template(client_msg_id="c-1"))
    second = await send(notifier, app_id, template(client_msg_id="c-1"))
    assert first == second
    await wait_status(notifier, first, "sent")
    assert len(await sent(fake_wechat)) == 1


async def test_40001_once_refreshes_the_token_once_then_sends(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await wait_status(notifier, await send(notifier, app_id, template("oWarm")), "sent")
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": 40001, "count": 1})
    await wait_status(notifier, await send(notifier, app_id, template("oAfter")), "sent")
    calls = await fake_wechat.control("calls")
    assert calls["/cgi-bin/token"][app_id] == 2  # the first token, and one passive refresh
    records = await sent(fake_wechat)
    assert records[0]["access_token"] != records[1]["access_token"]


async def test_attempts_count_the_call_refused_for_its_token_and_the_retry(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": 40001, "count": 1})
    status = await wait_status(notifier, await send(notifier, app_id, template()), "sent")
    assert status["attempts"] == 2
    assert (await fake_wechat.control("calls"))["/cgi-bin/message/template/send"][app_id] == 2


async def test_system_busy_twice_is_retried_and_sent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": -1, "count": 2})
    status = await wait_status(notifier, await send(notifier, app_id, template()), "sent")
    assert status["error"] is None
    assert (await fake_wechat.control("calls"))["/cgi-bin/message/template/send"][app_id] == 3


async def test_attempts_count_every_call_the_client_retried_in_process(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": -1, "count": 2})
    status = await wait_status(notifier, await send(notifier, app_id, template()), "sent")
    assert status["attempts"] == 3  # -1, -1, then success: WeChat received 3 calls
    assert await metric(notifier, 'wxmp_notifier_sends_total{kind="template",outcome="retried"}') == 0


async def test_attempts_count_the_calls_of_every_delivery_through_the_delay_queue(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    # The client's 3 calls of the first delivery all fail; the second delivery fails once, then sends.
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": -1, "count": 4})
    status = await wait_status(notifier, await send(notifier, app_id, template()), "sent")
    assert await metric(notifier, 'wxmp_notifier_sends_total{kind="template",outcome="retried"}') == 1
    assert status["attempts"] == 5
    assert (await fake_wechat.control("calls"))["/cgi-bin/message/template/send"][app_id] == 5


async def test_system_busy_beyond_the_budget_fails_and_dead_letters(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, amqp: AbstractRobustConnection
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("fail", {"path": "/cgi-bin/message/template/send", "errcode": -1, "count": 1000})
    status = await wait_status(notifier, await send(notifier, app_id, template()), "failed", within=30)
    calls = (await fake_wechat.control("calls"))["/cgi-bin/message/template/send"][app_id]
    assert calls == MAX_ATTEMPTS * CLIENT_ATTEMPTS  # each delivery, each of the client's own retries
    assert status["error"]["errcode"] == -1 and status["attempts"] == calls
    channel = await amqp.channel()
    dead = await channel.declare_queue(f"test-{app_id}.sends.dead", passive=True)
    assert dead.declaration_result.message_count == 1


async def test_43004_fails_at_once_without_retry(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("subscribers", {"app_id": app_id, "unsubscribed": ["oGone"]})
    status = await wait_status(notifier, await send(notifier, app_id, template("oGone")), "failed")
    assert status["error"] == {"errcode": 43004, "errmsg": status["error"]["errmsg"]}
    assert status["attempts"] == 1
    assert (await fake_wechat.control("calls"))["/cgi-bin/message/template/send"][app_id] == 1


async def test_the_rate_limit_spaces_the_sends(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier(rate_limit_per_second=10)
    ids = [await send(notifier, app_id, template(f"oRate{i}")) for i in range(12)]
    for message_id in ids:
        await wait_status(notifier, message_id, "sent")
    times = sorted(record["wall"] for record in await sent(fake_wechat))
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.1 * 0.8  # 10 a second: 100 ms apart (scheduling jitter allowed)
    assert times[-1] - times[0] >= 11 * 0.1 * 0.9


async def test_invalid_requests_name_the_field_and_queue_nothing(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    cases = [
        ({"template_id": "T", "data": {}}, "touser"),
        (template(url="not a url"), "url"),
        (template(data={"first": {"value": "x", "color": "red"}}), "data.first.color"),
        (["not", "an", "object"], "body"),
    ]
    for body, field in cases:
        response = await notifier.post(f"/v1/apps/{app_id}/template-messages", json=body, headers=AUTH)
        assert response.status == 400
        answer = await response.json()
        assert answer["error"] == "invalid_message" and answer["field"] == field
    assert (await notifier.post(f"/v1/apps/{app_id}/template-messages", json=template())).status == 401
    assert (await notifier.post("/v1/apps/wxnobody/template-messages", json=template(), headers=AUTH)).status == 404
    assert (await notifier.get("/v1/template-messages/nope", headers=AUTH)).status == 404
    # Nothing was accepted, so nothing can be sent later.
    assert await metric(notifier, 'wxmp_notifier_accepted_total{kind="template",path="http"}') == 0
    assert await sent(fake_wechat) == []


async def test_custom_message_sent_and_45015_reported_as_permanent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("subscribers", {"app_id": app_id, "outside_window": ["oSilent"]})
    ok = {"touser": "oTalking", "msgtype": "text", "text": {"content": "hi"}}
    late = {"touser": "oSilent", "msgtype": "text", "text": {"content": "hi"}}
    ids = []
    for body in (ok, late):
        response = await notifier.post(f"/v1/apps/{app_id}/custom-messages", json=body, headers=AUTH)
        assert response.status == 202
        ids.append((await response.json())["id"])
    assert (await wait_status(notifier, ids[0], "sent"))["attempts"] == 1
    failed = await wait_status(notifier, ids[1], "failed")
    assert failed["error"]["errcode"] == 45015 and failed["attempts"] == 1
    [record] = await sent(fake_wechat, "custom")
    assert record["body"] == ok


async def test_a_batch_shows_progress_and_completes(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    batch = {"touser": [f"oBatch{i}" for i in range(40)], "template_id": "TPL", "data": {"k": {"value": "v"}}}
    response = await notifier.post(f"/v1/apps/{app_id}/template-messages/batch", json=batch, headers=AUTH)
    assert response.status == 202
    batch_id = (await response.json())["batch_id"]
    deadline = time.monotonic() + 20
    while True:
        progress = await (await notifier.get(f"/v1/template-batches/{batch_id}", headers=AUTH)).json()
        if progress["done"]:
            break
        assert time.monotonic() < deadline, progress
        await asyncio.sleep(0.05)
    assert (progress["total"], progress["sent"], progress["failed"]) == (40, 40, 0)
    assert sorted(r["body"]["touser"] for r in await sent(fake_wechat)) == sorted(batch["touser"])


@pytest.mark.parametrize(("report", "status", "error"), [
    ("success", "delivered", None),
    ("failed:user block", "failed", {"reason": "user block"}),
    ("failed: system failed", "failed", {"reason": "system failed"}),
])  # fmt: skip
async def test_a_templatesendjobfinish_callback_through_the_gateway_settles_the_message(
    make_notifier: NotifierFactory,
    make_gateway: GatewayFactory,
    app_id: str,
    cipher: MessageCipher,
    report: str,
    status: str,
    error: dict[str, str] | None,
) -> None:
    notifier = await make_notifier()
    gateway = await make_gateway()
    message_id = await send(notifier, app_id, template("oReport"))
    msgid = (await wait_status(notifier, message_id, "sent"))["wechat_msgid"]
    fields = {
        "ToUserName": "gh_account", "FromUserName": "oReport", "CreateTime": int(time.time()), "MsgType": "event",
        "Event": "TEMPLATESENDJOBFINISH", "MsgID": msgid, "Status": report,
    }  # fmt: skip
    assert (await post(gateway, app_id, signed(fields, cipher))).status == 200
    settled = await wait_status(notifier, message_id, status)
    assert settled["error"] == error


async def test_killed_mid_batch_and_restarted_every_message_is_sent_exactly_once(
    queues_cleaned: None, token_service: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("latency", {"ms": 5, "path": "/cgi-bin/message/template/send"})
    settings = notifier_settings(fake_wechat, token_service)
    env = {name.upper(): str(value) for name, value in settings.model_dump(exclude_none=True).items()
           if name in {"amqp_url", "redis_url", "wechat_app_id", "wechat_api_base", "token_service_url",
                       "queue_prefix", "command_accounts", "retry_base_seconds"}}  # fmt: skip
    env |= {"INTERNAL_API_KEY": API_KEY, "RATE_LIMIT_PER_SECOND": "0", "PREFETCH_COUNT": "32"}
    batch = {"touser": [f"oKill{i}" for i in range(500)], "template_id": "TPL", "data": {"k": {"value": "v"}}}

    async def start() -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        process = start_service("notifier", env | {"PORT": str(port)})
        base = f"http://127.0.0.1:{port}"
        await wait_ready(base, process)
        return process, base

    process, base = await start()
    async with aiohttp.ClientSession(headers=AUTH) as session:
        async with session.post(f"{base}/v1/apps/{app_id}/template-messages/batch", json=batch) as response:
            assert response.status == 202
            batch_id = (await response.json())["batch_id"]
        deadline = time.monotonic() + 30
        while len(await sent(fake_wechat)) < 100:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        process.kill()  # mid-batch: some sends in flight, their acks and status writes lost
        stop(process)
        assert len(await sent(fake_wechat)) < 500, "the batch finished before the kill: nothing was tested"
        process, base = await start()
        try:
            progress = await wait_batch_done(session, f"{base}/v1/template-batches/{batch_id}")
        finally:
            process.send_signal(signal.SIGTERM)
            stop(process)
    records = await sent(fake_wechat)
    assert sorted(r["body"]["touser"] for r in records) == sorted(batch["touser"])  # each one, once
    assert (progress["sent"], progress["failed"]) == (500, 0)


async def test_broker_path_for_customer_service_messages(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, amqp: AbstractRobustConnection
) -> None:
    await make_notifier()
    body = {"touser": "oCustomer", "msgtype": "news", "news": {"articles": [{"title": "T", "url": "https://x.com/a"}]}}
    await publish_command(amqp, f"{app_id}.custom.send", body, message_id="cs-1")
    deadline = time.monotonic() + 15
    while not await sent(fake_wechat, "custom"):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    [record] = await sent(fake_wechat, "custom")
    assert record["body"]["touser"] == "oCustomer" and record["body"]["news"]["articles"][0]["title"] == "T"
