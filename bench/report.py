"""The results table, the gateway/bare ratio against the goals, and the JSON written to bench/results/."""

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import Measurement, RunConfig
from bench.servers import REPO_ROOT


@dataclass(frozen=True)
class Goal:
    """``scenario`` must reach ``min_ratio`` of ``baseline``'s req/s with p99 under ``max_p99_ms``."""

    scenario: str
    baseline: str
    min_ratio: float
    max_p99_ms: float


GOALS = (
    Goal("gateway", "bare", min_ratio=0.30, max_p99_ms=20.0),  # issue #2
    Goal("token", "bare-get", min_ratio=0.70, max_p99_ms=10.0),  # issue #3
    Goal("reply", "bare", min_ratio=0.15, max_p99_ms=50.0),  # issue #4
)


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
    """Each goal whose scenario and baseline both ran, with its ratio, p99 and verdicts."""
    found: dict[str, Any] = {}
    for goal in GOALS:
        measured, base = by_name.get(goal.scenario), by_name.get(goal.baseline)
        if measured is None or base is None:
            continue
        ratio = measured.result.requests_per_s / max(base.result.requests_per_s, 1e-9)
        p99 = measured.result.latency_ms["p99"]
        found[goal.scenario] = {
            "baseline": goal.baseline,
            "ratio": round(ratio, 3),
            "ratio_goal": goal.min_ratio,
            "ratio_met": ratio >= goal.min_ratio,
            "p99_ms": p99,
            "p99_goal_ms": goal.max_p99_ms,
            "p99_met": p99 < goal.max_p99_ms,
        }
    return found or None


def goals_line(g: dict[str, Any]) -> str:
    def verdict(met: bool) -> str:
        return "met" if met else "NOT met"

    return "\n".join(
        f"ratio {name}/{v['baseline']} = {v['ratio']:.2f} (goal ≥ {v['ratio_goal']:.2f}: {verdict(v['ratio_met'])}), "
        f"p99 {name} = {v['p99_ms']:.1f} ms (goal < {v['p99_goal_ms']:.0f} ms: {verdict(v['p99_met'])})"
        for name, v in g.items()
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
