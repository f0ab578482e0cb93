"""The results table, the gateway/bare ratio against the goals, the throughput section (and its
goals), and the JSON written to bench/results/."""

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import Measurement, RunConfig
from bench.servers import REPO_ROOT
from bench.throughput import Throughput


@dataclass(frozen=True)
class Goal:
    """``scenario`` must reach ``min_ratio`` of ``baseline``'s req/s with p99 under ``max_p99_ms``."""

    scenario: str
    baseline: str
    min_ratio: float
    max_p99_ms: float

    def judge(self, ratio: float, p99_ms: float) -> dict[str, Any]:
        return {
            "ratio": round(ratio, 3),
            "ratio_goal": self.min_ratio,
            "ratio_met": ratio >= self.min_ratio,
            "p99_ms": p99_ms,
            "p99_goal_ms": self.max_p99_ms,
            "p99_met": p99_ms < self.max_p99_ms,
        }


GOALS = (
    Goal("gateway", "bare", min_ratio=0.30, max_p99_ms=20.0),  # issue #2
    Goal("token", "bare-get", min_ratio=0.70, max_p99_ms=10.0),  # issue #3
    Goal("reply", "bare", min_ratio=0.15, max_p99_ms=50.0),  # issue #4
    Goal("web-login", "bare-web", min_ratio=0.50, max_p99_ms=50.0),  # issue #17
    Goal("web-jssdk", "bare-web", min_ratio=0.50, max_p99_ms=50.0),  # issue #17
)
# Ratios reported without a goal: a callback waits on the token service and on WeChat (50 ms).
RATIOS = (("web-callback", "bare-web"),)
GOALS_BY_SCENARIO = {goal.scenario: goal for goal in GOALS}


@dataclass(frozen=True)
class ThroughputGoal:
    """``scenario`` (a Throughput) must finish at least ``min_per_s`` units a second."""

    scenario: str
    min_per_s: float


THROUGHPUT_GOALS = (ThroughputGoal("notifier", min_per_s=1000.0),)  # issue #5, one process, rate limit off

# What each goal's scenario waits on, measured alone (bench/scenarios/broker.py): a floor under it.
FLOORS = {"gateway": "broker", "reply": "broker-rpc"}
# Parts of one gateway request measured alone, by scenario: bare aiohttp's HTTP (server CPU per
# request), the publish path's client (CPU per confirm) and the pure core (CPU per callback).
GATEWAY_PARTS = ("bare", "broker", "core")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


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
        found[goal.scenario] = {"baseline": goal.baseline, **goal.judge(ratio, measured.result.latency_ms["p99"])}
    return found or None


def ratios(by_name: dict[str, Measurement]) -> dict[str, Any] | None:
    """Each goal-less ratio whose scenario and baseline both ran."""
    found = {
        name: {
            "baseline": base,
            "ratio": round(by_name[name].result.requests_per_s / by_name[base].result.requests_per_s, 3),
        }
        for name, base in RATIOS
        if name in by_name and base in by_name and by_name[base].result.requests_per_s > 0
    }
    return found or None


def ratios_line(r: dict[str, Any]) -> str:
    return "\n".join(f"ratio {name}/{v['baseline']} = {v['ratio']:.2f} (no goal)" for name, v in r.items())


def throughput_goals(by_name: dict[str, Throughput]) -> dict[str, Any] | None:
    """Each throughput goal whose scenario ran, with its rate and verdict."""
    found: dict[str, Any] = {}
    for goal in THROUGHPUT_GOALS:
        measured = by_name.get(goal.scenario)
        if measured is None:
            continue
        rate_met, confirmed = measured.per_s >= goal.min_per_s, all(measured.checks.values())
        found[goal.scenario] = {
            f"{measured.unit}_per_s": round(measured.per_s, 1),
            "goal_per_s": goal.min_per_s,
            "rate_met": rate_met,
            "checks_passed": confirmed,  # "every one confirmed by the fake"
            "met": rate_met and confirmed,
        }
    return found or None


def floors(measurements: dict[str, Measurement], throughputs: dict[str, Throughput]) -> dict[str, Any] | None:
    """For each ratio goal whose floor scenario and baseline ran: the floor's rate against the
    baseline and its p99, beside the goal. The floor is the broker work the scenario waits on,
    alone at the same concurrency; a goal below it is out of reach of the scenario on this
    broker and machine unless that broker work itself gets cheaper or faster."""
    found: dict[str, Any] = {}
    for goal in GOALS:
        floor, base = throughputs.get(FLOORS.get(goal.scenario, "")), measurements.get(goal.baseline)
        if floor is None or base is None or not floor.latency_ms:
            continue
        ratio = floor.per_s / max(base.result.requests_per_s, 1e-9)
        # met: the floor alone reaches the goal (the goal lies above it)
        found[goal.scenario] = {
            "floor": floor.scenario,
            "per_s": round(floor.per_s, 1),
            **goal.judge(ratio, floor.latency_ms["p99"]),
        }
    return found or None


