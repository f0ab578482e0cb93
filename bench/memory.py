"""A process's resident memory from /proc: now (VmRSS), its peak (VmHWM), and a sampler for a window.

The kernel keeps the peak exactly; writing ``5`` to ``/proc/<pid>/clear_refs`` starts it over
(Linux ≥ 4.0, the process's owner or root), so the peak read afterwards is the window's alone.
Where that is refused, the peak is the process's over its whole life (never lower than the
window's), and the sampler's maximum, read every few milliseconds, is the window's.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.sysstat import PeriodicSampler
from bench.throughput import Throughput

MIB = 1024 * 1024


def status_kib(pid: int, field: str) -> int:
    """A ``kB`` field of ``/proc/<pid>/status`` (``VmRSS``, ``VmHWM``), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise ValueError(f"no {field} in /proc/{pid}/status")


def rss_bytes(pid: int) -> int:
    return 1024 * status_kib(pid, "VmRSS")


def peak_rss_bytes(pid: int) -> int:
    return 1024 * status_kib(pid, "VmHWM")


def reset_peak(pid: int) -> bool:
    """Start the kernel's peak RSS of ``pid`` over from its RSS now; False where that is refused."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class RssSampler(PeriodicSampler):
    """The largest RSS of ``pid`` seen every ``interval`` seconds while the ``with`` block runs."""

    def __init__(self, pid: int, interval: float = 0.005) -> None:
        super().__init__(interval)
        self.pid = pid
        self.samples = 0
        self.max_bytes = 0

    def sample(self) -> None:
        try:
            self.max_bytes = max(self.max_bytes, rss_bytes(self.pid))
        except (OSError, ValueError):  # the process is gone
            return
        self.samples += 1


@dataclass
class MemoryRun(Throughput):
    """A throughput run (e.g. uploads) that also watched one process's resident memory."""

    process: str = ""  # whose memory
    idle_rss_bytes: int = 0  # before the window
    peak_rss_bytes: int = 0  # the kernel's peak over the window (over the process's life if not reset)
    sampled_peak_bytes: int = 0  # the sampler's largest reading in the window
    peak_reset: bool = False  # whether the kernel's peak was started over at the window's start

    @property
    def peak_bytes(self) -> int:
        """The larger of the two peaks: the kernel syncs its RSS counters in steps, so a sample can pass it."""
        return max(self.peak_rss_bytes, self.sampled_peak_bytes)

    def rss_line(self) -> str:
        window = "the window" if self.peak_reset else "the process's life"
        return (
            f"{self.process} RSS: {self.idle_rss_bytes / MIB:.1f} MB before, peak {self.peak_rss_bytes / MIB:.1f} MB "
            f"(kernel, over {window}), {self.sampled_peak_bytes / MIB:.1f} MB (largest sample)"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **super().to_json(),
            "rss_mb": {
                "process": self.process,
                "idle": round(self.idle_rss_bytes / MIB, 1),
                "peak": round(self.peak_rss_bytes / MIB, 1),
                "sampled_peak": round(self.sampled_peak_bytes / MIB, 1),
                "peak_of": "the window" if self.peak_reset else "the process's life",
            },
        }
