"""流量主 reports: ad income per slot and day, 返佣商品 per day, and half-month settlements.

    rows = await api.publisher.ad_slots("2025-01-01", "2025-06-30")   # 3 windows of ≤ 90 days, every page
    page = await api.publisher.page(PublisherQuery.of(ADPOS, "2025-06-01", "2025-06-30", page=2))

``page`` is one call: its query is checked against WeChat's rules (``ValueError`` before anything
is sent) and a refusal in ``base_resp`` (2009 not a 流量主, 1701 bad parameters) raises
``WeChatError`` with WeChat's ``ret``. ``ad_slots`` and ``cps`` take any range, cut it into the
report's legal windows (oldest first) and read every page of each; ``settlements`` reads every page.
"""

from datetime import date
from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.errors import WeChatError
from shared.wechat.models.datacube import as_day, windows
from shared.wechat.models.publisher import (
    ADPOS,
    CPS,
    MAX_DAYS,
    SETTLEMENT,
    Action,
    AdSlot,
    PublisherPage,
    PublisherQuery,
)

PATH = "publisher/stat"


class PublisherApi(ApiGroup):
    async def page(self, query: PublisherQuery) -> PublisherPage:
        """One page of one report."""
        answer = await self._json(PATH, params=query.params())
        base = answer.get("base_resp") or {}
        ret = base.get("ret", 0) if isinstance(base, dict) else 0
        if ret:
            raise WeChatError(int(ret), str(base.get("err_msg", "")))
        key = "settlement_list" if query.action == SETTLEMENT else "list"
        rest = {k: v for k, v in answer.items() if k not in (key, "base_resp", "errcode", "errmsg")}
        return parse_answer(PATH, PublisherPage, {**rest, "rows": answer.get(key) or []})

    async def ad_slots(self, start: date | str, end: date | str, ad_slot: AdSlot | None = None) -> list[dict[str, Any]]:
        """Every row of ``start``…``end`` per ad slot and day (one slot with ``ad_slot``)."""
        return await self._every(ADPOS, start, end, ad_slot=ad_slot)

    async def cps(self, start: date | str, end: date | str) -> list[dict[str, Any]]:
        """Every 返佣商品 row of ``start``…``end``."""
        return await self._every(CPS, start, end)

    async def settlements(self, start: date | str, end: date | str) -> PublisherPage:
        """The settlements of ``start``…``end``, every page: ``rows`` (``settlement_list``), ``body`` (the
        paying entity), ``revenue_all``, ``penalty_all``, ``settled_revenue_all`` (fen)."""
        first = await self.page(PublisherQuery.of(SETTLEMENT, start, end))
        rows = list(first.rows) + await self._pages(PublisherQuery.of(SETTLEMENT, start, end), first)
        return first.model_copy(update={"rows": rows})

    async def _every(self, action: Action, start: date | str, end: date | str, **more: Any) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        span = MAX_DAYS[action] or (as_day(end) - as_day(start)).days + 1
        for first_day, last_day in windows(start, end, span):
            query = PublisherQuery.of(action, first_day, last_day, **more)
            page = await self.page(query)
            rows += page.rows + await self._pages(query, page)
        return rows

    async def _pages(self, query: PublisherQuery, first: PublisherPage) -> list[dict[str, Any]]:
        """The rows of the pages after ``first``."""
        rows: list[dict[str, Any]] = []
        number, seen = query.page, len(first.rows)
        while first.rows and seen < first.total_num:
            number += 1
            page = await self.page(query.model_copy(update={"page": number}))
            if not page.rows:
                break
            rows += page.rows
            seen += len(page.rows)
        return rows
