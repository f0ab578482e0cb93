"""Issue #19: the gateway against the hand-glued peer (aiohttp + wechatpy + Redis + aio-pika),
and the passive-reply path against bare aiohttp, from the scenarios of one run.

Every row is one server process under the same load (distinct safe-mode LOCATION callbacks,
wrk at the run's connections); CPU is that process's own, per answered callback, and
"cores" is its CPU time over the run's wall time.
"""

import os
from dataclasses import dataclass
from typing import Any

from bench.measure import Measurement
from bench.report import Goal

ROWS = ("bare", "peer", "gateway")


@dataclass(frozen=True)
class PeerGoal:
    """The gateway against the peer: ``min_rate`` × its req/s, at most ``max_p99`` × its p99,
    at most ``max_cpu`` × its CPU per callback."""

    min_rate: float = 1.5
    max_p99: float = 1.0
    max_cpu: float = 0.7

    def judge(self, gateway: dict[str, float], peer: dict[str, float]) -> dict[str, Any]:
        rate = gateway["requests_per_s"] / max(peer["requests_per_s"], 1e-9)
        p99 = gateway["p99_ms"] / max(peer["p99_ms"], 1e-9)
        cpu = gateway["cpu_us_per_request"] / max(peer["cpu_us_per_request"], 1e-9)
        return {
            "rate_ratio": round(rate, 3),
            "rate_goal": self.min_rate,
            "rate_met": rate >= self.min_rate,
            "p99_ratio": round(p99, 3),
            "p99_goal": self.max_p99,
            "p99_met": gateway["p99_ms"] <= self.max_p99 * peer["p99_ms"],
            "cpu_ratio": round(cpu, 3),
            "cpu_goal": self.max_cpu,
            "cpu_met": cpu <= self.max_cpu,
        }


PEER_GOAL = PeerGoal()
REPLY_GOAL = Goal("reply", "bare", min_ratio=0.06, max_p99_ms=60.0)  # issue #19's reply-path goal


def row(m: Measurement) -> dict[str, float]:
    r = m.result
    return {
        "requests_per_s": round(r.requests_per_s, 1),
        "p50_ms": r.latency_ms["p50"],
        "p99_ms": r.latency_ms["p99"],
        "cpu_us_per_request": round(m.cpu_us_per_request, 1),
        "cores": round(m.server_cpu_s / max(r.duration_s, 1e-9), 2),
        "machine_busy_pct": round(m.machine_busy_pct, 1),
        # RabbitMQ's CPU per callback: about the same for both when each event is stored once.
        "broker_cpu_us": m.infra_us_per_request().get("beam.smp", 0.0),
    }


def comparison(by_name: dict[str, Measurement]) -> dict[str, Any] | None:
    """The rows that ran; the peer verdicts when gateway and peer ran, the reply verdict when
    reply and bare ran."""
    rows = {name: row(by_name[name]) for name in ROWS if name in by_name}
    found: dict[str, Any] = {}
    if "gateway" in rows and "peer" in rows:
        found["rows"] = rows
        found["against_peer"] = PEER_GOAL.judge(rows["gateway"], rows["peer"])
    reply, bare = by_name.get("reply"), by_name.get("bare")
    if reply is not None and bare is not None:
        ratio = reply.result.requests_per_s / max(bare.result.requests_per_s, 1e-9)
        found["reply"] = REPLY_GOAL.judge(ratio, reply.result.latency_ms["p99"])
    if found:
        found["loadavg"] = [round(x, 2) for x in os.getloadavg()]
    return found or None


LABELS = {"bare": "bare aiohttp answering `success`", "peer": "hand-glued peer", "gateway": "our gateway"}


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def comparison_lines(c: dict[str, Any]) -> list[str]:
    """The issue's table (markdown), the three verdicts against the peer and the reply-path verdict."""
    lines = [f"ingest comparison (one run; load average {' '.join(f'{x:.2f}' for x in c['loadavg'])}):"]
    if "rows" in c:
        lines += [
            "| server | req/s | p50 ms | p99 ms | CPU µs per callback (server process) | server cores used |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for name, r in c["rows"].items():
            lines.append(
                f"| {LABELS[name]} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
                f"| {r['cpu_us_per_request']:.0f} | {r['cores']:.2f} |"
            )
        peer, gateway = c["rows"]["peer"], c["rows"]["gateway"]
        lines.append(
            f"RabbitMQ CPU per callback: peer {peer['broker_cpu_us']:.0f} µs, "
            f"gateway {gateway['broker_cpu_us']:.0f} µs; "
            f"machine busy: peer {peer['machine_busy_pct']:.0f}%, gateway {gateway['machine_busy_pct']:.0f}%"
        )
        v = c["against_peer"]
        lines += [
            f"gateway req/s = {v['rate_ratio']:.2f} × peer (goal ≥ {v['rate_goal']:.1f}: {_verdict(v['rate_met'])})",
            f"gateway p99 = {v['p99_ratio']:.2f} × peer's (goal ≤ {v['p99_goal']:.1f}: {_verdict(v['p99_met'])})",
            f"gateway CPU/callback = {v['cpu_ratio']:.2f} × peer's (goal ≤ {v['cpu_goal']:.1f}: "
            f"{_verdict(v['cpu_met'])})",
        ]
    if "reply" in c:
        v = c["reply"]
        lines.append(
            f"reply path = {v['ratio']:.3f} × bare req/s (goal ≥ {v['ratio_goal']:.2f}: {_verdict(v['ratio_met'])}), "
            f"p99 {v['p99_ms']:.1f} ms (goal < {v['p99_goal_ms']:.0f} ms: {_verdict(v['p99_met'])})"
        )
    return lines
