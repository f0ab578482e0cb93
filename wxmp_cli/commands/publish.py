"""``wxmp draft`` and ``wxmp publish``: articles into the draft box, and out to the followers."""

import asyncio
import time
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import ValidationError

from shared.wechat.models.draft import Article, Draft
from shared.wechat.models.publish import PublishState, PublishStatus
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode, validation_summary
from wxmp_cli.root import app as root

draft_app = typer.Typer(help="The draft box (草稿箱).", no_args_is_help=True)


def read_draft(path: Path) -> list[Article]:
    """Articles from YAML or JSON: a list, ``{articles: [...]}``, or one article; checked as WeChat checks them."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        raise CliError(f"{path} is neither YAML nor JSON", ExitCode.USAGE) from None
    if isinstance(data, dict):
        data = data.get("articles", [data])
    try:
        return Draft.model_validate({"articles": data}).articles
    except ValidationError as exc:
        raise CliError(f"{path}: {validation_summary(exc)}", ExitCode.USAGE) from None


@command(draft_app, "add", examples=["wxmp draft add weekly.yaml"])
async def add(
    cli: Cli, file: Annotated[Path, typer.Argument(help="1–8 articles, YAML or JSON (draft/add's shape).")]
) -> None:
    """Add a draft; prints its media_id (what wxmp publish takes)."""
    media_id = await cli.api().draft.add(read_draft(file))
    cli.out.result({"media_id": media_id}, lambda: cli.out.line(f"draft {media_id} added"))


@command(draft_app, "list", examples=["wxmp draft list"])
async def list_drafts(cli: Cli) -> None:
    """Every draft, newest first (without the articles' HTML)."""
    drafts = [item async for item in cli.api().draft.all(no_content=True)]
    rows = []
    for item in drafts:
        articles = (item.get("content") or {}).get("news_item") or []
        rows.append(
            [item.get("media_id"), len(articles), articles[0].get("title") if articles else "", item.get("update_time")]
        )
    cli.out.result({"drafts": drafts}, lambda: cli.out.table(["media_id", "articles", "first title", "updated"], rows))


@command(draft_app, "delete", examples=["wxmp draft delete MEDIA_ID --yes"])
async def delete(
    cli: Cli,
    media_id: Annotated[str, typer.Argument(help="The draft's media_id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a draft."""
    cli.out.confirm(f"Delete draft {media_id} of {cli.app_id}?", yes=yes)
    await cli.api().draft.delete(media_id)
    cli.out.result({"deleted": media_id}, lambda: cli.out.line(f"draft {media_id} deleted"))


@command(root, "publish", examples=["wxmp publish MEDIA_ID --wait", "wxmp publish MEDIA_ID --yes --json"])
async def publish(
    cli: Cli,
    draft_id: Annotated[str, typer.Argument(help="The draft's media_id.")],
    wait: Annotated[
        bool, typer.Option("--wait", help="Follow the job until it ends (PUBLISHJOBFINISH's outcome).")
    ] = False,
    within: Annotated[float, typer.Option("--timeout", help="With --wait: give up after this many seconds.")] = 600.0,
    every: Annotated[float, typer.Option(help="With --wait: seconds between looks at the job.")] = 2.0,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Publish a draft (freepublish/submit); with --wait, follow the job to its end."""
    cli.out.confirm(f"Publish draft {draft_id} of {cli.app_id} to its followers?", yes=yes)
    api = cli.api()
    job = await api.freepublish.submit(draft_id)
    answer: dict[str, Any] = job.model_dump(exclude_none=True)
    if wait:
        status = await _follow(cli, job.publish_id, within=within, every=every)
        answer |= _outcome(status)
    cli.out.result(answer, lambda: _show(cli, answer))
    if wait and answer.get("state") != PublishState.SUCCEEDED.name.lower():
        raise CliError(f"publish job {job.publish_id} ended {answer.get('state')}", ExitCode.FAILED)


async def _follow(cli: Cli, publish_id: str, *, within: float, every: float) -> PublishStatus:
    freepublish = cli.api().freepublish
    deadline = time.monotonic() + within
    with cli.out.progress(f"publish job {publish_id}") as _:
        while True:
            status = await freepublish.get(publish_id)
            if status.finished:
                return status
            if time.monotonic() >= deadline:
                raise CliError(f"publish job {publish_id} still publishing after {within:g} s", ExitCode.FAILED)
            await asyncio.sleep(every)


def _outcome(status: PublishStatus) -> dict[str, Any]:
    state = status.state
    return {
        "publish_status": status.publish_status,
        "state": state.name.lower() if state is not None else f"status {status.publish_status}",
        "article_id": status.article_id,
        "urls": status.urls,
        "fail_idx": status.fail_idx,
    }


def _show(cli: Cli, answer: dict[str, Any]) -> None:
    cli.out.line(f"publish job {answer['publish_id']} submitted")
    if "state" in answer:
        cli.out.line(f"ended: {answer['state']}")
        cli.out.lines([f"  {url}" for url in answer.get("urls", [])])
