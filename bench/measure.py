"""One measurement: warm-up, then a timed wrk run with the server's CPU time read around it.

Shared by every scenario: a scenario starts its server(s), says how to write
``count`` fresh requests to a file, and gets back a ``Measurement``.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load import WrkResult, run_wrk
from bench.servers import ServerProcess
from bench.sysstat import MachineCpu, pids_cpu_seconds, pids_named

# Request-file sizing. The warm-up file is sized for a rate no Python server on
# one core reaches; the measured file for 1.5 times the warm-up's rate (a noisy box
# can be faster in the measured run), within these bounds.
WARMUP_SIZING_RATE = 60_000
MIN_SIZING_RATE = 2_000
MAX_SIZING_RATE = 100_000
RATE_HEADROOM = 1.5

# Processes whose CPU time is worth seeing next to the server's (they share the two cores).
INFRA_PROCESSES = ("beam.smp", "redis-server")

RequestWriter = Callable[[Path, int, str], object]
"""Writes ``count`` distinct requests tagged ``tag`` to ``path`` (one ``path?query<TAB>body`` per line)."""


@dataclass(frozen=True)
class RunConfig:
    duration: int
    connections: int
    threads: int
    warmup: int
    workdir: Path  # request files (deleted after the run)
    logdir: Path  # server logs (kept)

    def max_requests(self) -> int:
        """An upper bound on the requests one scenario can send (warm-up and measured run)."""
        return WARMUP_SIZING_RATE * self.warmup + MAX_SIZING_RATE * self.duration + 4 * self.connections


@dataclass
class Measurement:
    scenario: str
    label: str
    result: WrkResult
    warmup: WrkResult
    server_cpu_s: float
    machine_busy_pct: float
    machine_steal_pct: float
    infra_cpu_s: dict[str, float]  # INFRA_PROCESSES and the scenario's companion servers, by name
    requests_prepared: int
    notes: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cpu_us_per_request(self) -> float:
        return 1e6 * self.server_cpu_s / max(self.result.requests, 1)

    def infra_us_per_request(self) -> dict[str, float]:
        return {name: round(1e6 * s / max(self.result.requests, 1), 1) for name, s in self.infra_cpu_s.items()}

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "requests_per_s": round(self.result.requests_per_s, 1),
            "p50_ms": self.result.latency_ms["p50"],
            "p99_ms": self.result.latency_ms["p99"],
            "cpu_us_per_request": round(self.cpu_us_per_request, 1),
            "server_cpu_s": round(self.server_cpu_s, 3),
            "server_cpu_pct_of_core": round(100 * self.server_cpu_s / max(self.result.duration_s, 1e-9), 1),
            "wrk_cpu_pct_of_core": round(100 * self.result.wrk_cpu_s / max(self.result.duration_s, 1e-9), 1),
            "machine_busy_pct": round(self.machine_busy_pct, 1),
            "machine_steal_pct": round(self.machine_steal_pct, 1),
            "infra_cpu_us_per_request": self.infra_us_per_request(),
            "requests_prepared": self.requests_prepared,
            "run": self.result.to_json(),
            "warmup": self.warmup.to_json(),
            "checks": self.checks,
            "notes": self.notes,
            **self.extra,
        }


def measure(
    scenario: str,
    label: str,
    server: ServerProcess,
    url: str,
    write_requests: RequestWriter,
    cfg: RunConfig,
    *,
    wrk_env: Mapping[str, str] | None = None,
    companions: Sequence[ServerProcess] = (),
    distinct_requests: bool = True,
) -> Measurement:
    """Warm up ``server``, then load it for ``cfg.duration`` seconds and account its CPU.

    ``wrk_env`` reaches the Lua script (``BENCH_AUTHORIZATION``). ``companions`` are the
    scenario's other servers (e.g. the dispatcher behind the gateway): their CPU time is
    accounted next to the infrastructure's, under their names. With ``distinct_requests``
    false (every line is the same request) a run that wraps around its file measured the
    same thing, so the wrap is noted but is no failed check."""
    warm_file = cfg.workdir / f"{scenario}-warmup.txt"
    write_requests(warm_file, WARMUP_SIZING_RATE * cfg.warmup + 2 * cfg.connections, f"{scenario}w")
    warmup = run_wrk(url, warm_file, duration=cfg.warmup, connections=cfg.connections, threads=cfg.threads, env=wrk_env)
    warm_file.unlink()

    rate = min(max(warmup.requests_per_s * RATE_HEADROOM, MIN_SIZING_RATE), MAX_SIZING_RATE)
    count = math.ceil(rate * cfg.duration) + 2 * cfg.connections
    run_file = cfg.workdir / f"{scenario}-run.txt"
    write_requests(run_file, count, f"{scenario}m")

    infra_pids = pids_named(*INFRA_PROCESSES)
    infra_before = {name: pids_cpu_seconds(pids) for name, pids in infra_pids.items()}
    machine_before = MachineCpu.read()
    companions_before = {c.name: c.cpu_seconds() for c in companions}
    cpu_before = server.cpu_seconds()
    result = run_wrk(
        url, run_file, duration=cfg.duration, connections=cfg.connections, threads=cfg.threads, env=wrk_env
    )
    cpu_after = server.cpu_seconds()
    companions_after = {c.name: c.cpu_seconds() for c in companions}
    busy, steal = MachineCpu.read().since(machine_before)
    infra = {name: pids_cpu_seconds(pids) - infra_before[name] for name, pids in infra_pids.items() if pids}
    infra.update({name: companions_after[name] - companions_before[name] for name in companions_before})
    run_file.unlink()

    measurement = Measurement(
        scenario=scenario,
        label=label,
        result=result,
        warmup=warmup,
        server_cpu_s=cpu_after - cpu_before,
        machine_busy_pct=busy,
        machine_steal_pct=steal,
        infra_cpu_s=infra,
        requests_prepared=count,
    )
    for name, run in (("warm-up", warmup), ("measured run", result)):
        if run.wraps:
            measurement.notes.append(f"{name} ran out of requests and repeated some (wraps={run.wraps})")
        errors = {k: v for k, v in run.socket_errors.items() if v and k != "status"}
        if errors:
            measurement.notes.append(f"{name}: wrk socket errors {errors}")
    if distinct_requests:
        measurement.checks["no_request_repeated"] = not (warmup.wraps or result.wraps)
    return measurement
