"""The API proxy's goals (issue #15), each judged with its measured figure:

- calls/s through one proxy process against the fake at 20 ms, a GET and a JSON POST (≥ 2,000/s
  each, every call answered right), beside the same call straight to the fake;
- the p50 the proxy adds at low load: its p50 minus the direct call's, measured side by side (≤ 1 ms);
- one proxy process's peak RSS while 20 concurrent 10 MB uploads pass through (< 150 MB);
- and whether one fake WeChat process has the CPU for the calls the proxy's goal needs (≥ 2,500/s):
  if not, the proxy's rate says more about the fake than about the proxy.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bench.measure import Measurement
from bench.memory import MIB, MemoryRun
from bench.paired import PairedMeasurement
from bench.throughput import Throughput


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


@dataclass(frozen=True)
class RateGoal:
    """``scenario`` answers at least ``min_per_s`` calls a second, all of them right."""

    scenario: str
    direct: str  # the same call straight to the fake, shown beside it
    min_per_s: float

    def judge(
        self, per_s: float, *, cpu_us_per_call: float, checks_passed: bool, direct_per_s: float | None
    ) -> dict[str, Any]:
        """The verdict is the measured rate's; the rate one whole core would allow at the measured CPU
        per call is shown beside it (on a shared machine the proxy may have had less than a core)."""
        rate_met = per_s >= self.min_per_s
        found: dict[str, Any] = {
            "per_s": round(per_s, 1),
            "goal_per_s": self.min_per_s,
            "rate_met": rate_met,
            "checks_passed": checks_passed,
            "met": rate_met and checks_passed,
            "cpu_us_per_call": round(cpu_us_per_call, 1),
            "one_core_per_s": round(1e6 / cpu_us_per_call) if cpu_us_per_call > 0 else None,
        }
        if direct_per_s is not None:
            found |= {"direct": self.direct, "direct_per_s": round(direct_per_s, 1)}
            found["of_direct"] = round(per_s / direct_per_s, 3) if direct_per_s > 0 else None
        return found


@dataclass(frozen=True)
class AddedLatencyGoal:
    """``scenario``'s p50 exceeds its side-by-side baseline's by at most ``max_added_ms``."""

    scenario: str
    max_added_ms: float

    def judge(
        self, p50_ms: float, baseline_p50_ms: float, *, checks_passed: bool, floor_p50_ms: float | None = None
    ) -> dict[str, Any]:
        """``floor_p50_ms``: a bare forwarder's p50, measured beside them (what any one more hop adds)."""
        added = p50_ms - baseline_p50_ms
        found = {
            "p50_ms": p50_ms,
            "direct_p50_ms": baseline_p50_ms,
            "added_p50_ms": round(added, 3),
            "goal_added_p50_ms": self.max_added_ms,
            "checks_passed": checks_passed,
            "met": added <= self.max_added_ms and checks_passed,
        }
        if floor_p50_ms is not None:
            found["bare_forwarder_added_p50_ms"] = round(floor_p50_ms - baseline_p50_ms, 3)
        return found


@dataclass(frozen=True)
class MemoryGoal:
    """``scenario``'s process stays under ``max_mb`` of resident memory at its peak."""

    scenario: str
    max_mb: float

    def judge(self, peak_bytes: int, *, checks_passed: bool) -> dict[str, Any]:
        peak_mb = peak_bytes / MIB
        return {
            "peak_rss_mb": round(peak_mb, 1),
            "goal_rss_mb": self.max_mb,
            "checks_passed": checks_passed,
            "met": peak_mb < self.max_mb and checks_passed,
        }


@dataclass(frozen=True)
class CapacityCheck:
    """One process of ``scenario``'s server, by its CPU per call, has room for ``min_per_s`` calls a second."""

    scenario: str
    min_per_s: float

    def judge(self, cpu_us_per_call: float) -> dict[str, Any]:
        capacity = 1e6 / cpu_us_per_call if cpu_us_per_call > 0 else float("inf")
        return {
            "cpu_us_per_call": round(cpu_us_per_call, 1),
            "calls_per_s_one_core": round(capacity),
            "needed_per_s": self.min_per_s,
            "enough": capacity >= self.min_per_s,
        }


