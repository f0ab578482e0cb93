"""A follower export that survives Ctrl-C: records go to ``FILE.part``, the cursor to ``FILE.export.json``.

After every write the part file is flushed to disk first and the state (the ``next_openid`` the
current page was asked with, how many of that page are written, and the part's size that holds
them) is replaced atomically second. A rerun of the same command truncates the part to that size
(dropping a half-written batch) and goes on from the cursor; only a finished export is renamed
to ``FILE``, so ``FILE`` is never a partial or corrupt file.
"""

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from wxmp_cli.errors import CliError, ExitCode


class Format(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


INFO_COLUMNS = (
    "openid", "subscribe", "subscribe_time", "language", "unionid", "remark", "groupid", "tagid_list",
    "subscribe_scene", "qr_scene", "qr_scene_str",
)  # fmt: skip


@dataclass
class ExportState:
    app_id: str
    format: Format
    with_info: bool
    cursor: str = ""  # the next_openid the current page is asked with ('' for the first)
    done_in_page: int = 0  # of that page's openids, how many are written
    written: int = 0  # records in the part file
    size: int = 0  # bytes of the part file that hold them
    total: int | None = None  # followers, as WeChat last said


def render(records: Iterable[Mapping[str, Any]], fmt: Format, with_info: bool) -> bytes:
    """Records as lines of the output (jsonl: one object a line; csv: one row a record, no header)."""
    if fmt is Format.JSONL:
        return "".join(json.dumps(dict(record), ensure_ascii=False) + "\n" for record in records).encode()
    columns = INFO_COLUMNS if with_info else ("openid",)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return buffer.getvalue().encode()


def header(fmt: Format, with_info: bool) -> bytes:
    if fmt is Format.JSONL:
        return b""
    return (",".join(INFO_COLUMNS if with_info else ("openid",)) + "\n").encode()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


class Export:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.part = output.with_name(output.name + ".part")
        self.state_path = output.with_name(output.name + ".export.json")

    def begin(self, fresh: ExportState, *, restart: bool) -> ExportState:
        """The state to go on from: the saved one when it is this export's, else ``fresh`` (an empty part)."""
        saved = None if restart else self._saved()
        if saved is not None:
            asked = (fresh.app_id, fresh.format, fresh.with_info)
            if (saved.app_id, saved.format, saved.with_info) != asked:
                raise CliError(
                    f"{self.part} is an unfinished export of {saved.app_id} as {saved.format}"
                    f"{' with info' if saved.with_info else ''}: run that again to finish it, or add --restart",
                    ExitCode.USAGE,
                )
            if not self.part.exists() or self.part.stat().st_size < saved.size:
                raise CliError(f"{self.part} is shorter than {self.state_path} says: add --restart", ExitCode.USAGE)
            with self.part.open("r+b") as part:
                part.truncate(saved.size)
            return saved
        self.output.parent.mkdir(parents=True, exist_ok=True)
        first = header(fresh.format, fresh.with_info)
        with self.part.open("wb") as part:
            part.write(first)
            _sync(part)
        fresh.size = len(first)
        self.save(fresh)
        return fresh

    def append(self, state: ExportState, data: bytes, *, records: int) -> None:
        """Write ``records`` (``data``) durably, then move the state past them."""
        with self.part.open("ab") as part:
            part.write(data)
            _sync(part)
        state.written += records
        state.done_in_page += records
        state.size += len(data)
        self.save(state)

    def next_page(self, state: ExportState, cursor: str) -> None:
        state.cursor, state.done_in_page = cursor, 0
        self.save(state)

    def save(self, state: ExportState) -> None:
        temporary = self.state_path.with_name(self.state_path.name + ".tmp")
        temporary.write_text(json.dumps(asdict(state)), encoding="utf-8")
        os.replace(temporary, self.state_path)

    def finish(self) -> None:
        os.replace(self.part, self.output)
        self.state_path.unlink(missing_ok=True)

    def _saved(self) -> ExportState | None:
        try:
            saved = json.loads(self.state_path.read_text(encoding="utf-8"))
            return ExportState(**{**saved, "format": Format(saved["format"])})
        except FileNotFoundError:
            return None
        except (ValueError, TypeError, KeyError):
            raise CliError(f"{self.state_path} is not an export state: add --restart", ExitCode.USAGE) from None


def _sync(file: io.BufferedIOBase) -> None:
    file.flush()
    os.fsync(file.fileno())
