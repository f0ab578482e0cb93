"""WeChat's statistics reports (``/datacube/…``) in the fake: WeChat's date rules, and which report answers what.

Every report is a POST of ``{"begin_date", "end_date"}``. WeChat refuses a date it cannot read
(missing, not a string, not a calendar day written ``YYYY-MM-DD``) with 61500 "date format error",
and a range that runs backwards, reaches today in China, or is longer than the report allows with
61501 "date range error". The longest ranges are WeChat's (最大时间跨度), kept here as WeChat states
them, independently of the platform's catalogue (a unit test compares the two). Days before
2014-12-01 have no rows; the 2025 article reports have none before 2025-11-01.

The four card reports (``datacube_cards``, ``CARD_REPORTS``) also read ``cond_source`` and ``card_id``.

The figures come from ``datacube_figures``: seeded per account and day, plus the fake's own
followers (see there).
"""

import re
from datetime import date
from typing import Any

from sandbox.fake_wechat import datacube_reports as articles
from sandbox.fake_wechat import datacube_traffic as traffic
from sandbox.fake_wechat.datacube_cards import CARD_REPORTS, Made
from sandbox.fake_wechat.datacube_figures import SOURCE_OF_SCENE, AccountFigures, china_day
from sandbox.fake_wechat.datacube_reports import Report
from sandbox.fake_wechat.directory import Directory
from sandbox.fake_wechat.errors import ApiError

DATE_FORMAT_ERROR, DATE_RANGE_ERROR = 61500, 61501
_ERRMSG = {DATE_FORMAT_ERROR: "date format error", DATE_RANGE_ERROR: "date range error"}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# name: (longest range in days, the report)
REPORTS: dict[str, tuple[int, Report]] = {
    "getusersummary": (7, articles.user_summary),
    "getusercumulate": (7, articles.user_cumulate),
    "getarticlesummary": (1, articles.article_summary),
    "getarticletotal": (1, articles.article_total),
    "getuserread": (3, articles.user_read),
    "getuserreadhour": (1, articles.user_read_hour),
    "getusershare": (7, articles.user_share),
    "getusersharehour": (1, articles.user_share_hour),
    "getarticleread": (1, articles.article_read),
    "getarticleshare": (1, articles.article_share),
    "getbizsummary": (30, articles.biz_summary),
    "getarticletotaldetail": (1, articles.article_total_detail),
    "getupstreammsg": (7, traffic.upstream_msg),
    "getupstreammsghour": (1, traffic.upstream_msg_hour),
    "getupstreammsgweek": (30, traffic.upstream_msg_week),
    "getupstreammsgmonth": (30, traffic.upstream_msg_month),
    "getupstreammsgdist": (15, traffic.upstream_msg_dist),
    "getupstreammsgdistweek": (15, traffic.upstream_msg_dist_week),
    "getupstreammsgdistmonth": (15, traffic.upstream_msg_dist_month),
    "getinterfacesummary": (30, traffic.interface_summary),
    "getinterfacesummaryhour": (1, traffic.interface_summary_hour),
}


def refused(errcode: int) -> ApiError:
    return ApiError(errcode, _ERRMSG[errcode])


def _day(value: object) -> date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise refused(DATE_FORMAT_ERROR)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise refused(DATE_FORMAT_ERROR) from None


def requested_range(body: dict[str, Any], max_days: int, today: date) -> tuple[date, date]:
    """The range a call asks for, or WeChat's 61500/61501."""
    begin, end = _day(body.get("begin_date")), _day(body.get("end_date"))
    if begin > end or end >= today or (end - begin).days + 1 > max_days:
        raise refused(DATE_RANGE_ERROR)
    return begin, end


def figures(directory: Directory, app_id: str) -> AccountFigures:
    """The account's figures, with its current followers' subscribe days and sources."""
    book = directory.followers(app_id)
    joined = [
        (china_day(follower.subscribe_time), SOURCE_OF_SCENE.get(follower.subscribe_scene, 0))
        for openid in book.following
        if (follower := book.get(openid)) is not None
    ]
    return AccountFigures(app_id, joined)


def answer(name: str, body: dict[str, Any], account: AccountFigures, now: float, cards: Made = ()) -> dict[str, Any]:
    """Report ``name``'s answer to ``body`` at unix time ``now`` (``KeyError`` for a report WeChat lacks).

    The range is checked first; a card report then checks its ``cond_source`` and ``card_id`` and
    lists the account's own ``cards`` (id and type) when it made any."""
    today = china_day(now)
    if name in CARD_REPORTS:
        span, card_report = CARD_REPORTS[name]
        return card_report(account, body, *requested_range(body, span, today), cards)
    max_days, report = REPORTS[name]
    begin, end = requested_range(body, max_days, today)
    return report(account, begin, end, today)