RATE_GOALS = (RateGoal("proxy-get", "direct-get", 2000.0), RateGoal("proxy-post", "direct-post", 2000.0))
LATENCY_GOALS = (AddedLatencyGoal("proxy-latency-get", 1.0), AddedLatencyGoal("proxy-latency-post", 1.0))
MEMORY_GOALS = (MemoryGoal("proxy-upload-memory", 150.0),)
FAKE_CAPACITY = (CapacityCheck("direct-get", 2500.0), CapacityCheck("direct-post", 2500.0))


def proxy_goals(
    measurements: Mapping[str, Measurement], throughputs: Mapping[str, Throughput]
) -> dict[str, Any] | None:
    """Each goal (and fake capacity check) whose scenario ran, with its figure and verdict."""
    found: dict[str, Any] = {}
    for rate in RATE_GOALS:
        if (m := measurements.get(rate.scenario)) is not None:
            direct = measurements.get(rate.direct)
            direct_per_s = direct.result.requests_per_s if direct is not None else None
            found[rate.scenario] = rate.judge(
                m.result.requests_per_s, cpu_us_per_call=m.cpu_us_per_request,
                checks_passed=all(m.checks.values()), direct_per_s=direct_per_s,
            )  # fmt: skip
    for latency in LATENCY_GOALS:
        if isinstance(p := measurements.get(latency.scenario), PairedMeasurement):
            floor = next(iter(p.references.values()), None)
            found[latency.scenario] = latency.judge(
                p.result.latency_ms["p50"], p.baseline.latency_ms["p50"], checks_passed=all(p.checks.values()),
                floor_p50_ms=floor.latency_ms["p50"] if floor is not None else None,
            )  # fmt: skip
    for memory in MEMORY_GOALS:
        if isinstance(run := throughputs.get(memory.scenario), MemoryRun):
            found[memory.scenario] = memory.judge(run.peak_bytes, checks_passed=all(run.checks.values()))
    for capacity in FAKE_CAPACITY:
        if (m := measurements.get(capacity.scenario)) is not None:
            found[f"fake-capacity-{capacity.scenario}"] = capacity.judge(m.cpu_us_per_request)
    return found or None


def _line(name: str, v: Mapping[str, Any]) -> str:
    checks = "" if v.get("checks_passed", True) else ", checks FAILED"
    if "goal_per_s" in v:
        beside = f"; {v['direct']} {v['direct_per_s']:.0f}/s" if "direct" in v else ""
        verdict = f"goal ≥ {v['goal_per_s']:.0f}: {_verdict(v['met'])}{checks}"
        cpu = ""
        if v["one_core_per_s"]:
            cpu = f"; {v['cpu_us_per_call']:.0f} µs of CPU a call: ~{v['one_core_per_s']:,}/s on a whole core"
        return f"{name}: {v['per_s']:.0f} calls/s through one proxy ({verdict}){beside}{cpu}"
    if "goal_added_p50_ms" in v:
        verdict = f"goal ≤ {v['goal_added_p50_ms']:g} ms: {_verdict(v['met'])}{checks}"
        figures = f"proxy {v['p50_ms']:.2f} ms, direct {v['direct_p50_ms']:.2f} ms, side by side"
        floor = v.get("bare_forwarder_added_p50_ms")
        beside = "" if floor is None else f"; a bare aiohttp forwarder beside them adds {floor:.2f} ms"
        return f"{name}: the proxy adds {v['added_p50_ms']:.2f} ms at p50 ({figures}; {verdict}){beside}"
    if "goal_rss_mb" in v:
        verdict = f"goal < {v['goal_rss_mb']:.0f} MB: {_verdict(v['met'])}{checks}"
        return f"{name}: peak RSS of one proxy process {v['peak_rss_mb']:.1f} MB ({verdict})"
    room = "enough" if v["enough"] else "NOT enough: the fake may be the limit"
    return (
        f"{name}: the fake spends {v['cpu_us_per_call']:.0f} µs of CPU a call, room for "
        f"~{v['calls_per_s_one_core']:,} calls/s on one core (needed {v['needed_per_s']:,.0f}: {room})"
    )


def proxy_goals_lines(g: Mapping[str, Any]) -> list[str]:
    return [_line(name, v) for name, v in g.items()]
