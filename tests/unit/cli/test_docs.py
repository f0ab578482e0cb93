"""docs/cli.md is generated from the commands' help: every command there, with examples, and up to date."""

from pathlib import Path

import typer.main

from wxmp_cli.docs import commands, render
from wxmp_cli.main import app

CLI_DOCS = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def test_shipped_page_is_up_to_date() -> None:
    assert CLI_DOCS.read_text(encoding="utf-8") == render(), "docs/cli.md is stale: run `make docs-cli`"


def test_every_command_has_help_and_an_example_on_the_page() -> None:
    page = render()
    listed = commands(typer.main.get_command(app))
    assert len(listed) >= 35
    for path, command in listed:
        assert command.help, f"{path} has no help"
        assert command.callback.examples, f"{path} has no example"
        assert f"### `{path}`" in page
        assert all(example.startswith("wxmp ") for example in command.callback.examples)


def test_the_commands_the_issue_names_exist() -> None:
    paths = {path for path, _ in commands(typer.main.get_command(app))}
    wanted = {
        "apps", "token show", "token refresh", "menu get", "menu apply", "menu delete", "menu try-match",
        "qrcode create", "qrcode batch", "users export", "users info", "tags list", "tags create", "tags delete",
        "tags add", "tags remove", "blacklist list", "blacklist add", "blacklist remove", "media upload",
        "material list", "material count", "material delete", "draft add", "publish", "mass send", "template list",
        "template send", "kf list", "kf add", "stats", "quota", "callback send", "check",
    }  # fmt: skip
    assert {f"wxmp {name}" for name in wanted} <= paths
