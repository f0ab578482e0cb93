"""The internal APIs' bearer check: every ``/v1/`` route of every service is behind it."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from services.dispatcher.app import create_app as dispatcher_app
from services.dispatcher.settings import DispatcherSettings
from services.notifier.app import create_app as notifier_app
from services.notifier.settings import NotifierSettings
from services.proxy.app import create_app as proxy_app
from services.proxy.settings import ProxySettings
from services.token.app import create_app as token_app
from services.token.settings import TokenSettings
from shared.internal_api import InternalRoutes

API_KEY = "unit-test-internal-key"
ACCOUNT: dict[str, Any] = {
    "wechat_app_id": "wx0123456789abcdef",
    "wechat_app_secret": "s" * 32,
    "wechat_apps_file": None,
}
# Built, not started: nothing here connects to RabbitMQ or Redis.
SERVICES: dict[str, Callable[[], web.Application]] = {
    "token": lambda: token_app(TokenSettings(internal_api_key=API_KEY, **ACCOUNT)),
    "dispatcher": lambda: dispatcher_app(DispatcherSettings(internal_api_key=API_KEY, **ACCOUNT)),
    "notifier": lambda: notifier_app(NotifierSettings(internal_api_key=API_KEY, **ACCOUNT)),
    "proxy": lambda: proxy_app(ProxySettings(internal_api_key=API_KEY, **ACCOUNT)),
}


async def _ok(_request: web.Request) -> web.Response:
    return web.Response(text="reached")


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "wx0123456789abcdef", path)


@pytest.mark.parametrize("service", sorted(SERVICES))
async def test_every_v1_route_answers_401_without_the_key(service: str) -> None:
    app = SERVICES[service]()
    routes = [
        route
        for route in app.router.routes()
        if (route.resource.canonical if route.resource else "").startswith("/v1/")
    ]
    assert routes, f"{service} serves no /v1/ route"
    for route in routes:
        assert route.resource is not None
        path = _concrete(route.resource.canonical)
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
            request = make_mocked_request(route.method, path, headers=headers, app=app)
            response = await route.handler(request)
            assert response.status == 401, f"{service}: {route.method} {path} with {headers}"


async def test_the_key_lets_the_request_through() -> None:
    app = web.Application()
    InternalRoutes(app, API_KEY).get("/v1/ping", _ok)
    (route,) = [r for r in app.router.routes() if r.method == "GET"]
    for authorization in (f"Bearer {API_KEY}", f"bearer  {API_KEY} "):
        response = await route.handler(make_mocked_request("GET", "/v1/ping", headers={"Authorization": authorization}))
        assert isinstance(response, web.Response) and response.text == "reached"


@pytest.mark.parametrize(
    ("method", "path", "key", "status"),
    [
        ("GET", "/v1/nothing/here", None, 401),
        ("POST", "/v1/ping", None, 401),  # a method the route does not serve
        ("GET", "/v1/nothing/here", API_KEY, 404),
        ("POST", "/v1/ping", API_KEY, 405),
        ("GET", "/v1/ping", API_KEY, 200),
    ],
)
async def test_what_no_route_serves_under_v1_also_needs_the_key(
    aiohttp_client: Any, method: str, path: str, key: str | None, status: int
) -> None:
    app = web.Application()
    InternalRoutes(app, API_KEY).get("/v1/ping", _ok)
    client = await aiohttp_client(app)
    response = await client.request(method, path, headers={"Authorization": f"Bearer {key}"} if key else {})
    assert response.status == status
    if status == 401:
        assert (await response.json())["error"] == "unauthorized"
    if status == 405:
        assert set(response.headers["Allow"].split(",")) == {"GET", "HEAD"}


@pytest.mark.parametrize("path", ["/stats", "/v1/{app_id}/stats"])
def test_a_route_outside_v1_or_without_a_fixed_segment_is_refused_at_registration(path: str) -> None:
    # A route like /v1/{app_id}/… would share the catch-all's place in the router, and lose to it.
    with pytest.raises(ValueError, match="/v1/"):
        InternalRoutes(web.Application(), API_KEY).get(path, _ok)
