"""``GET /v1/apps/{app_id}/stats``: one day (``date``) or a range (``from``, ``to``)."""

from aiohttp import web

from services.dispatcher.analytics import parse_day
from services.dispatcher.context import DISPATCHER
from shared.internal_api import bad_request, not_found


async def stats(request: web.Request) -> web.Response:
    dispatcher = request.app[DISPATCHER]
    app_id = request.match_info["app_id"]
    if app_id not in dispatcher.accounts:
        raise not_found("unknown_app", "no such account")
    query = request.query
    try:
        if "date" in query:
            return web.json_response(await dispatcher.analytics.day(app_id, parse_day(query["date"])))
        if "from" in query and "to" in query:
            return web.json_response(await dispatcher.analytics.range(app_id, query["from"], query["to"]))
    except ValueError as exc:
        raise bad_request(str(exc)) from None
    raise bad_request("give date=YYYY-MM-DD, or from=YYYY-MM-DD and to=YYYY-MM-DD")
