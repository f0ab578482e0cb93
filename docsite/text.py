"""What the code cannot say in Chinese (and, where it has no comment, in English): ``docsite/text.yaml``,
read by the generated pages. A setting or metric without its text makes the build warn."""

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEXT_FILE = Path(__file__).with_name("text.yaml")


@cache
def load() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(TEXT_FILE.read_text(encoding="utf-8"))
    return loaded


def _pick(entry: Any, lang: str) -> str | None:
    if isinstance(entry, dict):
        value = entry.get(lang)
        return str(value) if value else None
    return str(entry) if entry and lang == "zh" else None


def setting_text(lang: str, scope: str, variable: str) -> str | None:
    """``settings.{scope}.{VARIABLE}``: ``{zh: …, en: …}`` (``en`` only where the code has no comment)."""
    return _pick(load()["settings"].get(scope, {}).get(variable), lang)


def metric_text(lang: str, name: str) -> str | None:
    return _pick(load()["metrics"].get(name), lang)


def event_title(lang: str, key: str) -> str:
    """``message.text`` → 文本消息 (Chinese pages only: the English ones name the type alone)."""
    return _pick(load()["events"].get(key), lang) or ""
