"""CPU accounting from /proc: one process's utime+stime, the whole machine's busy time."""

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

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
