"""Services (and Redis) as real processes on loopback, for tests of replicas, restarts and signals."""

import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import aiohttp

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_offset(ports: Iterable[int]) -> int:
    """An offset that moves every one of ``ports`` to a free port below the ephemeral range
    (32768+), where outgoing connections would take them."""
    for _ in range(50):
        offset = random.randrange(1_000, 24_000, 100)
        try:
            for port in ports:
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port + offset))
        except OSError:
            continue
        return offset
    raise AssertionError("no free ports for the system")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_service(name: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``python -m services.{name}`` with ``env`` over the test's environment (minus WECHAT_*)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("WECHAT_")}
    full = base | {"HOST": "127.0.0.1", "LOG_FORMAT": "json"} | env
    return subprocess.Popen(
        [sys.executable, "-m", f"services.{name}"], cwd=REPO, env=full, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )


def stop(process: subprocess.Popen[bytes]) -> str:
    """Kill ``process`` if it still runs; what it printed."""
    if process.poll() is None:
        process.kill()
    out, _ = process.communicate(timeout=10)
    return out.decode(errors="replace")


async def wait_ready(base_url: str, process: subprocess.Popen[bytes], *, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            assert process.poll() is None, f"service exited during start:\n{stop(process)}"
            try:
                async with session.get(base_url + "/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"{base_url} never became ready")


@contextmanager
def redis_server(port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A Redis of the test's own (so it can be restarted), keeping nothing on disk."""
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)
