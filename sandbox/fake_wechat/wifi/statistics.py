"""``bizwifi/statistics/list``: one row per China day of a range of at most 30 days, counted from connections.

A row's ``statis_time`` is the day's midnight in China in milliseconds and its ``shop_id`` the
asked one as a string ("-1": every store), as WeChat's example shows. The fake counts the people
who connected through WeChat that day (``total_user`` and ``wxconnect_user``); it has no homepage
visits, follows or post-connection messages to count, so those are 0.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sandbox.fake_wechat.datacube_figures import CHINA
from sandbox.fake_wechat.wifi import rules

MAX_DAYS = 30
ALL_SHOPS = -1


@dataclass(frozen=True)
class Connection:
    shop_id: int
    openid: str
    at: float  # unix seconds

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.at, CHINA).date()


def check_range(begin: date, end: date) -> None:
    if end < begin or (end - begin).days + 1 > MAX_DAYS:
        raise rules.invalid("begin_date/end_date")


def rows(begin: date, end: date, shop_id: int, connections: list[Connection]) -> list[dict[str, int | str]]:
    check_range(begin, end)
    answer: list[dict[str, int | str]] = []
    for offset in range((end - begin).days + 1):
        day = begin + timedelta(days=offset)
        people = {c.openid for c in connections if c.day == day and shop_id in (ALL_SHOPS, c.shop_id)}
        midnight = datetime(day.year, day.month, day.day, tzinfo=CHINA)
        answer.append({
            "shop_id": str(shop_id), "statis_time": int(midnight.timestamp()) * 1000, "total_user": len(people),
            "homepage_uv": 0, "new_fans": 0, "total_fans": 0, "wxconnect_user": len(people), "connect_msg_user": 0,
        })  # fmt: skip
    return answer
