"""The dispatcher's current auto-reply rules, re-read when the file changes.

A bad rules file at start is fatal (``RulesHolder`` raises ``RulesError``); a bad file later is
logged and the last good rules stay in force until the file is fixed.
"""

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import structlog

from services.dispatcher.rules import RulesError, RuleSet

log = structlog.get_logger(__name__)

# What tells a changed file: inode (an editor's or a ConfigMap's atomic replace), mtime and size.
_Stamp = tuple[int, int, int] | None


def _stamp(path: Path) -> _Stamp:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class RulesHolder:
    """The rules in force; ``RulesHolder(None)`` (no file configured) holds no rules."""

    def __init__(self, path: Path | str | None) -> None:
        self._path = Path(path) if path is not None else None
        self._rules = RuleSet()
        self._seen: _Stamp = None
        self.failed_reloads = 0  # since start, for the operators' metric
        if self._path is not None:
            self._seen = _stamp(self._path)
            self._rules = RuleSet.load(self._path)
            log.info("rules_loaded", path=str(self._path), count=len(self._rules))

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def rules(self) -> RuleSet:
        return self._rules

    def changed(self) -> bool:
        """Whether the file differs from the one last read (by inode, mtime and size)."""
        return self._path is not None and _stamp(self._path) != self._seen

    def reload(self) -> bool:
        """Re-read the file: True when its rules are now in force; False (logged) when the file
        is unusable and the last good rules stay. Without a file there is nothing to do (True)."""
        if self._path is None:
            return True
        # Stamped before reading: a write that lands during the read is seen on the next poll.
        self._seen = _stamp(self._path)
        try:
            rules = RuleSet.load(self._path)
        except RulesError as exc:
            self.failed_reloads += 1
            log.warning("rules_reload_failed", path=str(self._path), error=str(exc), kept=len(self._rules))
            return False
        self._rules = rules
        log.info("rules_reloaded", path=str(self._path), count=len(rules))
        return True


async def watch(
    holder: RulesHolder,
    interval: float = 2.0,
    *,
    stopping: asyncio.Event,
    on_reload: Callable[[RulesHolder], None] | None = None,
) -> None:
    """Poll the rules file every ``interval`` seconds and reload it when it changed, until
    ``stopping`` is set; ``on_reload`` runs after each reload, good or failed (e.g. to set gauges).
    Returns at once when the holder has no file."""
    if holder.path is None:
        return
    while not stopping.is_set():
        try:
            await asyncio.wait_for(stopping.wait(), interval)
        except TimeoutError:
            pass
        else:
            return
        if holder.changed():
            holder.reload()
            if on_reload is not None:
                on_reload(holder)
