"""Driving wrk (C, one thread per core it may take) with bench/callbacks.lua, and reading its results."""

import json
import os
import re
import resource
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LUA_SCRIPT = Path(__file__).resolve().parent / "callbacks.lua"
SUMMARY_PREFIX = "BENCH_SUMMARY "
INSTALL_HINT = "wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk` (macOS)."


class WrkError(RuntimeError):
    """wrk is missing, failed, or printed no summary."""


def _apt_install_wrk() -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    for step in (install, ["apt-get", "update", "-q"], install):  # the package lists may be missing or stale
        print("$", " ".join(step), flush=True)
        done = subprocess.run(step, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False)
        if step[1] == "install" and done.returncode == 0:
            return True
    return False


def ensure_wrk() -> str:
    """The path of wrk, installing it with apt-get when missing and running as root."""
    path = shutil.which("wrk")
    if path:
        return path
    print(INSTALL_HINT, flush=True)
    if os.geteuid() == 0 and shutil.which("apt-get") and _apt_install_wrk():
        path = shutil.which("wrk")
    if not path:
        raise WrkError(INSTALL_HINT)
    return path


@dataclass(frozen=True)
class WrkResult:
    requests: int  # completed responses
    duration_s: float
    requests_per_s: float
    latency_ms: dict[str, float]  # mean, p50, p90, p99, max
    statuses: dict[int, int]
    socket_errors: dict[str, int]  # connect, read, write, timeout (and wrk's own status>399 count)
    sent: int  # requests the script built (one is wrk's dry run, never sent)
    wraps: int  # times a thread ran out of requests and started over (0 = no request repeated)
    success_bodies: int  # responses whose body is exactly `success` (WeChat's "no passive reply")
    wrk_cpu_s: float
    output: str = field(repr=False)

    @property
    def ok(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def non_2xx(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)

    @property
    def unanswered(self) -> int:
        """Requests sent but without a response when wrk stopped (still in flight at the server)."""
        return max(self.sent - 1 - self.requests, 0)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "duration_s": round(self.duration_s, 3),
            "requests_per_s": round(self.requests_per_s, 1),
            "latency_ms": self.latency_ms,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "non_2xx": self.non_2xx,
            "socket_errors": self.socket_errors,
            "unanswered_at_stop": self.unanswered,
            "wraps": self.wraps,
            "success_bodies": self.success_bodies,
            "wrk_cpu_s": round(self.wrk_cpu_s, 3),
        }


def parse_wrk_output(output: str, *, wrk_cpu_s: float = 0.0) -> WrkResult:
    """The summary line of callbacks.lua, cross-checked against wrk's own Requests/sec line."""
    line = next((ln for ln in output.splitlines() if ln.startswith(SUMMARY_PREFIX)), None)
    if line is None:
        raise WrkError(f"wrk printed no {SUMMARY_PREFIX.strip()} line:\n{output}")
    data = json.loads(line[len(SUMMARY_PREFIX) :])
    duration_s = data["duration_us"] / 1e6
    rps_match = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    rps = float(rps_match.group(1)) if rps_match else data["requests"] / max(duration_s, 1e-9)
    errors = dict(data["errors"])
    return WrkResult(
        requests=data["requests"],
        duration_s=duration_s,
        requests_per_s=rps,
        latency_ms={k: round(v / 1000.0, 3) for k, v in data["latency_us"].items()},
        statuses={int(k): v for k, v in data["statuses"].items()},
        socket_errors=errors,
        sent=data["sent"],
        wraps=data["wraps"],
        success_bodies=data["success_bodies"],
        wrk_cpu_s=wrk_cpu_s,
        output=output,
    )


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_wrk(
    url: str,
    requests_file: Path,
    *,
    duration: int,
    connections: int,
    threads: int = 1,
    timeout: int = 10,
    env: Mapping[str, str] | None = None,
) -> WrkResult:
    """Run wrk against ``url`` for ``duration`` seconds with the requests in ``requests_file``.

    ``timeout`` (seconds) is long enough that slow answers count as latency, not as socket errors.
    """
    argv = [
        ensure_wrk(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        url,
        "--",
        str(requests_file),
        str(threads),
    ]
    cpu_before = _children_cpu_seconds()
    full_env = {**os.environ, **env} if env else None
    done = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60, check=False, env=full_env)
    cpu = _children_cpu_seconds() - cpu_before
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise WrkError(f"wrk exited with {done.returncode}:\n{output}")
    return parse_wrk_output(output, wrk_cpu_s=cpu)
