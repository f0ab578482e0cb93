"""The date ranges of WeChat's statistics reports: what one call may ask for, and a long range cut into calls.

A report's call carries ``begin_date`` and ``end_date`` (``YYYY-MM-DD``, both days included, China
days). WeChat refuses (61501 "date range error") a range that runs backwards, that reaches today in
China (a day's figures are ready the next morning), or that is longer than the report's
``max_days``; ``DateRange`` refuses the same before anything is sent. ``windows`` cuts any range
into consecutive legal ones, so the caller of a long range never writes the loop.
"""

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
FIRST_DAY = date(2014, 12, 1)  # WeChat keeps no figures before it ("2014年12月1日之后的数据")

DateLike = date | str
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def china_today(now: float | None = None) -> date:
    """Today in China (where WeChat's days turn), at unix time ``now`` (the current time by default)."""
    moment = datetime.now(CHINA) if now is None else datetime.fromtimestamp(now, CHINA)
    return moment.date()


def as_day(value: DateLike) -> date:
    """A day given as a ``date`` or as ``YYYY-MM-DD``; ``ValueError`` for anything else (a ``datetime`` too)."""
    if isinstance(value, datetime) or not isinstance(value, date | str):
        raise ValueError(f"a day is a date or YYYY-MM-DD (got {value!r})")
    if isinstance(value, date):
        return value
    if not _DAY.fullmatch(value):
        raise ValueError(f"a day is written YYYY-MM-DD (got {value!r})")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar day") from None


class DateRange(BaseModel):
    """One call's range: ``begin`` to ``end`` inclusive, within ``max_days``, ending before ``today``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    begin: date
    end: date
    max_days: int
    today: date

    @model_validator(mode="after")
    def _legal(self) -> "DateRange":
        if self.max_days < 1:
            raise ValueError(f"max_days is at least 1 (got {self.max_days})")
        if self.begin > self.end:
            raise ValueError(f"begin_date {self.begin} is after end_date {self.end}")
        if self.end >= self.today:
            raise ValueError(
                f"end_date {self.end} is not before today in China ({self.today}): WeChat has no figures yet"
            )
        if self.days > self.max_days:
            raise ValueError(f"{self.begin}…{self.end} is {self.days} days; this report gives at most {self.max_days}")
        return self

    @classmethod
    def of(cls, begin: DateLike, end: DateLike | None, max_days: int, today: date) -> "DateRange":
        """``begin``…``end`` (``end`` defaults to ``begin``), checked: ``ValueError`` where WeChat would refuse it."""
        first = as_day(begin)
        return cls(begin=first, end=first if end is None else as_day(end), max_days=max_days, today=today)

    @property
    def days(self) -> int:
        return (self.end - self.begin).days + 1

    def body(self) -> dict[str, Any]:
        """The request body every report takes."""
        return {"begin_date": self.begin.isoformat(), "end_date": self.end.isoformat()}


def windows(begin: DateLike, end: DateLike, max_days: int) -> Iterator[tuple[date, date]]:
    """``begin``…``end`` as consecutive ranges of at most ``max_days`` days, in order, covering every day once.

    ``ValueError`` for a range that runs backwards or a ``max_days`` under 1. The last window may
    be shorter; none is empty.
    """
    first, last = as_day(begin), as_day(end)
    if max_days < 1:
        raise ValueError(f"max_days is at least 1 (got {max_days})")
    if first > last:
        raise ValueError(f"begin_date {first} is after end_date {last}")
    step = timedelta(days=max_days - 1)
    while first <= last:
        stop = min(first + step, last)
        yield first, stop
        first = stop + timedelta(days=1)


class CardFilter(BaseModel):
    """What the card reports take besides the range: where the cards were made, and which card."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cond_source: Literal[0, 1] | None = None  # 0: made on the platform's web pages, 1: through the API
    card_id: Annotated[str, Field(min_length=1, max_length=32)] | None = None


def report_filters(
    name: str, required: tuple[str, ...], optional: tuple[str, ...], filters: CardFilter
) -> dict[str, Any]:
    """The body fields besides the range for report ``name``: ``ValueError`` for a missing or unread one."""
    given = filters.model_dump(exclude_none=True)
    missing = [field for field in required if field not in given]
    if missing:
        raise ValueError(f"{name} needs {', '.join(missing)}")
    unread = sorted(set(given) - set(required) - set(optional))
    if unread:
        raise ValueError(f"{name} does not take {', '.join(unread)}")
    return given
