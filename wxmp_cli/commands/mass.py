"""``wxmp mass`` and ``wxmp kf``: broadcasts (previewed first, confirmed before they go), customer-service accounts."""

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from shared.wechat.models.mass import Broadcast, ContentOf
from wxmp_cli.command import Cli, command
from wxmp_cli.commands.tags import tag_id_of
from wxmp_cli.errors import CliError, ExitCode, validation_summary
from wxmp_cli.openids import read_openids

app = typer.Typer(help="Broadcasts (群发): to everyone, a tag or a list of followers.", no_args_is_help=True)
kf_app = typer.Typer(help="Customer-service accounts (客服).", no_args_is_help=True)


def content_of(text: str | None, mpnews: str | None, image: list[str] | None, voice: str | None) -> dict[str, Any]:
    given: list[tuple[dict[str, Any], object]] = [
        ({"msgtype": "text", "content": text}, text),
        ({"msgtype": "mpnews", "media_id": mpnews}, mpnews),
        ({"msgtype": "image", "media_ids": image}, image),
        ({"msgtype": "voice", "media_id": voice}, voice),
    ]
    chosen = [content for content, value in given if value]
    if len(chosen) != 1:
        raise CliError(
            "give one content: --text, --mpnews DRAFT_ID, --image MEDIA_ID (repeatable) or --voice", ExitCode.USAGE
        )
    return chosen[0]


@command(
    app,
    "send",
    examples=[
        'wxmp mass send --all --text "Our spring sale starts today" --preview oEditor1',
        'wxmp mass send --all --text "Our spring sale starts today" --yes',
        "wxmp mass send --tag VIP --mpnews DRAFT_MEDIA_ID",
        "wxmp mass send --to-file winners.txt --image MEDIA_ID --clientmsgid spring-2024-winners",
    ],
)
async def send(
    cli: Cli,
    to_all: Annotated[bool, typer.Option("--all", help="Every follower.")] = False,
    tag: Annotated[str | None, typer.Option(help="The followers with this tag (id or name).")] = None,
    to_file: Annotated[Path | None, typer.Option(help="The openids in this file, one a line (2–10,000).")] = None,
    text: Annotated[str | None, typer.Option(help="A text message.")] = None,
    mpnews: Annotated[str | None, typer.Option(metavar="DRAFT_ID", help="A draft's articles.")] = None,
    image: Annotated[list[str] | None, typer.Option(metavar="MEDIA_ID", help="A picture; repeat it for more.")] = None,
    voice: Annotated[str | None, typer.Option(metavar="MEDIA_ID", help="A voice message.")] = None,
    preview: Annotated[str | None, typer.Option(metavar="OPENID", help="Only show it to this follower first.")] = None,
    clientmsgid: Annotated[
        str | None, typer.Option(help="WeChat sends a broadcast with the same id once (24 h).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Broadcast a message, checked before anything is sent; --preview shows it to one follower instead."""
    raw = content_of(text, mpnews, image, voice)
    try:
        content = ContentOf(content=raw).content
    except ValidationError as exc:
        raise CliError(f"invalid content: {validation_summary(exc)}", ExitCode.USAGE) from None
    api = cli.api()
    if preview is not None:
        job = await api.mass.preview(content, openid=preview)
        cli.out.result(
            {"preview": preview, **job.model_dump(exclude_none=True)},
            lambda: cli.out.line(f"preview sent to {preview}"),
        )
        return
    if sum([to_all, tag is not None, to_file is not None]) != 1:
        raise CliError("give one audience: --all, --tag TAG or --to-file FILE", ExitCode.USAGE)
    tag_id = await tag_id_of(api.tags, tag) if tag is not None else None
    openids = read_openids(to_file) if to_file is not None else None
    try:
        broadcast = Broadcast(content=content, to_all=to_all, tag_id=tag_id, openids=openids, clientmsgid=clientmsgid)
    except ValidationError as exc:
        raise CliError(f"invalid broadcast: {validation_summary(exc)}", ExitCode.USAGE) from None
    audience = "every follower" if to_all else f"tag {tag}" if tag is not None else f"{len(openids or [])} followers"
    cli.out.confirm(f"Broadcast this {content.msgtype} to {audience} of {cli.app_id}?", yes=yes)
    job = await api.mass.send(broadcast)
    answer = job.model_dump(exclude_none=True)
    cli.out.result(
        answer, lambda: cli.out.line(f"broadcast {job.msg_id} sent to {audience} (wxmp mass status {job.msg_id})")
    )


@command(app, "status", examples=["wxmp mass status 1000000001"])
async def status(cli: Cli, msg_id: Annotated[int, typer.Argument(help="The broadcast's msg_id.")]) -> None:
    """A broadcast's status: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""
    answer = (await cli.api().mass.status(msg_id)).model_dump()
    cli.out.result(answer, lambda: cli.out.line(f"broadcast {msg_id}: {answer['msg_status']}"))


@command(kf_app, "list", examples=["wxmp kf list"])
async def kf_list(cli: Cli) -> None:
    """The customer-service accounts, and which are online."""
    kf = cli.api().kf
    accounts, online = await kf.accounts(), await kf.online()
    status = {item.get("kf_account"): item for item in online}

    def show() -> None:
        rows = [
            [
                a.get("kf_account"),
                a.get("kf_nick"),
                a.get("kf_wx") or a.get("invite_wx") or "",
                "online" if a.get("kf_account") in status else "",
            ]
            for a in accounts
        ]
        cli.out.table(["account", "nickname", "worker", "online"], rows)

    cli.out.result({"accounts": accounts, "online": online}, show)


@command(kf_app, "add", examples=['wxmp kf add support1@gh_shop --nickname "Anna"'])
async def kf_add(
    cli: Cli,
    account: Annotated[str, typer.Argument(help="prefix@the account's WeChat ID.")],
    nickname: Annotated[str, typer.Option(help="At most 16 characters.")],
    invite: Annotated[str | None, typer.Option(metavar="WECHAT_ID", help="Invite this WeChat user to work it.")] = None,
) -> None:
    """Add a customer-service account (and invite its worker)."""
    kf = cli.api().kf
    await kf.add_account(account, nickname)
    if invite is not None:
        await kf.invite_worker(account, invite)
    said = f"account {account} added" + (f", {invite} invited" if invite else "")
    cli.out.result({"kf_account": account, "nickname": nickname, "invited": invite}, lambda: cli.out.line(said))
