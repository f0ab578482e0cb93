"""The message and callback reports as the fake answers them. Weekly and monthly rows are dated the Monday
and the 1st, and exist only for a period that starts inside the range and has ended before today
(WeChat: "在某一月/周过后去调用接口，才能获取到该周期的数据")."""

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from sandbox.fake_wechat.datacube_figures import AccountFigures, Messages
from sandbox.fake_wechat.datacube_reports import days

Periods = Callable[[date, date, date], Iterator[tuple[date, date]]]


def weeks(begin: date, end: date, today: date) -> Iterator[tuple[date, date]]:
    monday = begin + timedelta(days=(7 - begin.weekday()) % 7)
    while monday <= end and monday + timedelta(days=6) < today:
        yield monday, monday + timedelta(days=6)
        monday += timedelta(days=7)


def months(begin: date, end: date, today: date) -> Iterator[tuple[date, date]]:
    first = begin if begin.day == 1 else (begin.replace(day=28) + timedelta(days=4)).replace(day=1)
    while first <= end:
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        if following - timedelta(days=1) >= today:
            return
        yield first, following - timedelta(days=1)
        first = following


def _row(day: date, **fields: int) -> dict[str, Any]:
    return {"ref_date": day.isoformat(), **fields}


def _period(f: AccountFigures, start: date, stop: date) -> Messages:
    """A period's messages: counts add up over its days; senders are at least the busiest day's, at most all."""
    daily = [f.messages(day) for day in days(start, stop)]
    repeat = f.rng("period", start, stop).uniform(0.3, 0.7)  # how many of a day's senders come back another day

    def unique(per_day: list[int]) -> int:
        return max(per_day) + round((1 - repeat) * (sum(per_day) - max(per_day)))

    by_type = {}
    for msg_type in sorted({t for messages in daily for t in messages.by_type}):
        users = [messages.by_type.get(msg_type, (0, 0))[0] for messages in daily]
        by_type[msg_type] = (unique(users), sum(messages.by_type.get(msg_type, (0, 0))[1] for messages in daily))
    return Messages(unique([messages.senders for messages in daily]), by_type)


def upstream_msg(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        for msg_type, (users, count) in f.messages(day).by_type.items():
            rows.append(_row(day, msg_type=msg_type, msg_user=users, msg_count=count))
    return {"list": rows}


def upstream_msg_hour(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        for msg_type, (users, count) in f.messages(day).by_type.items():
            for hour, in_hour in enumerate(f.hours(day, count, "msg", msg_type)):
                if in_hour:
                    senders = max(1, min(in_hour, -(-users * in_hour // count)))
                    rows.append(_row(day, ref_hour=hour * 100, msg_type=msg_type, msg_user=senders, msg_count=in_hour))
    return {"list": rows}


def _by_period(periods: Periods) -> Callable[[AccountFigures, date, date, date], dict[str, Any]]:
    def report(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
        rows = []
        for start, stop in periods(begin, end, today):
            for msg_type, (users, count) in _period(f, start, stop).by_type.items():
                rows.append(_row(start, msg_type=msg_type, msg_user=users, msg_count=count))
        return {"list": rows}

    return report


def upstream_msg_dist(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        for interval, users in f.intervals(f.messages(day).senders, "day", day).items():
            if users:
                rows.append(_row(day, count_interval=interval, msg_user=users))
    return {"list": rows}


def _dist_by_period(periods: Periods) -> Callable[[AccountFigures, date, date, date], dict[str, Any]]:
    def report(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
        rows = []
        for start, stop in periods(begin, end, today):
            for interval, users in f.intervals(_period(f, start, stop).senders, "period", start, stop).items():
                if users:
                    rows.append(_row(start, count_interval=interval, msg_user=users))
        return {"list": rows}

    return report


upstream_msg_week = _by_period(weeks)
upstream_msg_month = _by_period(months)
upstream_msg_dist_week = _dist_by_period(weeks)
upstream_msg_dist_month = _dist_by_period(months)


def interface_summary(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        calls = f.callbacks(day)
        rows.append(_row(day, callback_count=calls.count, fail_count=calls.failed, total_time_cost=calls.total_ms,
                         max_time_cost=calls.max_ms))  # fmt: skip
    return {"list": rows}


def interface_summary_hour(f: AccountFigures, begin: date, end: date, today: date) -> dict[str, Any]:
    rows = []
    for day in days(begin, end):
        calls = f.callbacks(day)
        counts, failed = f.hours(day, calls.count, "callbacks"), f.hours(day, calls.failed, "failed")
        for hour, count in enumerate(counts):
            if count:
                total = calls.total_ms * count // calls.count
                rows.append(_row(day, ref_hour=hour * 100, callback_count=count, fail_count=min(count, failed[hour]),
                                 total_time_cost=total, max_time_cost=min(calls.max_ms, total)))  # fmt: skip
    return {"list": rows}
