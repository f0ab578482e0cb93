"""QR codes on the operator's side: scenes from the command line or a CSV, and the PNG of the URL WeChat returned."""

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import segno
from pydantic import ValidationError

from shared.wechat.models.qrcode import QrCodeRequest
from wxmp_cli.errors import CliError, ExitCode, validation_summary

SCALE, BORDER = 10, 4  # ~370 px for a WeChat URL; WeChat's own picture is 430 px
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def scene_of(text: str) -> int | str:
    """A numeric scene (QR_SCENE / QR_LIMIT_SCENE) for digits, a string scene otherwise."""
    return int(text) if text.isascii() and text.isdecimal() else text


def request(scene: str, *, permanent: bool = False, expire_seconds: int | None = None) -> QrCodeRequest:
    """The ``qrcode/create`` request, checked as WeChat checks it (``CliError`` otherwise)."""
    try:
        return QrCodeRequest(scene=scene_of(scene), permanent=permanent, expire_seconds=expire_seconds)
    except ValidationError as exc:
        raise CliError(f"scene {scene!r}: {validation_summary(exc)}", ExitCode.USAGE) from None


def qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m")


def write_png(url: str, path: Path) -> None:
    """A PNG of the code holding ``url``, written whole or not at all."""
    buffer = io.BytesIO()
    qr(url).save(buffer, kind="png", scale=SCALE, border=BORDER)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, path)


def terminal_lines(url: str) -> str:
    """The code drawn with block characters, for ``--print``."""
    buffer = io.StringIO()
    qr(url).terminal(out=buffer, compact=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class Row:
    scene: str
    request: QrCodeRequest
    filename: str


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "y", "permanent"}


def read_batch(path: Path) -> list[Row]:
    """A campaign CSV: a header with ``scene`` and optionally ``expire_seconds``, ``permanent``, ``filename``.

    Every row is checked before any code is made; a file name is unique and safe to write."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text", ExitCode.USAGE) from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "scene" not in reader.fieldnames:
        raise CliError(f"{path}: the first row is a header naming at least a scene column", ExitCode.USAGE)
    rows: list[Row] = []
    names: set[str] = set()
    for line, record in enumerate(reader, start=2):
        scene = (record.get("scene") or "").strip()
        expire = (record.get("expire_seconds") or "").strip()
        if expire and not expire.isdecimal():
            raise CliError(f"{path} line {line}: expire_seconds is a number of seconds", ExitCode.USAGE)
        try:
            checked = request(
                scene, permanent=_flag(record.get("permanent")), expire_seconds=int(expire) if expire else None
            )
        except CliError as exc:
            raise CliError(f"{path} line {line}: {exc.message}", ExitCode.USAGE) from None
        stem = _UNSAFE.sub("_", (record.get("filename") or "").strip() or scene).strip("._") or f"row{line}"
        name = stem if stem.lower().endswith(".png") else f"{stem}.png"
        if name in names:
            raise CliError(f"{path} line {line}: {name} is written by an earlier row too", ExitCode.USAGE)
        names.add(name)
        rows.append(Row(scene, checked, name))
    if not rows:
        raise CliError(f"{path} has no rows under its header", ExitCode.USAGE)
    return rows
