"""Statistics: WeChat's daily reports on followers, articles, messages and callbacks, for a range of China days.

    rows = await api.datacube.user_summary("2025-11-01", "2025-11-07")      # one call (≤ 7 days)
    rows = await api.datacube.across(USER_SUMMARY, "2025-09-01", "2025-11-30")  # 13 calls, one list
    cards = await api.datacube.across(CARD_INFO, "2025-01-01", "2025-11-30", cond_source=1)  # 62 days a call

A report method makes one call: its range is checked against WeChat's rule (at most the report's
``max_days``, ``begin`` ≤ ``end``, ``end`` before today in China) and a range WeChat would refuse
raises ``ValueError`` before anything is sent. ``across`` takes any range, cuts it into the
report's legal windows (oldest first) and joins their rows in that order; each window is one
call, so a failure in any raises at once (nothing half-merged comes back). The card reports also take
``cond_source`` and ``card_id`` as WeChat asks for them (``CardFilter``): one they need and lack, or
one they do not read, raises ``ValueError`` before anything is sent; ``across`` sends them with every
window.
"""

import time
from collections.abc import Callable
from datetime import date
from typing import Any, overload

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.catalogue import Catalogue
from shared.wechat.catalogue import datacube as reports
from shared.wechat.models import datacube_rows as rows
from shared.wechat.models.datacube import CardFilter, DateLike, DateRange, china_today, report_filters, windows
from shared.wechat.models.datacube_rows import Kind, ReportAnswer, ReportRow, Row
from shared.wechat.transport import Transport


