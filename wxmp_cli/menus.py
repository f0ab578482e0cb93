"""Menu files and the readable difference between two menus (pure: no I/O beyond reading the file)."""

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shared.wechat.models.menu import Menu
from wxmp_cli.errors import CliError, ExitCode, validation_summary

_ACTION_FIELDS = ("key", "url", "media_id", "article_id", "appid", "pagepath")


def read_menu(path: Path) -> Menu:
    """A menu file (YAML or JSON, ``menu/create``'s shape or ``menu/get``'s answer), checked against WeChat's rules."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CliError(f"{path} is neither YAML nor JSON{where}", ExitCode.USAGE) from None
    if isinstance(data, dict) and "button" not in data and isinstance(data.get("menu"), dict):
        data = data["menu"]  # what `wxmp menu get` printed
    if not isinstance(data, dict):
        raise CliError(f"{path}: a menu is an object with a button list", ExitCode.USAGE)
    try:
        return Menu.model_validate(_without_empty_groups(data))
    except ValidationError as exc:
        raise CliError(f"{path}: {validation_summary(exc)}", ExitCode.USAGE) from None


def _without_empty_groups(data: dict[str, Any]) -> dict[str, Any]:
    """``menu/get`` gives every action button an empty ``sub_button``; a file may keep them."""
    cleaned = {key: value for key, value in data.items() if key != "menuid"}
    buttons = data.get("button")
    if isinstance(buttons, list):
        cleaned["button"] = [_button(button) for button in buttons]
    return cleaned


def _button(button: Any) -> Any:
    if not isinstance(button, dict):
        return button
    if button.get("sub_button") == []:
        return {key: value for key, value in button.items() if key != "sub_button"}
    if isinstance(button.get("sub_button"), list):
        return {**button, "sub_button": [_button(child) for child in button["sub_button"]]}
    return button


def outline(buttons: list[dict[str, Any]] | None) -> list[str]:
    """A menu as lines, one a button, sub-buttons indented under their group."""
    lines: list[str] = []
    for index, button in enumerate(buttons or [], 1):
        lines.append(_line(f"{index}", button))
        for sub_index, child in enumerate(button.get("sub_button") or [], 1):
            lines.append("    " + _line(f"{index}.{sub_index}", child))
    return lines


def _line(number: str, button: dict[str, Any]) -> str:
    name = button.get("name", "")
    if button.get("sub_button"):
        return f"{number} {name}"
    action = ", ".join(f"{field}={button[field]}" for field in _ACTION_FIELDS if button.get(field))
    return f"{number} {name} [{button.get('type')}{': ' + action if action else ''}]"


def difference(current: list[dict[str, Any]] | None, new: list[dict[str, Any]], *, new_name: str) -> list[str]:
    """A unified diff of the outlines (empty when the menus are the same)."""
    return list(difflib.unified_diff(outline(current), outline(new), "menu on WeChat", new_name, lineterm="", n=10))


def current_buttons(answer: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The default menu's buttons in a ``menu/get`` answer."""
    menu = answer.get("menu")
    return menu.get("button") if isinstance(menu, dict) else None
