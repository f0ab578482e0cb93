"""``make run`` on a machine with nothing but Python: one process, in memory, a working sandbox."""

import json
import os
import signal
import subprocess
import sys
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from tests.e2e.conftest import DEMO_SAFE_APP, DEV_KEY, PORTS, UNSET, RunningSystem, wait_until_ready
from tests.integration.processes import REPO, free_offset


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode()


def _post(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.status, json.loads(response.read())


def test_the_log_says_which_mode_runs(system: RunningSystem) -> None:
    modes = [json.loads(line) for line in system.log().splitlines() if '"run_mode"' in line]
    assert [(m["mode"], m["broker"], m["store"]) for m in modes] == [("single-process", "in-memory", "in-memory")]


def test_the_sandbox_serves_the_chat_page_and_the_events_page(system: RunningSystem) -> None:
    status, page = _get(system.url("sandbox") + "/")
    assert status == 200
    assert 'id="message-input"' in page
    status, page = _get(system.url("sandbox") + "/events")
    assert status == 200
    assert 'id="events"' in page


def test_a_follower_says_hello_and_gets_the_rules_reply(system: RunningSystem) -> None:
    openid = f"o_e2e_{uuid.uuid4().hex[:8]}"
    body = {"app_id": DEMO_SAFE_APP, "openid": openid, "mode": "safe", "action": "text", "content": "hello"}
    status, answer = _post(system.url("sandbox") + "/sandbox/api/send", body)
    assert status == 200
    assert answer["reply"]["content"] == "Hi! Send 'menu' to see what I can do."


def test_the_api_proxy_calls_the_sandboxes_wechat(system: RunningSystem) -> None:
    headers = {"Authorization": f"Bearer {DEV_KEY}"}
    menu = {"button": [{"type": "click", "name": "Hello", "key": "HELLO"}]}
    proxy = system.url("proxy") + f"/v1/apps/{DEMO_SAFE_APP}/wechat"
    assert _post(f"{proxy}/cgi-bin/menu/create", menu, headers) == (200, {"errcode": 0, "errmsg": "ok"})
    request = urllib.request.Request(f"{proxy}/cgi-bin/menu/get", headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.loads(response.read())["menu"]["button"][0]["key"] == "HELLO"
    status, document = _get(system.url("proxy") + "/openapi.json")
    assert status == 200 and json.loads(document)["openapi"].startswith("3.1")


def test_sigterm_stops_every_service_in_reverse_order_and_exits_0(tmp_path: Path) -> None:
    offset = free_offset(PORTS.values())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "REPLY_")) and k not in UNSET}
    output = tmp_path / "output.log"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "laptop", "--port-offset", str(offset)],
            cwd=REPO,
            env=env | {"HOST": "127.0.0.1", "LOG_FORMAT": "json"},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        running = RunningSystem(process, offset, output)
        wait_until_ready(running, within=60)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=40) == 0
    finally:
        if process.poll() is None:
            process.kill()
    lines = [json.loads(line) for line in output.read_text().splitlines() if line.startswith("{")]
    stopped = [line["service"] for line in lines if line["event"] == "service_stopped"]
    assert stopped == ["gateway", "notifier", "dispatcher", "web", "proxy", "token", "sandbox"]
