"""A throughput result: how many units of work (e.g. sends) a server finished in a window, at what CPU cost.

For scenarios that drain a backlog rather than answer wrk's requests (the
notifier): no request latency table row, but a rate, the CPU time of every
process involved per unit, and checks, printed in their own section and
written to the JSON next to the wrk scenarios.
"""

import os
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Throughput:
    scenario: str
    label: str
    unit: str  # what is counted, plural ("sends")
    server: str  # the measured process: its CPU time is ``cpu_s[server]``
    count: int  # units finished in the window
    duration_s: float  # the window
    cpu_s: dict[str, float]  # CPU seconds in the window: the server, its companions, RabbitMQ, Redis
    machine_busy_pct: float
    machine_steal_pct: float
    latency_ms: dict[str, float] | None = None  # p50, p99 (and what they measure, in ``latency_label``)
    latency_label: str = ""
    notes: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def per_s(self) -> float:
        return self.count / max(self.duration_s, 1e-9)

    def cpu_us_per_unit(self) -> dict[str, float]:
        return {name: round(1e6 * s / max(self.count, 1), 1) for name, s in self.cpu_s.items()}

    def cpu_pct_of_core(self) -> dict[str, float]:
        return {name: round(100 * s / max(self.duration_s, 1e-9), 1) for name, s in self.cpu_s.items()}

    def untracked_pct_of_core(self) -> float:
        """What the machine was busy with beyond the tracked processes (the harness, anything else
        running on the box), in % of one core: a large figure means a noisy run."""
        busy = self.machine_busy_pct * (os.cpu_count() or 1)
        return round(max(busy - sum(self.cpu_pct_of_core().values()), 0.0), 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "unit": self.unit,
            f"{self.unit}_per_s": round(self.per_s, 1),
            self.unit: self.count,
            "duration_s": round(self.duration_s, 3),
            f"cpu_us_per_{self.unit.removesuffix('s')}": self.cpu_us_per_unit(),
            "cpu_pct_of_core": self.cpu_pct_of_core(),
            "cpu_s": {name: round(s, 3) for name, s in self.cpu_s.items()},
            "machine_busy_pct": round(self.machine_busy_pct, 1),
            "untracked_cpu_pct_of_core": self.untracked_pct_of_core(),
            "machine_steal_pct": round(self.machine_steal_pct, 1),
            "latency_ms": self.latency_ms,
            "latency": self.latency_label or None,
            "checks": self.checks,
            "notes": self.notes,
            **self.extra,
        }
