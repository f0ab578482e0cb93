"""``wxmp users``: every follower to a file (resumable), one follower's profile, remarks."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from shared.wechat.api.paging import chunked
from shared.wechat.models.users import PROFILES_PER_CALL
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.export import Export, ExportState, Format, render

app = typer.Typer(help="Followers: export them all, look one up, set a remark.", no_args_is_help=True)


@command(
    app,
    "export",
    examples=[
        "wxmp users export --output followers.jsonl",
        "wxmp users export --output followers.csv --format csv --with-info",
    ],
)
async def export(
    cli: Cli,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (FILE.part until it is complete).")],
    fmt: Annotated[
        Format, typer.Option("--format", help="jsonl: one object a line; csv: a header row, then one a row.")
    ] = Format.JSONL,
    with_info: Annotated[
        bool, typer.Option("--with-info", help="Each follower's profile too (user/info/batchget, 100 a call).")
    ] = False,
    restart: Annotated[
        bool, typer.Option("--restart", help="Drop an unfinished export of FILE and start over.")
    ] = False,
) -> None:
    """Write every follower's openid (every page of next_openid) to OUTPUT.

    Interrupted (Ctrl-C, a lost connection), the same command again goes on where it stopped:
    FILE.export.json beside the output keeps the cursor. OUTPUT appears only when complete."""
    job = Export(output)
    state = job.begin(ExportState(app_id=cli.app_id, format=fmt, with_info=with_info), restart=restart)
    users = cli.api().users
    try:
        with cli.out.progress("followers", total=state.total) as progress:
            progress.advance(state.written)
            while True:
                page = await users.page(state.cursor)
                if page.total is not None and page.total != state.total:
                    state.total = page.total
                    progress.total(page.total)
                todo = page.openids[state.done_in_page :]
                if with_info:
                    for batch in chunked(todo, PROFILES_PER_CALL):
                        profiles = await users.info_batch(batch)
                        job.append(state, render(profiles, fmt, True), records=len(batch))
                        progress.advance(len(batch))
                elif todo:
                    job.append(state, render(({"openid": openid} for openid in todo), fmt, False), records=len(todo))
                    progress.advance(len(todo))
                if _last(page.openids, page.next_openid, state):
                    break
                job.next_page(state, page.next_openid)
    except asyncio.CancelledError:
        raise CliError(
            f"interrupted with {state.written} followers written: run the same command again to go on",
            ExitCode.INTERRUPTED,
        ) from None
    job.finish()
    cli.out.result(
        {"output": str(output), "followers": state.written, "format": fmt.value, "with_info": with_info},
        lambda: cli.out.line(f"{state.written} followers written to {output}"),
    )


def _last(openids: list[str], next_openid: str, state: ExportState) -> bool:
    """The paging's end as ``cursor_items`` sees it: an empty page, no cursor or the same one, or all seen."""
    if not openids or not next_openid or next_openid == state.cursor:
        return True
    return state.total is not None and state.written >= state.total


@command(app, "info", examples=["wxmp users info oFollower1"])
async def info(cli: Cli, openid: Annotated[str, typer.Argument(help="The follower's openid.")]) -> None:
    """One follower's profile (subscribe 0: not a follower)."""
    profile = await cli.api().users.info(openid)

    def show() -> None:
        cli.out.table(["field", "value"], [[key, value] for key, value in profile.items()])

    cli.out.result(profile, show)


@command(app, "remark", examples=['wxmp users remark oFollower1 "VIP since 2024"'])
async def remark(
    cli: Cli,
    openid: Annotated[str, typer.Argument(help="The follower's openid.")],
    text: Annotated[str, typer.Argument(help="The remark, under 30 bytes ('' clears it).")],
) -> None:
    """Set the remark the account keeps for a follower."""
    await cli.api().users.update_remark(openid, text)
    cli.out.result({"openid": openid, "remark": text}, lambda: cli.out.line(f"remark of {openid} set"))
