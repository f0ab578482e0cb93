"""CPU accounting from /proc: one process's utime+stime, the whole machine's busy time."""

import contextlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

CLK_TCK = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` (all its threads), in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name may contain spaces or parentheses; the fields after it do not.
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def pids_named(*names: str) -> dict[str, list[int]]:
    """Running processes whose command name (``/proc/<pid>/comm``) is one of ``names``."""
    found: dict[str, list[int]] = {name: [] for name in names}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            comm = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if comm in found:
            found[comm].append(int(entry.name))
    return found


def fixed(pids: list[int]) -> Callable[[], list[int]]:
    """``pids`` as a ``CpuSampler`` group: the same processes at every sample."""
    return lambda: pids


def pids_cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):  # gone meanwhile
            total += process_cpu_seconds(pid)
    return total


@dataclass(frozen=True)
class MachineCpu:
    """Cumulative jiffies of all cores from the first line of /proc/stat."""

    busy: int
    steal: int
    total: int

    @classmethod
    def read(cls) -> "MachineCpu":
        values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        user, nice, system, idle, iowait, irq, softirq, steal = (values + [0] * 8)[:8]
        total = user + nice + system + idle + iowait + irq + softirq + steal
        return cls(busy=user + nice + system + irq + softirq, steal=steal, total=total)

    def since(self, earlier: "MachineCpu") -> tuple[float, float]:
        """(busy %, steal %) of all cores between ``earlier`` and this reading."""
        total = max(self.total - earlier.total, 1)
        return 100.0 * (self.busy - earlier.busy) / total, 100.0 * (self.steal - earlier.steal) / total


@dataclass(frozen=True)
class CpuSample:
    wall: float  # time.time(), the clock the fake WeChat stamps its records with
    seconds: dict[str, float]  # cumulative CPU seconds per tracked name
    machine: MachineCpu


class PeriodicSampler:
    """Calls ``sample()`` on entering, every ``interval`` seconds in a thread, and on leaving a ``with`` block."""

    def __init__(self, interval: float) -> None:
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self) -> object:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.sample()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()


class CpuSampler(PeriodicSampler):
    """Cumulative CPU time of named groups of processes, read every ``interval`` seconds in a thread.

    For runs whose window is only known afterwards (e.g. from the first to the last send the
    fake WeChat recorded): ``between(start, end)`` interpolates each group's CPU time and the
    machine's busy/steal share over exactly that window. Groups whose processes are gone
    keep their last reading."""

    def __init__(self, interval: float = 0.05) -> None:
        super().__init__(interval)
        self._groups: dict[str, Callable[[], list[int]]] = {}
        self._samples: list[CpuSample] = []
        self._last: dict[str, float] = {}

    def track(self, name: str, pids: Callable[[], list[int]]) -> None:
        """Follow ``name``: ``pids()`` lists its processes now (called at each sample; [] while not running)."""
        self._groups[name] = pids

    def sample(self) -> CpuSample:
        seconds: dict[str, float] = {}
        for name, pids in self._groups.items():
            try:
                current = pids()
            except Exception:  # the server is not (or no longer) running
                current = []
            value = pids_cpu_seconds(current) if current else 0.0
            # A process that exited (or has not started) keeps the group's last reading.
            seconds[name] = max(value, self._last.get(name, 0.0)) if current else self._last.get(name, 0.0)
            self._last[name] = seconds[name]
        taken = CpuSample(time.time(), seconds, MachineCpu.read())
        self._samples.append(taken)
        return taken

    def _at(self, wall: float) -> tuple[dict[str, float], float, float, float]:
        """Each group's CPU seconds and the machine's (busy, steal, total) jiffies at ``wall``, interpolated."""
        samples = self._samples
        if not samples:
            raise ValueError("no samples taken")
        after = next((i for i, s in enumerate(samples) if s.wall >= wall), len(samples) - 1)
        before = max(after - 1, 0)
        a, b = samples[before], samples[after]
        span = b.wall - a.wall
        f = min(max((wall - a.wall) / span, 0.0), 1.0) if span > 0 else 1.0

        def mix(x: float, y: float) -> float:
            return x + f * (y - x)

        seconds = {name: mix(a.seconds.get(name, 0.0), b.seconds.get(name, 0.0)) for name in b.seconds}
        return (
            seconds,
            mix(a.machine.busy, b.machine.busy),
            mix(a.machine.steal, b.machine.steal),
            mix(a.machine.total, b.machine.total),
        )

    def between(self, start: float, end: float) -> tuple[dict[str, float], float, float]:
        """CPU seconds per group between wall times ``start`` and ``end``, and the machine's busy % and steal %."""
        s0, busy0, steal0, total0 = self._at(start)
        s1, busy1, steal1, total1 = self._at(end)
        total = max(total1 - total0, 1e-9)
        cpu = {name: max(s1.get(name, 0.0) - s0.get(name, 0.0), 0.0) for name in s1}
        return cpu, 100.0 * (busy1 - busy0) / total, 100.0 * (steal1 - steal0) / total
