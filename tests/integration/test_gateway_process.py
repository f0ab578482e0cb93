"""``python -m services.gateway`` as a process: serves, and shuts down gracefully on SIGTERM."""

import asyncio
import signal
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from aio_pika.abc import AbstractQueue

from shared.crypto import MessageCipher
from tests.conftest import AES_KEY, AMQP_URL, APP_SECRET, REDIS_URL, TOKEN
from tests.integration.helpers import signed, text_fields
from tests.integration.processes import free_port, start_service, stop, wait_ready


@pytest.fixture
def gateway_process(services: None, app_id: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    env = {
        "AMQP_URL": AMQP_URL,
        "REDIS_URL": REDIS_URL,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WECHAT_APP_ID": app_id,
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_SECRET": APP_SECRET,
        "WECHAT_ENCODING_AES_KEY": AES_KEY,
        "REPLY_DEADLINE_SECONDS": "2",
        "SHUTDOWN_TIMEOUT_SECONDS": "8",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "DEBUG",
    }
    process = start_service("gateway", env)
    yield process, f"http://127.0.0.1:{port}"
    stop(process)


async def test_sigterm_lets_in_flight_callbacks_finish_and_exits(
    gateway_process: tuple[subprocess.Popen[bytes], str], app_id: str, cipher: MessageCipher, events: AbstractQueue
) -> None:
    process, base = gateway_process
    await wait_ready(base, process)
    callback = signed(text_fields("in flight"), cipher)
    async with aiohttp.ClientSession() as session:
        # An answerable text with no replier: in flight for the 2 s reply deadline.
        request = asyncio.create_task(
            session.post(f"{base}/wechat/{app_id}", params=callback.query, data=callback.body)
        )
        deadline = time.monotonic() + 5
        while (await events.declare()).message_count == 0:
            assert time.monotonic() < deadline, "callback never published"
            await asyncio.sleep(0.02)
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        response = await request
        assert response.status == 200
        assert await response.text() == "success"
    exit_code = await asyncio.to_thread(process.wait, 10)
    assert exit_code == 0
    assert time.monotonic() - signalled < 8
    output = stop(process)
    assert '"event": "service_stopped"' in output
    for secret in (TOKEN, APP_SECRET, AES_KEY):
        assert secret not in output


async def test_the_process_serves_health_and_metrics(gateway_process: tuple[subprocess.Popen[bytes], Any]) -> None:
    process, base = gateway_process
    await wait_ready(base, process)
    async with aiohttp.ClientSession() as session:
        async with session.get(base + "/healthz") as response:
            assert response.status == 200
        async with session.get(base + "/metrics") as response:
            assert "wxmp_gateway_request_seconds" in await response.text()
