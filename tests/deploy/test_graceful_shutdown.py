"""SIGTERM under load, as Kubernetes sends it at the end of the preStop sleep: the service finishes
what it accepted, loses nothing, and exits 0 within SHUTDOWN_TIMEOUT_SECONDS (which the pods'
terminationGracePeriodSeconds cover). Real processes over RabbitMQ and Redis, loopback only."""

import asyncio
import json
import signal
import subprocess
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from aio_pika.abc import AbstractQueue, AbstractRobustConnection
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat.clock import Clock, SystemClock
from shared.crypto import MessageCipher
from tests.conftest import AES_KEY, AMQP_URL, APP_SECRET, REDIS_URL, TOKEN, FakeWeChat
from tests.integration.conftest import API_KEY, AUTH, delete_queues, notifier_queue_names, queued
from tests.integration.helpers import signed, text_fields, view_fields, wait_batch_done
from tests.integration.processes import free_port, start_service, stop, wait_ready
from tests.waiting import eventually

pytestmark = pytest.mark.integration

SHUTDOWN_TIMEOUT = 8.0
WORKERS = 50
PER_WORKER = 40  # at most 2,000 callbacks
# What a client may see once the listening socket is closed: a refused (or reset) connection.
REFUSED = {"ClientConnectorError", "ServerDisconnectedError", "ClientOSError"}


@dataclass(frozen=True)
class Outcome:
    from_user: str
    started: float
    ended: float
    status: int | None = None
    error: str | None = None


