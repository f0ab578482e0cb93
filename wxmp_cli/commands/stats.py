"""``wxmp stats`` and ``wxmp quota``: what the account's followers did, and what its API calls used."""

from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.text import Text

from shared.wechat.models.datacube_rows import USER_CUMULATE, USER_SUMMARY
from wxmp_cli.command import Cli, command
from wxmp_cli.errors import CliError, ExitCode
from wxmp_cli.root import app as root

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # the days the dispatcher counts in
BAR = 40


class Source(StrEnum):
    OWN = "own"
    WECHAT = "wechat"


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


@command(root, "stats", examples=["wxmp stats", "wxmp stats --from 2024-05-01 --to 2024-05-31 --chart"])
async def stats(
    cli: Cli,
    start: Annotated[
        str | None, typer.Option("--from", help="First China day, YYYY-MM-DD (default: 6 days before --to).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last China day, YYYY-MM-DD (default: today; yesterday for wechat).")
    ] = None,
    source: Annotated[
        Source, typer.Option(help="own: the dispatcher's counts of the callbacks it saw; wechat: WeChat's reports.")
    ] = Source.OWN,
    show_chart: Annotated[bool, typer.Option("--chart", help="Draw followers gained and lost per day.")] = False,
) -> None:
    """Per-day counts of messages, events, unique users, follows and unfollows, and the range's totals.

    --source wechat reads WeChat's own follower reports instead (to yesterday)."""
    today = datetime.now(CHINA).date()
    if source is Source.WECHAT:  # WeChat's reports end yesterday
        last = _day(end, today - timedelta(days=1))
        first = _day(start, date.fromisoformat(last) - timedelta(days=6))
        await _wechat(cli, first, last, show_chart)
        return
    last = _day(end, today)
    first = _day(start, date.fromisoformat(last) - timedelta(days=6))
    answer = await cli.platform.dispatcher.get(f"/v1/apps/{cli.app_id}/stats", {"from": first, "to": last})

    def show() -> None:
        rows = [[d["date"], d["total"], d["unique_users"], d["subscribes"], d["unsubscribes"]] for d in answer["days"]]
        totals = answer["totals"]
        rows.append(["total", totals["total"], totals["unique_users"], totals["subscribes"], totals["unsubscribes"]])
        cli.out.table(["day", "callbacks", "users", "follows", "unfollows"], rows)
        if show_chart:
            for line in chart(answer["days"]):
                cli.out.show(line)

    cli.out.result(answer, show)


async def _wechat(cli: Cli, first: str, last: str, show_chart: bool) -> None:
    """WeChat's own follower reports (getusersummary, getusercumulate), one call per legal window."""
    datacube = cli.api().datacube
    summary = await datacube.across(USER_SUMMARY, first, last)
    cumulate = {row.ref_date: row.cumulate_user for row in await datacube.across(USER_CUMULATE, first, last)}
    days: dict[str, dict[str, Any]] = {
        day: {"date": day, "subscribes": 0, "unsubscribes": 0, "cumulate_user": followers}
        for day, followers in sorted(cumulate.items())
    }
    for row in summary:  # one row per day and source
        day = days.setdefault(row.ref_date, {"date": row.ref_date, "subscribes": 0, "unsubscribes": 0})
        day["subscribes"] += row.new_user
        day["unsubscribes"] += row.cancel_user
    listed = sorted(days.values(), key=lambda day: str(day["date"]))
    totals = {key: sum(day[key] for day in listed) for key in ("subscribes", "unsubscribes")}
    answer = {"app_id": cli.app_id, "source": "wechat", "from": first, "to": last, "days": listed, "totals": totals}

    def show() -> None:
        rows = [[d["date"], d["subscribes"], d["unsubscribes"], d.get("cumulate_user", "")] for d in listed]
        rows.append(["total", totals["subscribes"], totals["unsubscribes"], ""])
        cli.out.table(["day", "follows", "unfollows", "followers"], rows, title="WeChat's reports")
        if show_chart:
            for line in chart(listed):
                cli.out.show(line)

    cli.out.result(answer, show)


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
