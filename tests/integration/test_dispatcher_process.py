"""``python -m services.dispatcher`` as a process: a bad rules file never takes it down; SIGHUP reloads."""

import asyncio
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import AMQP_URL, REDIS_URL
from tests.integration.conftest import run_command
from tests.integration.processes import free_port, start_service, stop, wait_ready

GOOD = "rules:\n  - match: {msg_type: text}\n    reply: {type: text, content: one}\n"
TWO = GOOD + "  - match: {msg_type: event}\n    reply: {type: text, content: two}\n"
BAD = "rules:\n  - match: {msg_type: text, regex: '(unclosed'}\n    reply: {type: txt}\n"


async def metric(base: str, name: str) -> float:
    async with aiohttp.ClientSession() as session, session.get(base + "/metrics") as response:
        text = await response.text()
    return float(next(line for line in text.splitlines() if line.startswith(name + " ")).split()[-1])


async def until(base: str, name: str, expected: float, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        assert process.poll() is None, stop(process)
        if await metric(base, name) == expected:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{name} never became {expected}")


@pytest.fixture
async def dispatcher(
    services: None, tmp_path: Path, app_id: str
) -> AsyncIterator[tuple[subprocess.Popen[bytes], str, Path]]:
    rules = tmp_path / "rules.yaml"
    rules.write_text(GOOD)
    port = free_port()
    process = start_service(
        "dispatcher",
        {
            "AMQP_URL": AMQP_URL,
            "REDIS_URL": REDIS_URL,
            "PORT": str(port),
            "INTERNAL_API_KEY": "k",
            "WECHAT_APP_ID": app_id,
            "REPLY_RULES_FILE": str(rules),
            "RULES_POLL_SECONDS": "3600",  # only SIGHUP reloads in this test
            "QUEUE_PREFIX": f"test-{app_id}",
            "EVENT_BINDING": f"{app_id}.#",
        },
    )
    base = f"http://127.0.0.1:{port}"
    await wait_ready(base, process)
    yield process, base, rules
    stop(process)
    for queue in ("replies", "analytics", "replies.dead", "analytics.dead"):
        await run_command("rabbitmqctl", "delete_queue", f"test-{app_id}.{queue}")


async def test_sighup_reloads_and_a_bad_file_keeps_the_last_good_rules(
    dispatcher: tuple[subprocess.Popen[bytes], str, Path],
) -> None:
    process, base, rules = dispatcher
    assert await metric(base, "wxmp_dispatcher_rules") == 1
    rules.write_text(TWO)
    process.send_signal(signal.SIGHUP)
    await until(base, "wxmp_dispatcher_rules", 2, process)
    rules.write_text(BAD)
    process.send_signal(signal.SIGHUP)
    await until(base, "wxmp_dispatcher_rules_reload_failures", 1, process)
    assert await metric(base, "wxmp_dispatcher_rules") == 2  # the last good rules stay in force
    async with aiohttp.ClientSession() as session, session.get(base + "/readyz") as response:
        assert response.status == 200
    process.send_signal(signal.SIGTERM)
    output = stop(process)
    assert '"event": "rules_reload_failed"' in output
    assert "rule 1: match.regex" in output


async def test_a_bad_rules_file_at_start_is_fatal_with_a_precise_error(services: None, tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(BAD)
    process = start_service(
        "dispatcher",
        {"PORT": str(free_port()), "INTERNAL_API_KEY": "k", "WECHAT_APP_ID": "wxbad", "REPLY_RULES_FILE": str(rules)},
    )
    code = await asyncio.to_thread(process.wait, 20)
    output = stop(process)
    assert code != 0
    assert "rule 1: match.regex" in output and "rule 1: reply.type" in output
