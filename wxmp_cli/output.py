"""What a command shows: JSON with ``--json``, tables and lines otherwise; progress and prompts on a terminal only.

Results go to stdout, everything else (progress, notes, errors) to stderr, so ``wxmp … --json | jq``
always reads clean JSON.
"""

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

import typer
from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from wxmp_cli.errors import CliError, ExitCode


class Tracker(Protocol):
    def advance(self, count: int = 1) -> None: ...

    def total(self, total: int | None) -> None: ...


class Output:
    def __init__(self, json_mode: bool) -> None:
        self.json_mode = json_mode
        self.console = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)

    def result(self, data: Any, human: Callable[[], None] | None = None) -> None:
        """``data`` as JSON with --json; otherwise what ``human`` prints (JSON as well without it)."""
        if self.json_mode or human is None:
            self.print_json(data)
        else:
            human()

    def print_json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()

    def line(self, text: str) -> None:
        self.console.print(text, markup=False, soft_wrap=True)

    def lines(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.line(text)

    def show(self, renderable: RenderableType) -> None:
        self.console.print(renderable)

    def note(self, text: str) -> None:
        """A remark for the operator (stderr)."""
        self.err.print(text, markup=False, soft_wrap=True)

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
        table = Table(*columns, title=title, show_edge=False, header_style="bold")
        for row in rows:
            table.add_row(*("" if cell is None else str(cell) for cell in row))
        self.console.print(table)

    def confirm(self, question: str, *, yes: bool) -> None:
        """Go on only with --yes or the operator's "y"; without a terminal to ask on, refuse."""
        if yes:
            return
        if not sys.stdin.isatty():
            raise CliError(f"{question.rstrip('?')}: add --yes to confirm (no terminal to ask on)", ExitCode.USAGE)
        if not typer.confirm(question, default=False, err=True):
            raise CliError("cancelled: nothing was changed", ExitCode.FAILED)

    @contextmanager
    def progress(self, description: str, total: int | None = None) -> Iterator[Tracker]:
        """A progress bar on a terminal (stderr); plain lines at each tenth otherwise."""
        if self.err.is_terminal:
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
            with Progress(*columns, console=self.err, transient=False) as bar:
                yield _BarTracker(bar, bar.add_task(description, total=total))
        else:
            tracker = _PlainTracker(self.err, description, total)
            yield tracker
            tracker.finish()


class _BarTracker:
    def __init__(self, bar: Progress, task: Any) -> None:
        self._bar = bar
        self._task = task

    def advance(self, count: int = 1) -> None:
        self._bar.advance(self._task, count)

    def total(self, total: int | None) -> None:
        self._bar.update(self._task, total=total)


class _PlainTracker:
    def __init__(self, err: Console, description: str, total: int | None) -> None:
        self._err = err
        self._description = description
        self._total = total
        self._done = 0
        self._shown = -1

    def advance(self, count: int = 1) -> None:
        self._done += count
        if self._total:
            step = min(10, self._done * 10 // self._total)
            if step > self._shown and step < 10:
                self._shown = step
                self._say()

    def total(self, total: int | None) -> None:
        self._total = total

    def finish(self) -> None:
        self._say()

    def _say(self) -> None:
        of = f"/{self._total}" if self._total is not None else ""
        self._err.print(f"{self._description}: {self._done}{of}", markup=False, soft_wrap=True)
