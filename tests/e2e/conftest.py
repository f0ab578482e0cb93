"""The system as a developer starts it — ``make run`` with no RabbitMQ or Redis URL: one process,
in memory, the sandbox on 8090 — and a headless Chromium to use its pages."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver

from tests.browser import headless_chromium
from tests.integration.processes import REPO, free_offset

PORTS = {
    "gateway": 8080,
    "token": 8081,
    "dispatcher": 8082,
    "notifier": 8083,
    "proxy": 8084,
    "web": 8085,
    "sandbox": 8090,
}
DEMO_SAFE_APP = "wxdemo0000000001"  # config/apps.example.yaml: the account with an EncodingAESKey
DEV_KEY = "dev-only-internal-key"
# Unset for a run as on a fresh machine: no broker or store URL (so: in memory), no key, no make state.
UNSET = ("AMQP_URL", "REDIS_URL", "INTERNAL_API_KEY", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")


@dataclass(frozen=True)
class RunningSystem:
    process: subprocess.Popen[bytes]
    offset: int
    output: Path

    def log(self) -> str:
        return self.output.read_text(errors="replace")

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{PORTS[service] + self.offset}"


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def wait_until_ready(running: RunningSystem, *, within: float) -> None:
    deadline = time.monotonic() + within
    for service in PORTS:
        while not _ready(running.url(service)):
            assert running.process.poll() is None, f"the system exited during start:\n{running.log()}"
            assert time.monotonic() < deadline, f"{service} never became ready:\n{running.log()}"
            time.sleep(0.1)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def fresh_checkout(target: Path) -> Path:
    """What a clone of this working tree holds: the files git tracks or would (not the ignored ones:
    no build output, caches or virtualenv), so ``make run`` there proves nothing else is needed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = Path(REPO, name)
        if source.is_file():  # a tracked file deleted in the working tree is not in a clone either
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    """``make run`` (with a port offset) in a fresh checkout and every service ready; stopped with
    SIGTERM after. The checkout uses this repo's virtualenv (``make test`` installed it)."""
    offset = free_offset(PORTS.values())
    checkout = fresh_checkout(tmp_path_factory.mktemp("checkout"))
    output = tmp_path_factory.mktemp("make-run") / "output.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WECHAT_", "REPLY_")) and k not in UNSET}
    env |= {"HOST": "127.0.0.1", "LOG_FORMAT": "json"}
    with output.open("wb") as sink:  # a file, not a pipe: nobody has to keep reading it
        process = subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "run",
                f"VENV={REPO}/.venv",
                "NO_INSTALL=1",
                f"RUN_ARGS=--port-offset {offset}",
            ],
            cwd=checkout,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and its python child: one process group to signal
        )
    running = RunningSystem(process, offset, output)
    wait_until_ready(running, within=90)
    yield running
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=40)
    deadline = time.monotonic() + 40  # make is gone; wait for the system itself to let go of its ports
    while any(_listening(port + offset) for port in PORTS.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with headless_chromium() as driver:
        yield driver
