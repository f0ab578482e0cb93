"""``wxmp stats`` and ``wxmp quota``: what the account's followers did, and what its API calls used."""

from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.text import Text

from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.root import app as root

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # the days the dispatcher counts in
BAR = 40


class Source(StrEnum):
    OWN = "own"
    WECHAT = "wechat"
    BOTH = "both"


def _day(text: str | None, default: date) -> str:
    if text is None:
        return default.isoformat()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise CliError(f"{text!r} is not a day: write YYYY-MM-DD", ExitCode.USAGE) from None


def chart(days: list[dict[str, Any]]) -> list[Text]:
    """One line a day: followers gained (green) and lost (red), scaled to the busiest day."""
    most = max([1, *(max(d.get("subscribes", 0), d.get("unsubscribes", 0)) for d in days)])
    lines = []
    for day in days:
        gained, lost = day.get("subscribes", 0), day.get("unsubscribes", 0)
        line = Text(f"{day['date']}  ")
        line.append("█" * round(gained * BAR / most), style="green").append(f" +{gained}  ")
        line.append("█" * round(lost * BAR / most), style="red").append(f" -{lost}")
        lines.append(line)
    return lines


@command(
    root,
    "stats",
    examples=[
        "wxmp stats",
        "wxmp stats --from 2024-05-01 --to 2024-05-31 --chart",
        "wxmp stats --source both --from 2024-05-01 --to 2024-05-07",
    ],
)
async def stats(
    cli: Cli,
    start: Annotated[
        str | None, typer.Option("--from", help="First China day, YYYY-MM-DD (default: 6 days before --to).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last China day, YYYY-MM-DD (default: today; yesterday for wechat).")
    ] = None,
    source: Annotated[
        Source,
        typer.Option(
            help="own: the dispatcher's counts of the callbacks it saw; wechat: WeChat's statistics reports "
            "(to yesterday); both: side by side."
        ),
    ] = Source.OWN,
    show_chart: Annotated[bool, typer.Option("--chart", help="Draw followers gained and lost per day.")] = False,
) -> None:
    """Per-day counts of messages, events, unique users, follows and unfollows, and the range's totals.

    From the dispatcher's stats API: its own counts, or WeChat's reports for the same days."""
    today = datetime.now(CHINA).date()
    last = _day(end, today if source is Source.OWN else today - timedelta(days=1))  # WeChat's end yesterday
    first = _day(start, date.fromisoformat(last) - timedelta(days=6))
    query = {"from": first, "to": last, "source": source.value}
    answer = await cli.platform.dispatcher.get(f"/v1/apps/{cli.app_id}/stats", query)

    def show() -> None:
        if source is not Source.WECHAT:
            _own_table(cli, answer["own"] if source is Source.BOTH else answer)
        if source is not Source.OWN:
            _wechat_table(cli, answer["wechat"] if source is Source.BOTH else answer)
        if show_chart:
            days = (answer["wechat"] if source is Source.BOTH else answer)["days"]
            for line in chart(days):
                cli.out.show(line)

    cli.out.result(answer, show)


def _own_table(cli: Cli, own: dict[str, Any]) -> None:
    rows = [[d["date"], d["total"], d["unique_users"], d["subscribes"], d["unsubscribes"]] for d in own["days"]]
    totals = own["totals"]
    rows.append(["total", totals["total"], totals["unique_users"], totals["subscribes"], totals["unsubscribes"]])
    cli.out.table(["day", "callbacks", "users", "follows", "unfollows"], rows, title="the dispatcher's counts")


def _wechat_table(cli: Cli, theirs: dict[str, Any]) -> None:
    def row(label: str, d: dict[str, Any]) -> list[Any]:
        return [label, d["subscribes"], d["unsubscribes"], d.get("followers") or "", d.get("total_messages", "")]

    rows = [row(d["date"], d) for d in theirs["days"]] + [row("total", theirs["totals"])]
    cli.out.table(["day", "follows", "unfollows", "followers", "messages"], rows, title="WeChat's reports")


@command(root, "quota", examples=["wxmp quota", "wxmp quota --path cgi-bin/message/custom/send"])
async def quota(
    cli: Cli,
    path: Annotated[str | None, typer.Option(help="Ask WeChat itself for one API's quota (openapi/quota/get).")] = None,
) -> None:
    """Today's API calls through the platform against each endpoint's daily limit (the proxy's counts)."""
    if path is not None:
        own = (await cli.api().base.quota(path)).model_dump()
        answer = {"app_id": cli.app_id, "path": path, **own}
        cli.out.result(
            answer, lambda: cli.out.line(f"{path}: {own['used']} used of {own['daily_limit']}, {own['remain']} left")
        )
        return
    counts = await cli.platform.proxy.get(f"/v1/apps/{cli.app_id}/quota")

    def show() -> None:
        rows = [[e["path"], e["calls"], e.get("daily_limit") or "-"] for e in counts.get("endpoints", [])]
        cli.out.table(
            ["endpoint", "calls", "daily limit"], rows, title=f"{counts.get('app_id')} on {counts.get('date')} (China)"
        )

    cli.out.result(counts, show)
