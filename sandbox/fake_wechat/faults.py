"""What tests inject into the API: the next N calls of a path failing, latency, and the call counts."""

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Fault:
    """Answer the next ``remaining`` calls with ``errcode``/``errmsg`` (HTTP 200), with HTTP ``status``, or (``drop``)
    not at all."""

    remaining: int
    errcode: int = -1
    errmsg: str = "system error"
    status: int | None = None
    app_id: str | None = None  # None: calls of every app
    drop: bool = False  # the call is processed, but its answer never comes: the connection closes instead
    hold_ms: float = 0  # with ``drop``: how long the fake holds the connection first (a client's timeout)

    def describe(self) -> dict[str, Any]:
        return {
            "remaining": self.remaining,
            "errcode": self.errcode,
            "errmsg": self.errmsg,
            "status": self.status,
            "app_id": self.app_id,
            "drop": self.drop,
            "hold_ms": self.hold_ms,
        }


class Faults:
    def __init__(self, latency_ms: float = 0) -> None:
        self._pending: dict[str, list[Fault]] = {}
        self._latency_ms: float = latency_ms
        self._latency_ms_by_path: dict[str, float] = {}

    def add(self, path: str, fault: Fault) -> None:
        self._pending.setdefault(path, []).append(fault)

    def take(self, path: str, app_id: str | None) -> Fault | None:
        """The fault this call answers with, if one is pending for its path (and app); used up in order."""
        pending = self._pending.get(path)
        if not pending:
            return None
        for index, fault in enumerate(pending):
            if fault.app_id is None or fault.app_id == app_id:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    del pending[index]
                return fault
        return None

    def set_latency(self, ms: float, path: str | None = None) -> None:
        if path is None:
            self._latency_ms = ms
        elif ms > 0:
            self._latency_ms_by_path[path] = ms
        else:
            self._latency_ms_by_path.pop(path, None)

    def latency_seconds(self, path: str) -> float:
        """A path's own latency if it has one, else the global one."""
        return self._latency_ms_by_path.get(path, self._latency_ms) / 1000

    def describe(self) -> dict[str, Any]:
        return {
            "pending": {path: [f.describe() for f in faults] for path, faults in self._pending.items() if faults},
            "latency_ms": self._latency_ms,
            "latency_ms_by_path": dict(self._latency_ms_by_path),
        }


class CallCounter:
    """Calls per API path and app, e.g. ``{"/cgi-bin/token": {"wx1": 3}}``."""

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}

    def record(self, path: str, app_id: str) -> None:
        by_app = self._counts.setdefault(path, {})
        by_app[app_id] = by_app.get(app_id, 0) + 1

    def snapshot(self) -> dict[str, dict[str, int]]:
        return {path: dict(by_app) for path, by_app in self._counts.items()}
