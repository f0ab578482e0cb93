"""Two wrk runs side by side: a scenario and its baseline loaded at the same time, each on its own
connections, so that whatever else the machine does at that moment weighs on both alike (and any
reference runs beside them, e.g. the least any server could do in the scenario's place).

For small differences at low load (the latency a proxy adds to a call): two runs one after the
other on a shared, noisy machine differ by more than what is measured.
"""

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from bench.load import WrkResult, run_wrk
from bench.measure import Measurement, RunConfig
from bench.servers import ServerProcess
from bench.sysstat import MachineCpu


@dataclass(frozen=True)
class Side:
    """One of the two: where wrk sends ``line`` (every request the same), with ``wrk_env``."""

    url: str
    line: str
    wrk_env: Mapping[str, str]


@dataclass(kw_only=True)
class PairedMeasurement(Measurement):
    """The scenario's run (the table's row) and its baseline's, measured at the same time."""

    baseline_label: str
    baseline: WrkResult
    references: dict[str, WrkResult] = field(default_factory=dict)  # by label

    def to_json(self) -> dict[str, Any]:
        references = {label: run.to_json() for label, run in self.references.items()}
        baseline = {"label": self.baseline_label, **self.baseline.to_json()}
        return {**super().to_json(), "baseline": baseline, **({"references": references} if references else {})}


# Lines per second of a run in each request file: more than one connection gets through (a
# file that runs out wraps around, which for these repeated reads measures the same thing).
LINES_PER_S = 5_000


def _all(cfg: RunConfig, sides: Sequence[Side], duration: int, stem: str) -> list[WrkResult]:
    files = [cfg.workdir / f"{stem}-{i}.txt" for i in range(len(sides))]
    for path, side in zip(files, sides, strict=True):
        path.write_text(side.line * (LINES_PER_S * duration + cfg.connections), encoding="utf-8")
    with ThreadPoolExecutor(len(sides)) as pool:
        runs = [
            pool.submit(run_wrk, side.url, path, duration=duration, connections=cfg.connections,
                        threads=cfg.threads, env=side.wrk_env)
            for path, side in zip(files, sides, strict=True)
        ]  # fmt: skip
        results = [run.result() for run in runs]
    for path in files:
        path.unlink()
    return results


def measure_side_by_side(
    scenario: str,
    label: str,
    server: ServerProcess,
    sides: tuple[Side, Side],
    baseline_label: str,
    cfg: RunConfig,
    references: Mapping[str, Side] | None = None,
) -> PairedMeasurement:
    """Warm up, then run ``sides[0]`` (served by ``server``, whose CPU time is read), ``sides[1]``
    (the baseline) and the ``references`` (by label) for ``cfg.duration`` seconds, all at once and
    each at ``cfg.connections`` connections."""
    references = references or {}
    every = [*sides, *references.values()]
    warmup = _all(cfg, every, cfg.warmup, f"{scenario}-warmup")[0]
    machine_before, cpu_before = MachineCpu.read(), server.cpu_seconds()
    measured, baseline, *others = _all(cfg, every, cfg.duration, f"{scenario}-run")
    cpu_after = server.cpu_seconds()
    busy, steal = MachineCpu.read().since(machine_before)
    m = PairedMeasurement(
        scenario=scenario,
        label=label,
        result=measured,
        warmup=warmup,
        server_cpu_s=cpu_after - cpu_before,
        machine_busy_pct=busy,
        machine_steal_pct=steal,
        infra_cpu_s={},
        requests_prepared=measured.sent,
        baseline_label=baseline_label,
        baseline=baseline,
        references=dict(zip(references, others, strict=True)),
    )
    for name, run in (("warm-up", warmup), ("measured run", measured), ("baseline", baseline), *m.references.items()):
        errors = {k: v for k, v in run.socket_errors.items() if v and k != "status"}
        if errors:
            m.notes.append(f"{name}: wrk socket errors {errors}")
    return m