class DatacubeApi(ApiGroup):
    def __init__(
        self, transport: Transport, app_id: str, catalogue: Catalogue, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(transport, app_id, catalogue)
        self.clock = clock  # unix time: what "today" is (a test may set another)

    def today(self) -> date:
        return china_today(self.clock())

    def range(self, report: str, begin: DateLike, end: DateLike | None = None) -> DateRange:
        """The checked range of one call of ``report`` (``ValueError`` where WeChat would answer 61501)."""
        return DateRange.of(begin, end, reports.report(report).max_days, self.today())

    def body(self, report: str, begin: DateLike, end: DateLike | None = None, **filters: Any) -> dict[str, Any]:
        """One call's checked body: its range and, for a card report, its ``CardFilter`` fields."""
        found = reports.report(report)
        checked = self.range(report, begin, end)
        given = report_filters(found.name, found.required, found.optional, CardFilter.model_validate(filters))
        return checked.body() | given

    async def answer(self, report: str, begin: DateLike, end: DateLike | None = None, **filters: Any) -> ReportAnswer:
        """One call of ``report`` (WeChat's name or path) for ``begin``…``end``: the whole answer."""
        body = self.body(report, begin, end, **filters)
        path = reports.report(report).path
        return parse_answer(path, ReportAnswer, await self._json(path, json=body))

    @overload
    async def fetch(
        self, report: Kind[Row], begin: DateLike, end: DateLike | None = None, **filters: Any
    ) -> list[Row]: ...
    @overload
    async def fetch(
        self, report: str, begin: DateLike, end: DateLike | None = None, **filters: Any
    ) -> list[ReportRow]: ...
    async def fetch(
        self, report: Kind[Any] | str, begin: DateLike, end: DateLike | None = None, **filters: Any
    ) -> list[Any]:
        """One call's rows, read as the report's row model (``ReportRow`` for a report named by string)."""
        kind = _kind(report)
        answer = await self.answer(kind.name, begin, end, **filters)
        path = reports.report(kind.name).path
        return [parse_answer(path, kind.row, row) for row in answer.rows]

    @overload
    async def across(self, report: Kind[Row], begin: DateLike, end: DateLike, **filters: Any) -> list[Row]: ...
    @overload
    async def across(self, report: str, begin: DateLike, end: DateLike, **filters: Any) -> list[ReportRow]: ...
    async def across(self, report: Kind[Any] | str, begin: DateLike, end: DateLike, **filters: Any) -> list[Any]:
        """Every row of ``begin``…``end``, however long: one call per legal window, oldest first, rows in order.

        The whole range is checked first (``end`` before today, ``begin`` ≤ ``end``): a bad range
        sends nothing, and so do filters the report would refuse.
        """
        kind = _kind(report)
        legal = windows(begin, end, reports.report(kind.name).max_days)
        spans = list(legal)
        self.body(kind.name, spans[-1][1], spans[-1][1], **filters)  # the last day decides whether WeChat has it
        merged: list[Any] = []
        for first, last in spans:
            merged.extend(await self.fetch(kind, first, last, **filters))
        return merged

    # -- followers (≤ 7 days) ----------------------------------------------------------------------

    async def user_summary(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UserSummaryRow]:
        return await self.fetch(rows.USER_SUMMARY, begin, end)

    async def user_cumulate(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UserCumulateRow]:
        return await self.fetch(rows.USER_CUMULATE, begin, end)

    # -- articles, 2014 (WeChat no longer maintains them) ------------------------------------------

    async def article_summary(self, day: DateLike) -> list[rows.ArticleSummaryRow]:
        return await self.fetch(rows.ARTICLE_SUMMARY, day)

    async def article_total(self, day: DateLike) -> list[rows.ArticleTotalRow]:
        return await self.fetch(rows.ARTICLE_TOTAL, day)

    async def user_read(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UserReadRow]:
        return await self.fetch(rows.USER_READ, begin, end)

    async def user_read_hour(self, day: DateLike) -> list[rows.UserReadRow]:
        return await self.fetch(rows.USER_READ_HOUR, day)

    async def user_share(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UserShareRow]:
        return await self.fetch(rows.USER_SHARE, begin, end)

    async def user_share_hour(self, day: DateLike) -> list[rows.UserShareRow]:
        return await self.fetch(rows.USER_SHARE_HOUR, day)

    # -- published content, 2025 (data from 2025-11-01) --------------------------------------------

    async def article_read(self, day: DateLike) -> list[rows.ArticleReadRow]:
        return await self.fetch(rows.ARTICLE_READ, day)

    async def article_share(self, day: DateLike) -> list[rows.ArticleShareRow]:
        return await self.fetch(rows.ARTICLE_SHARE, day)

    async def biz_summary(self, begin: DateLike, end: DateLike | None = None) -> list[rows.BizSummaryRow]:
        return await self.fetch(rows.BIZ_SUMMARY, begin, end)

    async def article_total_detail(self, day: DateLike) -> list[rows.ArticleTotalDetailRow]:
        return await self.fetch(rows.ARTICLE_TOTAL_DETAIL, day)

    # -- messages ----------------------------------------------------------------------------------

    async def upstream_msg(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UpstreamMsgRow]:
        return await self.fetch(rows.UPSTREAM_MSG, begin, end)

    async def upstream_msg_hour(self, day: DateLike) -> list[rows.UpstreamMsgRow]:
        return await self.fetch(rows.UPSTREAM_MSG_HOUR, day)

    async def upstream_msg_week(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UpstreamMsgRow]:
        return await self.fetch(rows.UPSTREAM_MSG_WEEK, begin, end)

    async def upstream_msg_month(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UpstreamMsgRow]:
        return await self.fetch(rows.UPSTREAM_MSG_MONTH, begin, end)

    async def upstream_msg_dist(self, begin: DateLike, end: DateLike | None = None) -> list[rows.UpstreamMsgDistRow]:
        return await self.fetch(rows.UPSTREAM_MSG_DIST, begin, end)

    async def upstream_msg_dist_week(
        self, begin: DateLike, end: DateLike | None = None
    ) -> list[rows.UpstreamMsgDistRow]:
        return await self.fetch(rows.UPSTREAM_MSG_DIST_WEEK, begin, end)

    async def upstream_msg_dist_month(
        self, begin: DateLike, end: DateLike | None = None
    ) -> list[rows.UpstreamMsgDistRow]:
        return await self.fetch(rows.UPSTREAM_MSG_DIST_MONTH, begin, end)

    # -- the callback interface --------------------------------------------------------------------

    async def interface_summary(self, begin: DateLike, end: DateLike | None = None) -> list[rows.InterfaceSummaryRow]:
        return await self.fetch(rows.INTERFACE_SUMMARY, begin, end)

    async def interface_summary_hour(self, day: DateLike) -> list[rows.InterfaceSummaryRow]:
        return await self.fetch(rows.INTERFACE_SUMMARY_HOUR, day)

    # -- cards (≤ 62 days) -------------------------------------------------------------------------

    async def card_biz_summary(
        self, begin: DateLike, end: DateLike | None = None, *, cond_source: int
    ) -> list[rows.CardBizUinRow]:
        return await self.fetch(rows.CARD_BIZ_UIN, begin, end, cond_source=cond_source)

    async def card_summary(
        self, begin: DateLike, end: DateLike | None = None, *, cond_source: int, card_id: str | None = None
    ) -> list[rows.CardInfoRow]:
        return await self.fetch(rows.CARD_INFO, begin, end, cond_source=cond_source, card_id=card_id)

    async def member_card_summary(
        self, begin: DateLike, end: DateLike | None = None, *, cond_source: int
    ) -> list[rows.MemberCardInfoRow]:
        return await self.fetch(rows.MEMBER_CARD_INFO, begin, end, cond_source=cond_source)

    async def member_card_detail(
        self, begin: DateLike, end: DateLike | None = None, *, card_id: str
    ) -> list[rows.MemberCardDetailRow]:
        return await self.fetch(rows.MEMBER_CARD_DETAIL, begin, end, card_id=card_id)


def _kind(report: Kind[Any] | str) -> Kind[Any]:
    """A report given as a ``Kind`` or by WeChat's name or path (read as plain ``ReportRow``s)."""
    if isinstance(report, Kind):
        return report
    return Kind(reports.report(report).name, ReportRow)
