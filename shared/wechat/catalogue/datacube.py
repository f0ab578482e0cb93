"""Statistics (数据统计, seed 1.8): WeChat's daily reports on followers, articles, messages and the callback interface.

Every report is a read (``changes=False``: retried after -1) posted as ``{"begin_date", "end_date"}``
(``YYYY-MM-DD``, China days, ``end_date`` at most yesterday) and answered as ``{"list": [...]}``.
``max_days`` is the longest range one call may ask for (最大时间跨度), as WeChat documents it today;
WeChat answers a longer one, a reversed one or one reaching today with 61501 "date range error", and
a date it cannot read with 61500 "date format error". Where WeChat's reference pages disagree with
its overview tables, the stricter figure is kept (a range is only split into more calls):

- ``getupstreammsgdistweek`` and ``getupstreammsgdistmonth``: 30 in the overview, "跨度不超过15天"
  on their own pages → 15.
- ``getupstreammsgweek`` and ``getupstreammsgmonth``: 30 in the overview; their pages say "必须为同一天"
  and then show a two-day example and an 11-01…11-05 month query → 30 (the page text is a copy of
  the hourly report's).

The four card reports (卡券数据统计) take more than the range: ``cond_source`` (0 the cards made on the
platform's web pages, 1 those made through the API) for the account's, the coupons' and the member
cards' summaries, an optional ``card_id`` for the coupons' rows, and a required ``card_id`` for one
member card's rows. Their span is 62 days ("查询时间区间需<=62天"; 61501 past it), and like the others
they hold no figures for today.

The six article reports of 2014 (``getarticlesummary`` … ``getusersharehour``) are no longer
maintained by WeChat, which points to the four of 2025 (``getarticleread``, ``getarticleshare``,
``getbizsummary``, ``getarticletotaldetail``; data from 2025-11-01). WeChat still documents the old
ones and has not named a shutdown date, so they stay served, not deprecated.
"""

from dataclasses import dataclass
from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "datacube"
PREFIX = "datacube/"
CARD = "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"  # the docs' example card
EXAMPLE_FILTERS: dict[str, Any] = {"cond_source": 1, "card_id": CARD}


@dataclass(frozen=True, slots=True)
class Report:
    """One report: WeChat's name for it, the longest range a call may ask for, and what it holds."""

    name: str
    max_days: int
    summary: str
    required: tuple[str, ...] = ()  # body fields besides the range that WeChat requires (the card reports)
    optional: tuple[str, ...] = ()  # body fields besides the range that WeChat reads if given

    @property
    def path(self) -> str:
        return PREFIX + self.name

    def endpoint(self) -> Endpoint:
        days = "1 day" if self.max_days == 1 else f"{self.max_days} days"
        example = {"begin_date": "2025-11-01", "end_date": "2025-11-01" if self.max_days == 1 else "2025-11-03"}
        example |= {name: EXAMPLE_FILTERS[name] for name in self.required}
        return Endpoint(
            self.path, "POST", GROUP, f"{self.summary}; ≤ {days} a call", changes=False, body=Body.JSON,
            example=example,
        )  # fmt: skip


REPORTS = (
    # 用户分析
    Report("getusersummary", 7, "New and lost followers per day, by how they came"),
    Report("getusercumulate", 7, "Followers in all at the end of each day"),
    # 图文分析 (2014; WeChat no longer maintains them: see the four below)
    Report("getarticlesummary", 1, "Each article's reads and shares on one day (old: prefer getarticleread)"),
    Report("getarticletotal", 1, "An article's totals since it was sent (old: prefer getarticletotaldetail)"),
    Report("getuserread", 3, "Article reads per day, by where readers came from (old: prefer getbizsummary)"),
    Report("getuserreadhour", 1, "Article reads per hour (old: prefer getarticleread)"),
    Report("getusershare", 7, "Article shares per day, by scene (old: prefer getarticleshare)"),
    Report("getusersharehour", 1, "Article shares per hour, by scene (old: prefer getarticleshare)"),
    # 发表内容 (2025)
    Report("getarticleread", 1, "Each published article's readers on one day, by source"),
    Report("getarticleshare", 1, "Each published article's sharers on one day"),
    Report("getbizsummary", 30, "The account's published content per day: reads, shares, likes, comments"),
    Report("getarticletotaldetail", 1, "Articles published on one day, with their figures day by day (30 days)"),
    # 消息分析
    Report("getupstreammsg", 7, "Messages followers sent per day, by type"),
    Report("getupstreammsghour", 1, "Messages followers sent per hour, by type"),
    Report("getupstreammsgweek", 30, "Messages followers sent per week (dated the Monday), by type"),
    Report("getupstreammsgmonth", 30, "Messages followers sent per month (dated the 1st), by type"),
    Report("getupstreammsgdist", 15, "Followers per day by how many messages they sent (0, 1-5, 6-10, >10)"),
    Report("getupstreammsgdistweek", 15, "Followers per week by how many messages they sent"),
    Report("getupstreammsgdistmonth", 15, "Followers per month by how many messages they sent"),
    # 接口分析
    Report("getinterfacesummary", 30, "Callbacks to the account's server per day: count, failures, time"),
    Report("getinterfacesummaryhour", 1, "Callbacks to the account's server per hour"),
    # 卡券数据统计
    Report(
        "getcardbizuininfo",
        62,
        "The account's cards per day: views, receipts, uses, gifts, expiries",
        required=("cond_source",),
    ),
    Report(
        "getcardcardinfo",
        62,
        "Each free coupon's figures per day (one card with card_id)",
        required=("cond_source",),
        optional=("card_id",),
    ),
    Report(
        "getcardmembercardinfo",
        62,
        "The account's member cards per day: receipts, activations, members",
        required=("cond_source",),
    ),
    Report(
        "getcardmembercarddetail",
        62,
        "One member card's figures per day, with its quick-pay takings",
        required=("card_id",),
    ),
)

ENDPOINTS = tuple(report.endpoint() for report in REPORTS)
_BY_PATH = {report.path: report for report in REPORTS}


def report(name_or_path: str) -> Report:
    """A report by WeChat's name (``getusersummary``) or path (``datacube/getusersummary``); ``KeyError`` else."""
    found = _BY_PATH.get(name_or_path) or _BY_PATH.get(PREFIX + name_or_path)
    if found is None:
        raise KeyError(f"{name_or_path!r} is not one of WeChat's statistics reports")
    return found
