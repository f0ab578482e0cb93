"""WeChat's own figures for an account's days (``source=wechat``), beside the dispatcher's counts of the events.

Four of WeChat's statistics reports, asked through the typed API over the token service: followers
gained and lost (``getusersummary``) and their total (``getusercumulate``), messages followers sent
(``getupstreammsg``), and the callbacks WeChat made to the platform (``getinterfacesummary``). Each
report's range is cut into the windows WeChat allows; the four are asked at once. WeChat has a
day's figures the next morning, so a range must end before today in China.

``summarize`` is the pure part: rows in, one entry per day and the range's totals out.
"""

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TypedDict

from aiohttp import web

from services.dispatcher.analytics_days import days_between
from shared.wechat.api.datacube import DatacubeApi
from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.models.datacube_rows import (
    INTERFACE_SUMMARY,
    UPSTREAM_MSG,
    USER_CUMULATE,
    USER_SUMMARY,
    InterfaceSummaryRow,
    Row,
    UpstreamMsgRow,
    UserCumulateRow,
    UserSummaryRow,
)
from shared.wechat.transport import Transport

SOURCE = "wechat"
# WeChat's msg_type numbers, named as the platform names message types.
MESSAGE_TYPES = {1: "text", 2: "image", 3: "voice", 4: "video", 6: "link"}


class Callbacks(TypedDict):
    count: int
    failed: int
    total_time_ms: int
    max_time_ms: int


class WeChatCounts(TypedDict):
    subscribes: int  # new_user
    unsubscribes: int  # cancel_user
    subscribes_by_source: dict[str, int]  # new_user by WeChat's user_source (30 QR code, 1 search …)
    followers: int | None  # cumulate_user at the end of the day (of the range, for totals)
    messages: dict[str, int]  # msg_count by type
    total_messages: int
    callbacks: Callbacks


class WeChatDay(WeChatCounts):
    app_id: str
    date: str
    source: str


WeChatRange = TypedDict(
    "WeChatRange",
    {"app_id": str, "from": str, "to": str, "source": str, "days": list[WeChatDay], "totals": WeChatCounts},
)


def _empty() -> WeChatCounts:
    callbacks = Callbacks(count=0, failed=0, total_time_ms=0, max_time_ms=0)
    return WeChatCounts(
        subscribes=0, unsubscribes=0, subscribes_by_source={}, followers=None, messages={}, total_messages=0,
        callbacks=callbacks,
    )  # fmt: skip


def _add(into: dict[str, int], key: str, value: int) -> None:
    if value:
        into[key] = into.get(key, 0) + value


def _merge(counts: Iterable[WeChatCounts]) -> WeChatCounts:
    total = _empty()
    for day in counts:
        total["subscribes"] += day["subscribes"]
        total["unsubscribes"] += day["unsubscribes"]
        for source, value in day["subscribes_by_source"].items():
            _add(total["subscribes_by_source"], source, value)
        if day["followers"] is not None:
            total["followers"] = day["followers"]  # the last day's
        for msg_type, value in day["messages"].items():
            _add(total["messages"], msg_type, value)
        total["total_messages"] += day["total_messages"]
        calls, into = day["callbacks"], total["callbacks"]
        into["count"] += calls["count"]
        into["failed"] += calls["failed"]
        into["total_time_ms"] += calls["total_time_ms"]
        into["max_time_ms"] = max(into["max_time_ms"], calls["max_time_ms"])
    return total


def summarize(
    app_id: str,
    days: Sequence[str],
    users: Iterable[UserSummaryRow],
    totals: Iterable[UserCumulateRow],
    messages: Iterable[UpstreamMsgRow],
    callbacks: Iterable[InterfaceSummaryRow],
) -> WeChatRange:
    """The reports' rows as one entry per day of ``days`` (a day WeChat gave no row for counts nothing) and totals."""
    by_day: dict[str, WeChatCounts] = defaultdict(_empty)
    for user in users:
        day = by_day[user.ref_date]
        day["subscribes"] += user.new_user
        day["unsubscribes"] += user.cancel_user
        _add(day["subscribes_by_source"], str(user.user_source), user.new_user)
    for total in totals:
        by_day[total.ref_date]["followers"] = total.cumulate_user
    for message in messages:
        day = by_day[message.ref_date]
        _add(day["messages"], MESSAGE_TYPES.get(message.msg_type, str(message.msg_type)), message.msg_count)
        day["total_messages"] += message.msg_count
    for call in callbacks:
        calls = by_day[call.ref_date]["callbacks"]
        calls["count"] += call.callback_count
        calls["failed"] += call.fail_count
        calls["total_time_ms"] += call.total_time_cost
        calls["max_time_ms"] = max(calls["max_time_ms"], call.max_time_cost)
    entries = [WeChatDay(app_id=app_id, date=day, source=SOURCE, **by_day[day]) for day in days]
    return {
        "app_id": app_id, "from": days[0], "to": days[-1], "source": SOURCE, "days": entries,
        "totals": _merge(by_day[day] for day in days),
    }  # fmt: skip


class WeChatFigures:
    """Asks WeChat for an account's figures through ``transport`` (``DirectTransport`` over the token service)."""

    def __init__(self, transport: Transport, *, clock: Callable[[], float] = time.time) -> None:
        self._transport = transport
        self._catalogue: Catalogue = default_catalogue()
        self._clock = clock

    async def range(self, app_id: str, start: str, end: str) -> WeChatRange:
        """Each day from ``start`` to ``end`` and the totals. ``ValueError`` for a bad range or one reaching today
        (nothing is sent); ``WeChatError`` or ``TokenServiceError`` when a report cannot be had."""
        days = days_between(start, end)
        api = DatacubeApi(self._transport, app_id, self._catalogue, self._clock)
        api.range(USER_SUMMARY.name, days[-1])  # the last day decides whether WeChat has the figures yet
        first, last = days[0], days[-1]
        users, totals, messages, callbacks = await asyncio.gather(
            api.across(USER_SUMMARY, first, last),
            api.across(USER_CUMULATE, first, last),
            api.across(UPSTREAM_MSG, first, last),
            api.across(INTERFACE_SUMMARY, first, last),
            return_exceptions=True,  # let every report finish before answering, then raise the first failure
        )
        for answer in (users, totals, messages, callbacks):
            if isinstance(answer, BaseException):
                raise answer
        return summarize(app_id, days, _rows(users), _rows(totals), _rows(messages), _rows(callbacks))

    async def day(self, app_id: str, day: str) -> WeChatDay:
        return (await self.range(app_id, day, day))["days"][0]


def _rows(answer: list[Row] | BaseException) -> list[Row]:
    assert not isinstance(answer, BaseException)  # raised above
    return answer


FIGURES = web.AppKey("wechat_figures", WeChatFigures)
