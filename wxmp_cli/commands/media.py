"""``wxmp media`` and ``wxmp material``: uploads (temporary or permanent) and the material library."""

import mimetypes
from pathlib import Path
from typing import Annotated

import typer

from shared.wechat.api.material import MaterialKind
from shared.wechat.models.media import MediaKind
from shared.wechat.transport import Upload
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode

app = typer.Typer(help="Uploads: temporary media (3 days) or permanent materials.", no_args_is_help=True)
material_app = typer.Typer(help="The permanent material library.", no_args_is_help=True)

_KINDS = {
    **dict.fromkeys(("png", "jpeg", "jpg", "gif", "bmp"), MediaKind.IMAGE),
    **dict.fromkeys(("amr", "mp3", "wma", "wav"), MediaKind.VOICE),
    "mp4": MediaKind.VIDEO,
}


def kind_of(path: Path, asked: MediaKind | None) -> MediaKind:
    if asked is not None:
        return asked
    kind = _KINDS.get(path.suffix.lower().lstrip("."))
    if kind is None:
        raise CliError(
            f"{path}: give --type (image, voice, video or thumb); its extension does not say", ExitCode.USAGE
        )
    return kind


@command(
    app,
    "upload",
    examples=[
        "wxmp media upload banner.png",
        "wxmp media upload cover.jpg --type thumb --permanent",
        'wxmp media upload intro.mp4 --permanent --title "Our shop"',
    ],
)
async def upload(
    cli: Cli,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The file to upload.")],
    permanent: Annotated[
        bool, typer.Option("--permanent", help="A permanent material (material/add_material).")
    ] = False,
    kind: Annotated[MediaKind | None, typer.Option("--type", help="Default: from the file's extension.")] = None,
    title: Annotated[str | None, typer.Option(help="A permanent video's title.")] = None,
    introduction: Annotated[str | None, typer.Option(help="A permanent video's introduction.")] = None,
) -> None:
    """Upload FILE; prints its media_id (and a permanent image's url). Format and size are checked first."""
    chosen = kind_of(file, kind)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    api = cli.api()
    with file.open("rb") as stream:
        media = Upload(file.name, stream, content_type)
        if permanent:
            added = await api.material.add(chosen, media, title=title, introduction=introduction)
            answer = {"kind": chosen.value, "permanent": True, **added.model_dump(exclude_none=True)}
        else:
            if title is not None or introduction is not None:
                raise CliError("--title and --introduction are for a permanent video", ExitCode.USAGE)
            uploaded = await api.media.upload(chosen, media)
            answer = {
                "kind": chosen.value,
                "permanent": False,
                "media_id": uploaded.media_id,
                "created_at": uploaded.created_at,
            }
    cli.out.result(
        answer,
        lambda: cli.out.line(
            f"{chosen.value} uploaded: media_id {answer['media_id']}"
            + (f"  url {answer['url']}" if answer.get("url") else "")
        ),
    )


@command(material_app, "list", examples=["wxmp material list --type image"])
async def list_materials(
    cli: Cli, kind: Annotated[MaterialKind, typer.Option("--type", help="Which kind to list.")] = MaterialKind.IMAGE
) -> None:
    """Every permanent material of one kind, newest first."""
    items = [item async for item in cli.api().material.all(kind)]
    rows = [[item.get("media_id"), item.get("name"), item.get("update_time"), item.get("url", "")] for item in items]
    cli.out.result(
        {"type": kind.value, "items": items}, lambda: cli.out.table(["media_id", "name", "updated", "url"], rows)
    )


@command(material_app, "count", examples=["wxmp material count"])
async def count(cli: Cli) -> None:
    """How many permanent materials of each kind the account has."""
    counts = (await cli.api().material.count()).model_dump()
    cli.out.result(
        counts, lambda: cli.out.table(["kind", "count"], [[k.removesuffix("_count"), v] for k, v in counts.items()])
    )


@command(material_app, "delete", examples=["wxmp material delete MEDIA_ID --yes"])
async def delete(
    cli: Cli,
    media_id: Annotated[str, typer.Argument(help="The material's media_id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a permanent material (articles and menus using it lose it)."""
    cli.out.confirm(f"Delete material {media_id} of {cli.app_id}?", yes=yes)
    await cli.api().material.delete(media_id)
    cli.out.result({"deleted": media_id}, lambda: cli.out.line(f"material {media_id} deleted"))
