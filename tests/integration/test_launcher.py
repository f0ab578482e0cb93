"""``python -m laptop --sandbox`` with RabbitMQ and Redis (as `make run` with both URLs): it comes up and works."""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import aiohttp
import pytest

from shared.simulator import message_xml, sign_callback
from tests.conftest import AMQP_URL, REDIS_URL
from tests.integration.processes import REPO, free_offset, stop, wait_ready
from tests.waiting import eventually

DEMO_APP = "wxdemo0000000002"  # the plaintext demo account of config/apps.example.yaml
DEMO_TOKEN = "demotoken2"


PORTS = (8080, 8081, 8082, 8083, 8084, 8085, 8090)  # the launcher's defaults, moved by --port-offset


@pytest.fixture
def system(services: None) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    offset = free_offset(PORTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "INTERNAL_API_KEY"))} | {
        "AMQP_URL": AMQP_URL,
        "REDIS_URL": REDIS_URL,
        "WECHAT_APPS_FILE": os.path.join(REPO, "config", "apps.example.yaml"),
        "REPLY_RULES_FILE": os.path.join(REPO, "config", "reply_rules.example.yaml"),
        "HOST": "127.0.0.1",
        "LOG_FORMAT": "json",
        # The durable queues: this test's own, for the demo account only, deleted after.
        "QUEUE_PREFIX": f"test-launcher-{offset}",
        "EVENT_BINDING": f"{DEMO_APP}.#",
        "COMMAND_ACCOUNTS": DEMO_APP,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "laptop", "--sandbox", "--port-offset", str(offset)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process, offset
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=40)
    stop(process)
    # After the services stopped (a running one would declare them again).
    kinds = ["replies", "analytics", "sends", "reports"]  # the dispatcher's and the notifier's
    queues = [f"test-launcher-{offset}.{kind}{dead}" for kind in kinds for dead in ("", ".dead")]
    queues += [f"test-launcher-{offset}.sends.retry.{n}" for n in range(1, 10)]
    for queue in queues:
        subprocess.run(["rabbitmqctl", "delete_queue", queue], capture_output=True, check=False)


async def test_the_whole_system_comes_up_and_stops(system: tuple[subprocess.Popen[bytes], int]) -> None:
    process, offset = system
    gateway, token = f"http://127.0.0.1:{8080 + offset}", f"http://127.0.0.1:{8081 + offset}"
    await wait_ready(gateway, process, within=40)
    await wait_ready(token, process, within=40)
    await wait_ready(f"http://127.0.0.1:{8082 + offset}", process, within=40)
    await wait_ready(f"http://127.0.0.1:{8083 + offset}", process, within=40)
    proxy = f"http://127.0.0.1:{8084 + offset}"
    await wait_ready(proxy, process, within=40)
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": "Bearer dev-only-internal-key"}
        async with session.get(f"{token}/v1/apps/{DEMO_APP}/access-token", headers=headers) as response:
            assert response.status == 200  # issued by the fake WeChat
        async with session.get(f"{proxy}/v1/apps/{DEMO_APP}/wechat/cgi-bin/getcallbackip", headers=headers) as response:
            assert response.status == 200 and "ip_list" in await response.json()  # through the proxy, the token added
        xml = message_xml({"ToUserName": "gh", "FromUserName": "o1", "CreateTime": int(time.time()),
                           "MsgType": "event", "Event": "VIEW", "EventKey": "https://x"})  # fmt: skip
        callback = sign_callback(xml, token=DEMO_TOKEN)
        async with session.post(f"{gateway}/wechat/{DEMO_APP}", params=callback.query, data=callback.body) as response:
            assert response.status == 200  # stored: the dispatcher's queues take it
        # The sandbox process: a follower's "hello" through the gateway, the rules' reply, the event on its tap.
        sandbox = f"http://127.0.0.1:{8090 + offset}"
        await wait_ready(sandbox, process, within=40)
        hello = {"app_id": DEMO_APP, "openid": "o_launcher", "mode": "plaintext", "action": "text", "content": "hello"}
        async with session.post(f"{sandbox}/sandbox/api/send", json=hello) as response:
            assert (await response.json())["reply"]["content"] == "Hi! Send 'menu' to see what I can do."

        async def tapped() -> bool:  # the tap's consumer may take it a moment after the reply
            async with session.get(f"{sandbox}/sandbox/api/events") as response:
                seen = [event["routing_key"] for event in (await response.json())["events"]]
            return f"{DEMO_APP}.message.text" in seen

        await eventually(tapped, within=10, what="the event on the sandbox's tap")
        # The web service: a login goes to the sandbox's consent page, its callback on WEB_PUBLIC_URL.
        web = f"http://127.0.0.1:{8085 + offset}"
        await wait_ready(web, process, within=40)
        login = {"return_to": f"{sandbox}/shop/{DEMO_APP}"}
        async with session.get(f"{web}/oauth/{DEMO_APP}/login", params=login, allow_redirects=False) as response:
            location = response.headers["Location"]
        assert location.startswith(f"{sandbox}/connect/oauth2/authorize?appid={DEMO_APP}&redirect_uri=http%3A%2F%2F")
    process.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(process.wait, 40) == 0
