"""``GET /v1/apps/{app_id}/stats``: one day (``date``) or a range (``from``, ``to``).

``source`` says whose figures: ``own`` (the default) the dispatcher's counts of the events it
consumed; ``wechat`` WeChat's statistics reports for the same days (ready the day after, so the
day or range must end before today in China); ``both`` the two side by side. WeChat refusing a
report is 502 ``wechat_error`` with its errcode; the token service unreachable, 503.
"""

from typing import Any

import structlog
from aiohttp import web

from services.dispatcher.analytics import Analytics, DayStats, RangeStats, parse_day
from services.dispatcher.context import DISPATCHER
from services.dispatcher.stats_wechat import FIGURES
from shared.internal_api import bad_request, json_error, not_found
from shared.wechat.errors import WeChatError
from shared.wechat.token_provider import TokenServiceError

log = structlog.get_logger(__name__)

SOURCES = ("own", "wechat", "both")


async def stats(request: web.Request) -> web.Response:
    dispatcher = request.app[DISPATCHER]
    app_id = request.match_info["app_id"]
    if app_id not in dispatcher.accounts:
        raise not_found("unknown_app", "no such account")
    query = request.query
    source = query.get("source", "own")
    if source not in SOURCES:
        raise bad_request("source is own (the default), wechat or both")
    try:
        if "date" in query:
            day = parse_day(query["date"])
            return await _answer(request, app_id, source, day, None)
        if "from" in query and "to" in query:
            return await _answer(request, app_id, source, query["from"], query["to"])
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    raise bad_request("give date=YYYY-MM-DD, or from=YYYY-MM-DD and to=YYYY-MM-DD")


async def _answer(request: web.Request, app_id: str, source: str, start: str, end: str | None) -> web.Response:
    """One day (``end`` None) or the range ``start``…``end``, from ``source``."""
    analytics, figures = request.app[DISPATCHER].analytics, request.app.get(FIGURES)
    if source == "own":
        return web.json_response(await _own(analytics, app_id, start, end))
    if figures is None:
        return json_error(503, "wechat_unavailable", "this dispatcher does not ask WeChat for figures")
    try:
        theirs: Any = await (figures.day(app_id, start) if end is None else figures.range(app_id, start, end))
    except WeChatError as exc:
        log.warning("wechat_stats_refused", app_id=app_id, errcode=exc.errcode)
        return json_error(502, "wechat_error", f"WeChat refused its statistics: {exc.errmsg}", errcode=exc.errcode)
    except TokenServiceError as exc:
        log.warning("wechat_stats_no_token", app_id=app_id, status=exc.status)
        return json_error(503, "token_service_unavailable", "no access token for WeChat's statistics")
    if source == "wechat":
        return web.json_response(theirs)
    when = {"date": start} if end is None else {"from": theirs["from"], "to": theirs["to"]}
    ours = await _own(analytics, app_id, start, end)
    return web.json_response({"app_id": app_id, **when, "own": ours, "wechat": theirs})


async def _own(analytics: Analytics, app_id: str, start: str, end: str | None) -> DayStats | RangeStats:
    return await analytics.day(app_id, start) if end is None else await analytics.range(app_id, start, end)
