"""Shakes near one account's devices: the tickets their pages receive, and the statistics they add up to.

A shake near a device that shows pages shows one of them (in turn) and records the shake; opening the
page records a click, and its URL carries a ``ticket`` that ``user/getshakeinfo`` reads for
``TICKET_SECONDS``. Statistics are per China day, at most ``MAX_SPAN_DAYS`` at once, within the last
``HISTORY_DAYS`` and never of today; the daily lists are ``PAGE_SIZE`` rows a page, most shakers first.
"""

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.rules import DAY, day_start, refuse

TICKET_SECONDS = 30 * 60
MAX_SPAN_DAYS, HISTORY_DAYS, PAGE_SIZE = 30, 90, 50


@dataclass(frozen=True)
class Shake:
    device_id: int
    page_id: int
    openid: str
    distance: float
    at: int
    clicked: bool


@dataclass(frozen=True)
class Ticket:
    shake: Shake
    expires: float


def _figures(shakes: list[Shake]) -> dict[str, int]:
    clicks = [s for s in shakes if s.clicked]
    return {"click_pv": len(clicks), "click_uv": len({s.openid for s in clicks}),
            "shake_pv": len(shakes), "shake_uv": len({s.openid for s in shakes})}  # fmt: skip


@dataclass
class Shakes:
    """The shakes of the days statistics may still ask about (older days are dropped), the tickets not yet
    expired (an expired one is dropped), and how many pages each device has shown."""

    by_day: dict[int, list[Shake]] = field(default_factory=dict)  # China midnight -> that day's shakes
    tickets: dict[str, Ticket] = field(default_factory=dict)  # in the order issued, so expiring first
    shown: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))  # device_id -> pages shown

    def record(self, shake: Shake) -> str:
        self._forget(shake.at)
        self.by_day.setdefault(day_start(shake.at), []).append(shake)
        self.shown[shake.device_id] += 1
        ticket = secrets.token_hex(16)
        self.tickets[ticket] = Ticket(shake, shake.at + TICKET_SECONDS)
        return ticket

    def read(self, ticket: object, now: float) -> Shake:
        self._forget(now)
        found = self.tickets.get(ticket) if isinstance(ticket, str) else None
        if found is None or now >= found.expires:
            raise refuse(rules.TICKET_INVALID)
        return found.shake

    def on(self, day: int) -> list[Shake]:
        return self.by_day.get(day, [])

    def _forget(self, now: float) -> None:
        """Drop the expired tickets and the days no statistics call may ask for any more."""
        while self.tickets:
            ticket, issued = next(iter(self.tickets.items()))
            if now < issued.expires:
                break
            del self.tickets[ticket]
        oldest_day = day_start(now) - HISTORY_DAYS * DAY
        for day in [day for day in self.by_day if day < oldest_day]:
            del self.by_day[day]

    def days(self, body: dict[str, Any], now: float) -> list[int]:
        """The China days from ``begin_date`` to ``end_date``, as WeChat allows them."""
        begin = rules.integer(body, "begin_date", rules.DATE_RANGE_INVALID)
        end = rules.integer(body, "end_date", rules.DATE_RANGE_INVALID)
        first, last, today = day_start(begin), day_start(end), day_start(now)
        if last < first or (last - first) // DAY >= MAX_SPAN_DAYS:
            raise refuse(rules.DATE_RANGE_INVALID)
        if first < today - HISTORY_DAYS * DAY or last >= today:
            raise refuse(rules.DATE_RANGE_INVALID)
        return list(range(first, last + DAY, DAY))

    def daily(self, days: list[int], *, device_id: int | None = None, page_id: int | None = None) -> list[Any]:
        rows = []
        for day in days:
            shakes = [s for s in self.on(day) if device_id in (None, s.device_id) and page_id in (None, s.page_id)]
            rows.append({"ftime": day, **_figures(shakes)})
        return rows

    def one_day(self, body: dict[str, Any], now: float, by: str) -> dict[str, Any]:
        """``statistics/devicelist`` (``by="device_id"``) or ``pagelist`` (``"page_id"``): that day's page of rows
        (``rows``) and the ``date``, ``total_count`` and ``page_index`` WeChat answers beside them."""
        date = rules.integer(body, "date", rules.DATE_RANGE_INVALID)
        page_index = rules.integer(body, "page_index", rules.POST_INVALID, low=1)
        day, today = day_start(date), day_start(now)
        if day >= today or day < today - HISTORY_DAYS * DAY:
            raise refuse(rules.DATE_RANGE_INVALID)
        grouped: defaultdict[int, list[Shake]] = defaultdict(list)
        for shake in self.on(day):
            grouped[getattr(shake, by)].append(shake)
        rows = [{by: key, **_figures(shakes)} for key, shakes in grouped.items()]
        rows.sort(key=lambda row: (-row["shake_uv"], row[by]))
        start = (page_index - 1) * PAGE_SIZE
        return {
            "rows": rows[start : start + PAGE_SIZE],
            "date": date,
            "total_count": len(rows),
            "page_index": page_index,
        }