def gateway_budget(measurements: dict[str, Measurement], throughputs: dict[str, Throughput]) -> dict[str, Any] | None:
    """The CPU one gateway process may spend per request at the goal's rate, against the sum of
    its parts measured alone. Each part is at its cheapest alone (warm caches, no other work in
    its process), so a sum over the budget puts the goal out of one process's reach here."""
    goal = GOALS_BY_SCENARIO["gateway"]
    base = measurements.get(goal.baseline)
    if base is None or any(name not in measurements and name not in throughputs for name in GATEWAY_PARTS):
        return None
    parts = {
        name: measurements[name].cpu_us_per_request
        if name in measurements
        else throughputs[name].cpu_us_per_unit()[throughputs[name].server]
        for name in GATEWAY_PARTS
    }
    rate = goal.min_ratio * base.result.requests_per_s
    budget = 1e6 / max(rate, 1e-9)
    return {
        "goal_rate_per_s": round(rate, 1),
        "budget_us_per_request": round(budget, 1),
        "parts_us": {name: round(us, 1) for name, us in parts.items()},
        "parts_sum_us": round(sum(parts.values()), 1),
        "within_budget": sum(parts.values()) <= budget,
    }


def gateway_budget_line(b: dict[str, Any]) -> str:
    parts = " + ".join(f"{name} {us:.0f}" for name, us in b["parts_us"].items())
    verdict = "within it" if b["within_budget"] else "OVER it"
    return (
        f"one gateway process at the goal's rate ({b['goal_rate_per_s']:.0f}/s) has {b['budget_us_per_request']:.0f} "
        f"µs of CPU per request; its parts alone: {parts} = {b['parts_sum_us']:.0f} µs ({verdict})"
    )


def floors_line(f: dict[str, Any]) -> str:
    def verdict(met: bool) -> str:
        return "above it" if met else "BELOW it"

    return "\n".join(
        f"floor under {name}: {v['floor']} = {v['ratio']:.2f} of {GOALS_BY_SCENARIO[name].baseline} "
        f"(goal {v['ratio_goal']:.2f}: {verdict(v['ratio_met'])}), "
        f"p99 {v['p99_ms']:.1f} ms (goal {v['p99_goal_ms']:.0f} ms: {verdict(v['p99_met'])})"
        for name, v in f.items()
    )


def goals_line(g: dict[str, Any]) -> str:
    """The ratio goals of ``goals`` (entries of ``throughput_goals`` are printed by ``throughput_section``)."""
    return "\n".join(
        f"ratio {name}/{v['baseline']} = {v['ratio']:.2f} (goal ≥ {v['ratio_goal']:.2f}: {_verdict(v['ratio_met'])}), "
        f"p99 {name} = {v['p99_ms']:.1f} ms (goal < {v['p99_goal_ms']:.0f} ms: {_verdict(v['p99_met'])})"
        for name, v in g.items()
        if "ratio" in v
    )


def throughput_section(t: Throughput, g: dict[str, Any] | None) -> list[str]:
    """``notifier: N sends in T s = X sends/s (goal ≥ 1000: met)``, then CPU, latency, notes, failed checks."""
    unit, one = t.unit, t.unit.removesuffix("s")
    goal = (g or {}).get(t.scenario)
    verdict = ""
    if goal is not None:
        checks = "" if goal["checks_passed"] else ", checks FAILED"
        verdict = f" (goal ≥ {goal['goal_per_s']:.0f}: {_verdict(goal['met'])}{checks})"
    lines = [f"{t.label}: {t.count} {unit} in {t.duration_s:.2f} s = {t.per_s:.0f} {unit}/s{verdict}"]
    per_unit, pct = t.cpu_us_per_unit(), t.cpu_pct_of_core()
    lines.append(f"  cpu µs/{one}: " + ", ".join(f"{name} {v:.1f}" for name, v in per_unit.items()))
    lines.append(
        "  cpu split, % of a core: "
        + ", ".join(f"{name} {v:.0f}" for name, v in pct.items())
        + f", untracked {t.untracked_pct_of_core():.0f}"
        + f"; machine busy {t.machine_busy_pct:.0f}% of {os.cpu_count()} cores (steal {t.machine_steal_pct:.1f}%)"
    )
    if t.latency_ms:
        figures = ", ".join(f"{k} {v:.1f} ms" for k, v in t.latency_ms.items())
        lines.append(f"  latency {figures}: {t.latency_label}")
    lines.extend(f"  {note}" for note in t.notes)
    failed = [name for name, passed in t.checks.items() if not passed]
    if failed:
        lines.append(f"  FAILED checks: {', '.join(failed)}")
    return lines


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


def write_json(
    path: Path,
    cfg: RunConfig,
    measurements: list[Measurement | Throughput],
    g: dict[str, Any] | None,
    limits: dict[str, Any] | None = None,
) -> None:
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
        "limits": limits,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
