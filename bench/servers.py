"""Server subprocesses: a free port, start, wait until ready, CPU time, and a clean stop."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from bench.sysstat import process_cpu_seconds

REPO_ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ServerError(RuntimeError):
    """A server that would not start, or died."""


class ServerProcess:
    """One server process (no shell in between, so its pid is the server's), output to a log file."""

    def __init__(self, name: str, argv: list[str], *, env: Mapping[str, str], log_path: Path) -> None:
        self.name = name
        self.argv = argv
        self.env = dict(env)
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise ServerError(f"{self.name} is not running")
        return self._proc.pid

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        self._proc = subprocess.Popen(
            self.argv,
            cwd=REPO_ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # our Ctrl-C is ours; the harness stops it in order
        )

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.pid)

    def wait_ready(self, url: str, *, timeout: float) -> None:
        """Poll ``url`` until it answers 200; raise if the deadline passes or the process exits."""
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            if not self.alive():
                raise ServerError(f"{self.name} exited before it was ready:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2.0) as response:
                    if response.status == 200:
                        return
                    last = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                last = type(exc).__name__
            time.sleep(0.1)
        raise ServerError(f"{self.name} not ready at {url} within {timeout:.0f} s ({last}):\n{self.log_tail()}")

    def stop(self, *, grace: float = 10.0) -> int | None:
        """SIGTERM, wait up to ``grace`` seconds, then SIGKILL. The exit code (None if never started)."""
        proc, self._proc = self._proc, None
        try:
            if proc is None:
                return None
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(grace)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            return proc.returncode
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None

    def log_lines(self) -> list[str]:
        try:
            return self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []

    def log_tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_lines()[-lines:])


@contextmanager
def running(server: ServerProcess) -> Iterator[ServerProcess]:
    """Start ``server`` and stop it on the way out, also on error."""
    try:
        server.start()
        yield server
    finally:
        server.stop()


def python_argv(*args: str) -> list[str]:
    """This interpreter (the venv's) running ``args``."""
    return [sys.executable, *args]


def base_env(drop_prefixes: tuple[str, ...] = ("WECHAT_",)) -> dict[str, str]:
    """The harness's environment minus settings that would leak into a server (e.g. the Makefile's
    ``WECHAT_APPS_FILE``), so each server sees exactly what its scenario sets."""
    return {k: v for k, v in os.environ.items() if not k.startswith(drop_prefixes)}


LOG_SAMPLE_LINES = 15


def sample_logs(servers: Iterable["ServerProcess"], notes: list[str], *, trouble: bool) -> dict[str, Any]:
    """Each server's log path and line count; when there was ``trouble``, its first lines go to ``notes``."""
    logs: dict[str, Any] = {}
    for server in servers:
        lines = server.log_lines()
        logs[server.name] = {"path": str(server.log_path), "lines": len(lines)}
        if lines and trouble:
            notes.append(f"{server.name} log ({server.log_path}), first lines:")
            notes.extend(f"  {line}" for line in lines[:LOG_SAMPLE_LINES])
    return logs


def wait_listening(server: ServerProcess, port: int, *, timeout: float) -> None:
    """Until ``server`` accepts connections on ``port``; ``ServerError`` if it dies or takes too long."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            if not server.alive() or time.monotonic() > deadline:
                raise ServerError(f"{server.name} is not listening on {port}:\n{server.log_tail()}") from None
            time.sleep(0.05)


def redis_server(name: str, port: int, log_path: Path) -> ServerProcess:
    """A Redis of a scenario's own on ``port`` (nothing else using the machine's Redis reaches the
    measurement); no persistence. Start it with ``running`` and ``wait_listening``."""
    argv = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    return ServerProcess(name, argv, env=base_env(), log_path=log_path)
