"""Time for the fake: the real clock (movable forward by the control API) or a manual one for tests."""

import time
from typing import Protocol


class Clock(Protocol):
    def time(self) -> float:
        """Wall-clock unix seconds: token expiry, quota days."""
        ...

    def monotonic(self) -> float:
        """Monotonic seconds: when a send was recorded, for ordering and rate measurements."""
        ...

    def advance(self, seconds: float) -> None:
        """Move both readings forward (time travel for expiry and grace periods)."""
        ...


def _forward(seconds: float) -> float:
    if seconds < 0:
        raise ValueError("a clock only moves forward")
    return seconds


class SystemClock:
    """The process clock plus an offset that ``POST /_control/clock`` moves forward."""

    def __init__(self) -> None:
        self._offset = 0.0

    def time(self) -> float:
        return time.time() + self._offset

    def monotonic(self) -> float:
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        self._offset += _forward(seconds)


class ManualClock:
    """A clock that stands still until told to move: time travel without sleeping."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._wall = start
        self._monotonic = 1_000.0

    def time(self) -> float:
        return self._wall

    def monotonic(self) -> float:
        return self._monotonic

    def advance(self, seconds: float) -> None:
        self._wall += _forward(seconds)
        self._monotonic += seconds
