"""``wxmp menu``: get, apply (with a readable --dry-run diff), delete, try-match; conditional menus too."""

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from shared.wechat.errors import WeChatError
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.menus import current_buttons, difference, outline, read_menu

app = typer.Typer(help="The account's custom menu: the default one and conditional menus.", no_args_is_help=True)

NO_MENU = 46003


async def _current(cli: Cli) -> dict[str, object]:
    try:
        return await cli.api().menu.get()
    except WeChatError as exc:
        if exc.errcode == NO_MENU:
            return {}
        raise


@command(app, "get", examples=["wxmp menu get --app wx1234 > menu.json"])
async def get(cli: Cli) -> None:
    """Print the current menu as JSON (WeChat's menu/get answer, conditional menus included)."""
    cli.out.print_json(await cli.api().menu.get())


@command(
    app,
    "apply",
    examples=[
        "wxmp menu apply menu.yaml --dry-run",
        "wxmp menu apply menu.yaml",
        "wxmp menu apply vip-menu.yaml --conditional",
    ],
)
async def apply(
    cli: Cli,
    file: Annotated[Path, typer.Argument(help="The menu: YAML or JSON in menu/create's shape (or menu get's output).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the difference to the current menu; send nothing.")
    ] = False,
    conditional: Annotated[
        bool, typer.Option("--conditional", help="Add it as a conditional menu (it has a matchrule).")
    ] = False,
) -> None:
    """Create the menu from FILE, checked against WeChat's rules before anything is sent."""
    menu = read_menu(file)
    if menu.matchrule is not None and not conditional:
        raise CliError(f"{file} has a matchrule: apply it with --conditional", ExitCode.USAGE)
    if conditional and menu.matchrule is None:
        raise CliError(f"{file} has no matchrule: a conditional menu needs one", ExitCode.USAGE)
    body = menu.body()
    if dry_run:
        current = await _current(cli)
        old = None if conditional else current_buttons(current)
        diff = difference(old, body["button"], new_name=str(file))
        cli.out.result(
            {"dry_run": True, "conditional": conditional, "changes": bool(diff), "diff": diff},
            lambda: _show_diff(cli, diff, conditional),
        )
        return
    api = cli.api()
    if conditional:
        menu_id = await api.menu.add_conditional(menu)
        cli.out.result({"menuid": menu_id}, lambda: cli.out.line(f"conditional menu {menu_id} added"))
    else:
        await api.menu.create(menu)
        cli.out.result({"created": True, "button": body["button"]}, lambda: cli.out.line(f"menu created from {file}"))


def _show_diff(cli: Cli, diff: list[str], conditional: bool) -> None:
    if not diff:
        cli.out.line("no change: the menu on WeChat is already this one")
        return
    if conditional:
        cli.out.line("adds a conditional menu:")
    for line in diff:
        style = (
            "green"
            if line.startswith("+")
            else "red"
            if line.startswith("-")
            else "dim"
            if line.startswith("@")
            else ""
        )
        cli.out.show(Text(line, style=style))
    cli.out.note("dry run: nothing was sent")


@command(app, "delete", examples=["wxmp menu delete --yes", "wxmp menu delete --conditional 208379534 --yes"])
async def delete(
    cli: Cli,
    conditional: Annotated[
        str | None, typer.Option("--conditional", metavar="MENUID", help="Delete only this conditional menu.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete the menu (and every conditional menu), or one conditional menu."""
    app_id = cli.app_id
    if conditional:
        cli.out.confirm(f"Delete conditional menu {conditional} of {app_id}?", yes=yes)
        await cli.api().menu.delete_conditional(conditional)
        cli.out.result({"deleted": conditional}, lambda: cli.out.line(f"conditional menu {conditional} deleted"))
        return
    cli.out.confirm(f"Delete the whole menu of {app_id}, conditional menus included?", yes=yes)
    await cli.api().menu.delete()
    cli.out.result({"deleted": "menu"}, lambda: cli.out.line(f"menu of {app_id} deleted"))


@command(app, "try-match", examples=["wxmp menu try-match oFollower1"])
async def try_match(cli: Cli, user: Annotated[str, typer.Argument(help="An openid or WeChat ID.")]) -> None:
    """Show the menu USER would see (conditional menus matched)."""
    answer = await cli.api().menu.try_match(user)

    def show() -> None:
        for line in outline(answer.get("button")):
            cli.out.line(line)

    cli.out.result(answer, show)
