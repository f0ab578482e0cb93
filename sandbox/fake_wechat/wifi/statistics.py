"""``bizwifi/statistics/list``: one row per China day of a range of at most 30 days, counted from connections.

A row's ``statis_time`` is the day's midnight in China in milliseconds and its ``shop_id`` the
asked one as a string ("-1": every store), as WeChat's example shows. The fake counts the people
who connected through WeChat that day (``total_user`` and ``wxconnect_user``); it has no homepage
visits, follows or post-connection messages to count, so those are 0.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sandbox.fake_wechat.datacube_figures import CHINA
from sandbox.fake_wechat.wifi import rules

MAX_DAYS = 30
ALL_SHOPS = -1


@dataclass
class Connections:
    """Who connected, per China day and store: bounded by days × stores, one lookup a row."""

    people: defaultdict[tuple[date, int], set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, shop_id: int, openid: str, at: float) -> None:
        self.people[datetime.fromtimestamp(at, CHINA).date(), shop_id].add(openid)

    def on(self, day: date, shop_id: int) -> set[str]:
        """The people who connected on ``day`` at ``shop_id`` (``ALL_SHOPS``: at any store)."""
        if shop_id != ALL_SHOPS:
            return self.people.get((day, shop_id), set())
        return {openid for (when, _), openids in self.people.items() if when == day for openid in openids}


def check_range(begin: date, end: date) -> None:
    if end < begin or (end - begin).days + 1 > MAX_DAYS:
        raise rules.invalid("begin_date/end_date")


def rows(begin: date, end: date, shop_id: int, connections: Connections) -> list[dict[str, int | str]]:
    check_range(begin, end)
    answer: list[dict[str, int | str]] = []
    for offset in range((end - begin).days + 1):
        day = begin + timedelta(days=offset)
        people = connections.on(day, shop_id)
        midnight = datetime(day.year, day.month, day.day, tzinfo=CHINA)
        answer.append({
            "shop_id": str(shop_id), "statis_time": int(midnight.timestamp()) * 1000, "total_user": len(people),
            "homepage_uv": 0, "new_fans": 0, "total_fans": 0, "wxconnect_user": len(people), "connect_msg_user": 0,
        })  # fmt: skip
    return answer