async def _start(name: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = start_service(name, env | {"PORT": str(port), "SHUTDOWN_TIMEOUT_SECONDS": str(SHUTDOWN_TIMEOUT)})
    base = f"http://127.0.0.1:{port}"
    try:
        await wait_ready(base, process)
    except BaseException:
        _reap(process)
        raise
    return process, base


def _reap(process: subprocess.Popen[bytes]) -> None:
    """Kill and collect the process if a failed assertion left it running."""
    if process.returncode is None:
        stop(process)


async def _terminate(process: subprocess.Popen[bytes]) -> tuple[int, float, str]:
    """SIGTERM; the exit code, the seconds it took and what the process printed."""
    signalled = time.monotonic()
    process.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(process.wait, SHUTDOWN_TIMEOUT + 10)
    return code, time.monotonic() - signalled, stop(process)


class CallbackLoad:
    """``WORKERS`` clients posting fresh callbacks, each on a new connection, until told to stop or
    refused. Every other callback is an answerable text that waits for its reply deadline (no
    replier here), so many are in flight at any moment."""

    def __init__(self, url: str, cipher: MessageCipher) -> None:
        self.url = url
        self.cipher = cipher
        self.outcomes: list[Outcome] = []
        self.signalled: float | None = None

    async def run(self) -> None:
        connector = aiohttp.TCPConnector(force_close=True, limit=0)
        timeout = aiohttp.ClientTimeout(total=SHUTDOWN_TIMEOUT + 5)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            await asyncio.gather(*(self._worker(session, w) for w in range(WORKERS)))

    async def _worker(self, session: aiohttp.ClientSession, worker: int) -> None:
        for i in range(PER_WORKER):
            # Workers alternate, half of them starting with a text: the in-flight ones spread over time.
            answerable = (worker + i) % 2 == 1
            fields = text_fields(f"load {worker}/{i}", from_user=f"oLoad{worker}x{i}") if answerable else view_fields()
            callback = signed(fields, self.cipher)
            who, started = fields["FromUserName"], time.monotonic()
            try:
                async with session.post(self.url, params=callback.query, data=callback.body) as response:
                    await response.read()
                    self.outcomes.append(Outcome(who, started, time.monotonic(), response.status))
            except aiohttp.ClientError as exc:
                self.outcomes.append(Outcome(who, started, time.monotonic(), error=type(exc).__name__))
                if self.signalled is not None:
                    return  # closing: this client is done

    def answered_before(self, moment: float) -> int:
        return sum(1 for outcome in self.outcomes if outcome.ended < moment)


async def test_the_gateway_finishes_accepted_callbacks_after_sigterm_and_loses_none(
    services: None, app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    env = {
        "AMQP_URL": AMQP_URL,
        "REDIS_URL": REDIS_URL,
        "WECHAT_APP_ID": app_id,
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_SECRET": APP_SECRET,
        "WECHAT_ENCODING_AES_KEY": AES_KEY,
        "REPLY_DEADLINE_SECONDS": "1",
    }
    process, base = await _start("gateway", env)
    try:
        load = CallbackLoad(f"{base}/wechat/{app_id}", cipher)
        running = asyncio.create_task(load.run())
        deadline = time.monotonic() + 20
        while load.answered_before(time.monotonic()) < 200:
            assert time.monotonic() < deadline and not running.done(), "the load never got going"
            await asyncio.sleep(0.01)
        load.signalled = time.monotonic()
        code, took, output = await _terminate(process)
        await running
    finally:
        _reap(process)
    signalled = load.signalled
    assert code == 0, output[-2000:]
    assert took < SHUTDOWN_TIMEOUT, f"exited {took:.1f} s after SIGTERM"
    assert '"event": "service_stopped"' in output

    answered = [o for o in load.outcomes if o.status is not None]
    assert {o.status for o in answered} == {200}, "no 5xx (nor anything else) for an accepted callback"
    for outcome in load.outcomes:
        if outcome.error is not None:
            assert outcome.error in REFUSED and outcome.ended >= signalled, outcome
    finished_after = [o for o in answered if o.started < signalled < o.ended]
    assert len(finished_after) >= 10, "callbacks in flight at SIGTERM were answered"
    assert any(o.error for o in load.outcomes), "the gateway stopped accepting"

    published = {json.loads(message.body)["from_user"] for message in await queued(events)}
    missing = {o.from_user for o in answered} - published
    assert not missing, f"{len(missing)} callbacks answered 200 are not on the broker"


@pytest.fixture
def wechat_clock() -> Clock:
    return SystemClock()


@pytest.fixture
async def notifier_queues_cleaned(amqp: AbstractRobustConnection, app_id: str) -> AsyncIterator[str]:
    """The notifier's queue prefix for this test; its queues are deleted afterwards."""
    prefix = f"test-{app_id}"
    yield prefix
    await delete_queues(amqp, notifier_queue_names(prefix))


async def _wechat_called(fake: FakeWeChat, path: str, times: int) -> None:
    """Until the fake WeChat has received ``times`` calls of ``path`` from the test's account."""

    async def received() -> bool:
        calls: dict[str, dict[str, int]] = await fake.control("calls")
        return calls.get(path, {}).get(fake.app_id, 0) >= times

    await eventually(received, within=10, what=f"{times} calls of {path} reaching WeChat")


async def _sent_to(fake: FakeWeChat) -> list[str]:
    records: list[dict[str, Any]] = await fake.control(f"sent?app_id={fake.app_id}&kind=template")
    return [record["body"]["touser"] for record in records]


async def test_the_notifier_finishes_its_sends_after_sigterm_and_loses_none(
    notifier_queues_cleaned: str,
    token_service: TestClient[Any, Any],
    fake_wechat: FakeWeChat,
    app_id: str,
    amqp: AbstractRobustConnection,
) -> None:
    await fake_wechat.control("latency", {"ms": 5, "path": "/cgi-bin/message/template/send"})
    env = {
        "AMQP_URL": AMQP_URL,
        "REDIS_URL": REDIS_URL,
        "WECHAT_APP_ID": app_id,
        "WECHAT_API_BASE": fake_wechat.base_url,
        "TOKEN_SERVICE_URL": str(token_service.make_url("")),
        "INTERNAL_API_KEY": API_KEY,
        "QUEUE_PREFIX": notifier_queues_cleaned,
        "COMMAND_ACCOUNTS": app_id,
        "PREFETCH_COUNT": "32",
        # 100 a second: the batch takes 5 s, so SIGTERM lands mid-batch with 32 sends in hand.
        "RATE_LIMIT_PER_SECOND": "100",
    }
    batch = {"touser": [f"oTerm{i}" for i in range(500)], "template_id": "TPL", "data": {"k": {"value": "v"}}}
    process, base = await _start("notifier", env)
    async with aiohttp.ClientSession(headers=AUTH) as session:
        try:
            async with session.post(f"{base}/v1/apps/{app_id}/template-messages/batch", json=batch) as response:
                assert response.status == 202
                batch_id = (await response.json())["batch_id"]
            deadline = time.monotonic() + 30
            while len(await _sent_to(fake_wechat)) < 100:
                assert time.monotonic() < deadline
                await asyncio.sleep(0.01)
            code, took, output = await _terminate(process)
        finally:
            _reap(process)
        assert code == 0, output[-2000:]
        assert took < SHUTDOWN_TIMEOUT, f"exited {took:.1f} s after SIGTERM"

        sent = await _sent_to(fake_wechat)
        assert len(sent) == len(set(sent)) and len(sent) < 500, "once each, and stopped mid-batch"
        channel = await amqp.channel()
        queue = await channel.declare_queue(f"{notifier_queues_cleaned}.sends", passive=True)
        waiting = queue.declaration_result.message_count or 0
        await channel.close()
        # Sent or still queued, never both and never neither: the messages in hand were finished
        # and acknowledged (an unacknowledged one would be back in the queue as well).
        assert len(sent) + waiting == 500, (len(sent), waiting)

        process, base = await _start("notifier", env)
        try:
            progress = await wait_batch_done(session, f"{base}/v1/template-batches/{batch_id}")
            code, _took, output = await _terminate(process)
            assert code == 0, output[-2000:]
        finally:
            _reap(process)
    assert sorted(await _sent_to(fake_wechat)) == sorted(batch["touser"]), "all 500, each exactly once"
    assert (progress["sent"], progress["failed"]) == (500, 0)


async def test_the_proxy_finishes_calls_in_flight_after_sigterm(
    services: None, token_service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    """``python -m services.proxy`` for an account without an AppSecret: calls WeChat holds for a
    second are answered after SIGTERM, and no token reaches its log."""
    await fake_wechat.control("latency", {"ms": 1000, "path": "/cgi-bin/get_api_domain_ip"})
    env = {
        "REDIS_URL": REDIS_URL,
        "WECHAT_APP_ID": app_id,
        "WECHAT_API_BASE": fake_wechat.base_url,
        "TOKEN_SERVICE_URL": str(token_service.make_url("")),
        "INTERNAL_API_KEY": API_KEY,
    }
    process, base = await _start("proxy", env)
    url = f"{base}/v1/apps/{app_id}/wechat/cgi-bin/get_api_domain_ip"
    async with aiohttp.ClientSession(headers=AUTH) as session:

        async def call() -> int:
            async with session.get(url) as response:
                assert "ip_list" in await response.json()
                return response.status

        try:
            calls = [asyncio.create_task(call()) for _ in range(20)]
            await _wechat_called(fake_wechat, "/cgi-bin/get_api_domain_ip", 20)
            code, took, output = await _terminate(process)
            statuses = await asyncio.gather(*calls)
        finally:
            _reap(process)
    assert code == 0, output[-2000:]
    assert took < SHUTDOWN_TIMEOUT, f"exited {took:.1f} s after SIGTERM"
    assert statuses == [200] * 20, "every call in flight at SIGTERM was answered"
    audit = [json.loads(line) for line in output.splitlines() if '"proxy_call"' in line]
    assert len(audit) == 20
    tokens = [t["access_token"] for t in await fake_wechat.control(f"tokens?app_id={app_id}")]
    assert tokens and not any(token in output for token in tokens)


async def test_the_web_service_finishes_callbacks_in_flight_after_sigterm(
    services: None, token_service: TestClient[Any, Any], fake_wechat: FakeWeChat, app_id: str
) -> None:
    """``python -m services.web`` for an account without an AppSecret: callbacks whose code exchange
    WeChat holds for a second land on return_to with their ticket after SIGTERM; no code, ticket
    or WEB_SESSION_SECRET reaches its log."""
    await fake_wechat.control("latency", {"ms": 1000, "path": "/sns/oauth2/access_token"})
    secret = "web-session-secret-graceful-1"
    env = {
        "REDIS_URL": REDIS_URL,
        "WECHAT_APP_ID": app_id,
        "WECHAT_OAUTH_BASE": fake_wechat.base_url,
        "TOKEN_SERVICE_URL": str(token_service.make_url("")),
        "INTERNAL_API_KEY": API_KEY,
        "WEB_SESSION_SECRET": secret,
        "WEB_ALLOWED_HOSTS": "shop.example.com",
        "LOG_LEVEL": "DEBUG",
    }
    process, base = await _start("web", env)
    minted = await fake_wechat.control("oauth/codes", {"app_id": app_id, "count": 10})
    async with aiohttp.ClientSession() as session:
        login = {"return_to": "https://shop.example.com/", "scope": "snsapi_base"}
        async with session.get(f"{base}/oauth/{app_id}/login", params=login, allow_redirects=False) as response:
            state = response.headers["Location"].split("&state=")[1].split("#")[0]

        async def callback(code: str) -> str:
            params = {"code": code, "state": state}
            async with session.get(f"{base}/oauth/{app_id}/callback", params=params, allow_redirects=False) as answer:
                return answer.headers["Location"]

        try:
            calls = [asyncio.create_task(callback(code)) for code in minted["codes"]]
            await _wechat_called(fake_wechat, "/sns/oauth2/access_token", 10)
            code, took, output = await _terminate(process)
            locations = await asyncio.gather(*calls)
        finally:
            _reap(process)
    assert code == 0, output[-2000:]
    assert took < SHUTDOWN_TIMEOUT, f"exited {took:.1f} s after SIGTERM"
    assert all(location.startswith("https://shop.example.com/?wx_ticket=") for location in locations), locations
    tickets = [location.split("wx_ticket=")[1] for location in locations]
    assert not any(value in output for value in [secret, *minted["codes"], *tickets])
