"""``wxmp tags`` and ``wxmp blacklist``: tags and their followers, in WeChat's batches."""

from pathlib import Path
from typing import Annotated

import typer

from shared.wechat.api.tags import TagsApi
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.openids import read_openids

app = typer.Typer(help="Follower tags (用户标签).", no_args_is_help=True)
blacklist_app = typer.Typer(help="The account's blacklist.", no_args_is_help=True)

FileArgument = Annotated[Path, typer.Argument(help="Openids, one a line ('-' reads stdin).")]
TagArgument = Annotated[str, typer.Argument(help="The tag's id or name.")]


async def tag_id_of(tags: TagsApi, tag: str) -> int:
    if tag.isdecimal():
        return int(tag)
    matches = [known.id for known in await tags.list() if known.name == tag]
    if not matches:
        raise CliError(f"no tag named {tag!r} (wxmp tags list shows them)", ExitCode.USAGE)
    return matches[0]


@command(app, "list", examples=["wxmp tags list"])
async def list_tags(cli: Cli) -> None:
    """Every tag with its follower count."""
    tags = await cli.api().tags.list()
    rows = [tag.model_dump() for tag in tags]
    cli.out.result(
        {"tags": rows}, lambda: cli.out.table(["id", "name", "followers"], [[t.id, t.name, t.count] for t in tags])
    )


@command(app, "create", examples=["wxmp tags create VIP"])
async def create(cli: Cli, name: Annotated[str, typer.Argument(help="At most 30 bytes in UTF-8.")]) -> None:
    """Create a tag."""
    tag = await cli.api().tags.create(name)
    cli.out.result(tag.model_dump(exclude_none=True), lambda: cli.out.line(f"tag {tag.id} {tag.name!r} created"))


@command(app, "delete", examples=["wxmp tags delete VIP --yes"])
async def delete(
    cli: Cli, tag: TagArgument, yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False
) -> None:
    """Delete a tag (its followers lose it)."""
    tags = cli.api().tags
    tag_id = await tag_id_of(tags, tag)
    cli.out.confirm(f"Delete tag {tag_id} ({tag}) of {cli.app_id}?", yes=yes)
    await tags.delete(tag_id)
    cli.out.result({"deleted": tag_id}, lambda: cli.out.line(f"tag {tag_id} deleted"))


@command(app, "add", examples=["wxmp tags add VIP vip-openids.txt", "wxmp tags members VIP | wxmp tags add GOLD -"])
async def add(cli: Cli, tag: TagArgument, file: FileArgument) -> None:
    """Tag the followers listed in FILE (50 a call; every batch is checked before the first is sent)."""
    openids = read_openids(file)
    tags = cli.api().tags
    tag_id = await tag_id_of(tags, tag)
    await tags.tag(tag_id, openids)
    cli.out.result(
        {"tag": tag_id, "tagged": len(openids)}, lambda: cli.out.line(f"{len(openids)} followers tagged {tag_id}")
    )


@command(app, "remove", examples=["wxmp tags remove VIP former-vips.txt"])
async def remove(cli: Cli, tag: TagArgument, file: FileArgument) -> None:
    """Untag the followers listed in FILE (50 a call)."""
    openids = read_openids(file)
    tags = cli.api().tags
    tag_id = await tag_id_of(tags, tag)
    await tags.untag(tag_id, openids)
    cli.out.result(
        {"tag": tag_id, "untagged": len(openids)}, lambda: cli.out.line(f"{len(openids)} followers untagged")
    )


@command(app, "members", examples=["wxmp tags members VIP > vips.txt"])
async def members(cli: Cli, tag: TagArgument) -> None:
    """Every follower with the tag, one openid a line."""
    tags = cli.api().tags
    openids = [openid async for openid in tags.members(await tag_id_of(tags, tag))]
    cli.out.result({"openids": openids}, lambda: cli.out.lines(openids))


@command(blacklist_app, "list", examples=["wxmp blacklist list"])
async def blacklist_list(cli: Cli) -> None:
    """Every blacklisted openid, one a line."""
    openids = [openid async for openid in cli.api().blacklist.all()]
    cli.out.result({"openids": openids}, lambda: cli.out.lines(openids))


@command(blacklist_app, "add", examples=["wxmp blacklist add spammers.txt"])
async def blacklist_add(cli: Cli, file: FileArgument) -> None:
    """Blacklist the followers listed in FILE (20 a call)."""
    openids = read_openids(file)
    await cli.api().blacklist.add(openids)
    cli.out.result({"blacklisted": len(openids)}, lambda: cli.out.line(f"{len(openids)} followers blacklisted"))


@command(blacklist_app, "remove", examples=["wxmp blacklist remove forgiven.txt"])
async def blacklist_remove(cli: Cli, file: FileArgument) -> None:
    """Take the followers listed in FILE off the blacklist (20 a call)."""
    openids = read_openids(file)
    await cli.api().blacklist.remove(openids)
    cli.out.result({"unblacklisted": len(openids)}, lambda: cli.out.line(f"{len(openids)} followers taken off"))
