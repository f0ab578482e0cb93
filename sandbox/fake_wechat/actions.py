"""Action tables: an area's WeChat paths, each answered by one call on that area's state.

A handler built here authorizes the call (its access_token: 41001/40014/40001/42001), decodes
the JSON body (``{}`` for a GET; 47001 for a body that is no JSON object), runs the action on
the area's state with the calling account and the time, and answers ``{"errcode": 0,
"errmsg": "ok", ...}`` with what the action returned (an action may answer its own ``errmsg``,
e.g. 摇一摇周边's ``"success."``). An ``ApiError`` the action raises is rendered by the edge
middleware as WeChat renders it. An area whose calls also read the query string (摇一摇周边's
lottery) routes ``QueryAction``s with ``add_query_actions``.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.state import FakeWeChatState

# What an action is given: the area's state, the calling account, the body and the time.
Action = Callable[[Any, str, dict[str, Any], float], dict[str, Any]]
# Which state an area keeps in the fake, e.g. ``lambda state: state.marketcodes``.
Area = Callable[[FakeWeChatState], Any]
# An action that also reads the call's query string: state, account, body, query and time.
QueryAction = Callable[[Any, str, dict[str, Any], dict[str, str], float], dict[str, Any]]
Handler = Callable[[web.Request], Awaitable[web.Response]]
Run = Callable[[Any, str, dict[str, Any], web.Request, float], dict[str, Any]]
H = TypeVar("H")


def _handler(area: Area, run: Run) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, now = authorized(request)
        body = await json_body(request) if request.method == "POST" else {}
        return wechat_json({**OK, **run(area(fake.state), app_id, body, request, now)})

    return handle


def action_handler(area: Area, action: Action) -> Handler:
    return _handler(area, lambda state, app_id, body, _request, now: action(state, app_id, body, now))


def query_action_handler(area: Area, action: QueryAction) -> Handler:
    return _handler(
        area, lambda state, app_id, body, request, now: action(state, app_id, body, dict(request.query), now)
    )


def _route(
    app: web.Application, posted: Mapping[str, H], got: Mapping[str, H] | None, handler: Callable[[H], Handler]
) -> None:
    for path, action in posted.items():
        app.router.add_post(path, handler(action))
    for path, action in (got or {}).items():
        app.router.add_get(path, handler(action), allow_head=False)


def add_actions(
    app: web.Application, area: Area, posted: Mapping[str, Action], got: Mapping[str, Action] | None = None
) -> None:
    """Route each path of ``posted`` (POST) and ``got`` (GET) to its action on ``area``."""
    _route(app, posted, got, lambda action: action_handler(area, action))


def add_query_actions(
    app: web.Application, area: Area, posted: Mapping[str, QueryAction], got: Mapping[str, QueryAction] | None = None
) -> None:
    """``add_actions`` for actions that also read the query string."""
    _route(app, posted, got, lambda action: query_action_handler(area, action))


def timeless(action: Callable[[Any, str, dict[str, Any]], dict[str, Any]]) -> Action:
    """An action that does not need the time."""
    return lambda area, app_id, body, _now: action(area, app_id, body)


# An action on the calling account's own part of an area (``area.of(app_id)``): its state, body and time.
A = TypeVar("A")
AccountAction = Callable[[A, dict[str, Any], float], dict[str, Any]]
_NOTHING: dict[str, Any] = {}


def on_account(action: AccountAction[Any]) -> Action:
    """``action`` run on the calling account's part of an area that keeps one per account (``of(app_id)``)."""
    return lambda area, app_id, body, now: action(area.of(app_id), body, now)


def done(change: Callable[[A, dict[str, Any], float], object]) -> AccountAction[A]:
    """An account action WeChat answers with ``ok`` alone."""

    def act(account: A, body: dict[str, Any], now: float) -> dict[str, Any]:
        change(account, body, now)
        return _NOTHING

    return act
