"""The results table, the gateway/bare ratio against the goals, and the JSON written to bench/results/."""

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from bench.measure import Measurement, RunConfig
from bench.servers import REPO_ROOT

GOAL_RATIO = 0.30  # gateway req/s over bare aiohttp req/s, at least
GOAL_P99_MS = 20.0  # gateway p99 latency, below


def table(measurements: list[Measurement]) -> str:
    header = f"{'':<18}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'cpu µs/req':>12}{'non-2xx':>9}"
    rows = [header]
    for m in measurements:
        r = m.result
        rows.append(
            f"{m.label:<18}{r.requests_per_s:>10.0f}{r.latency_ms['p50']:>9.2f}{r.latency_ms['p99']:>9.2f}"
            f"{m.cpu_us_per_request:>12.1f}{r.non_2xx:>9}"
        )
    return "\n".join(rows)


def goals(by_name: dict[str, Measurement]) -> dict[str, Any] | None:
    bare, gateway = by_name.get("bare"), by_name.get("gateway")
    if bare is None or gateway is None:
        return None
    ratio = gateway.result.requests_per_s / max(bare.result.requests_per_s, 1e-9)
    p99 = gateway.result.latency_ms["p99"]
    return {
        "ratio_gateway_over_bare": round(ratio, 3),
        "ratio_goal": GOAL_RATIO,
        "ratio_met": ratio >= GOAL_RATIO,
        "p99_gateway_ms": p99,
        "p99_goal_ms": GOAL_P99_MS,
        "p99_met": p99 < GOAL_P99_MS,
    }


def goals_line(g: dict[str, Any]) -> str:
    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    return (
        f"ratio gateway/bare = {g['ratio_gateway_over_bare']:.2f} "
        f"(goal ≥ {GOAL_RATIO:.2f}: {verdict(g['ratio_met'])}), "
        f"p99 gateway = {g['p99_gateway_ms']:.1f} ms (goal < {GOAL_P99_MS:.0f} ms: {verdict(g['p99_met'])})"
    )


def details(m: Measurement) -> list[str]:
    r = m.result
    lines = [
        f"{m.label}: {r.requests} requests in {r.duration_s:.1f} s; server {100 * m.server_cpu_s / r.duration_s:.0f}% "
        f"of a core, wrk {100 * r.wrk_cpu_s / r.duration_s:.0f}%, machine busy {m.machine_busy_pct:.0f}% "
        f"(steal {m.machine_steal_pct:.1f}%)",
    ]
    infra = m.infra_us_per_request()
    if infra:
        lines.append("  other processes, cpu µs/req: " + ", ".join(f"{k} {v:.1f}" for k, v in infra.items()))
    if r.non_2xx or m.warmup.non_2xx:
        run, warm = dict(sorted(r.statuses.items())), dict(sorted(m.warmup.statuses.items()))
        lines.append(f"  HTTP statuses: run {run}, warm-up {warm}")
    lines.extend(f"  {note}" for note in m.notes)
    failed = [name for name, passed in m.checks.items() if not passed]
    if failed:
        lines.append(f"  FAILED checks: {', '.join(failed)}")
    sample = m.extra.get("log", {}).get("sample")
    if sample:
        lines.append(f"  server log ({m.extra['log']['path']}), first lines:")
        lines.extend(f"    {line}" for line in sample)
    return lines


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def write_json(path: Path, cfg: RunConfig, measurements: list[Measurement], g: dict[str, Any] | None) -> None:
    document = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "git_commit": _git_commit(),
        "config": {
            "duration_s": cfg.duration,
            "warmup_s": cfg.warmup,
            "connections": cfg.connections,
            "wrk_threads": cfg.threads,
        },
        "host": {"cpus": os.cpu_count(), "loadavg": list(os.getloadavg())},
        "scenarios": {m.scenario: m.to_json() for m in measurements},
        "goals": g,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
