"""Analytics days: China calendar days (UTC+8, where WeChat's accounts live) as ``YYYY-MM-DD``."""

import re
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
MAX_RANGE_DAYS = 92  # a quarter: enough for any report, bounded work per request

_DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day_of(create_time: int) -> str:
    """The China day (``YYYY-MM-DD``) of a callback's CreateTime (unix seconds)."""
    return datetime.fromtimestamp(create_time, CHINA).date().isoformat()


def parse_day(text: object) -> str:
    """``text`` if it is a real calendar day written ``YYYY-MM-DD``; otherwise ``ValueError``."""
    if not isinstance(text, str) or not _DAY_PATTERN.fullmatch(text):
        raise ValueError("date must be YYYY-MM-DD")
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError("date must be YYYY-MM-DD") from None


def days_between(start: str, end: str) -> list[str]:
    """Every day from ``start`` to ``end`` inclusive, in order; ``ValueError`` for a bad range."""
    first, last = date.fromisoformat(parse_day(start)), date.fromisoformat(parse_day(end))
    if first > last:
        raise ValueError("from must not be after to")
    span = (last - first).days + 1
    if span > MAX_RANGE_DAYS:
        raise ValueError(f"a range spans at most {MAX_RANGE_DAYS} days (got {span})")
    return [(first + timedelta(days=offset)).isoformat() for offset in range(span)]
