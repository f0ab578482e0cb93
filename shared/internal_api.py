"""The internal HTTP APIs' edge: bearer ``INTERNAL_API_KEY`` on ``/v1/`` and JSON errors."""

import functools
import hmac
import re
from collections.abc import Awaitable, Callable

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, code: str, message: str, **extra: object) -> web.Response:
    return web.json_response({"error": code, "message": message, **extra}, status=status)


def bad_request(message: str) -> web.HTTPBadRequest:
    """To raise from a handler: 400 with a JSON body naming what is wrong."""
    return web.HTTPBadRequest(text=json_error(400, "bad_request", message).text, content_type="application/json")


def not_found(code: str, message: str) -> web.HTTPNotFound:
    return web.HTTPNotFound(text=json_error(404, code, message).text, content_type="application/json")


class InternalRoutes:
    """A service's internal API: every path under ``/v1/`` answers 401 unless the request
    carries ``Authorization: Bearer <api_key>``, also a path or method no route serves.

    The check wraps each handler rather than running as a middleware: aiohttp's middleware
    chain cost about a tenth of the token service's answer, on every request (health
    probes and metrics scrapes too). What no route serves under ``/v1/`` reaches a
    catch-all, guarded like the routes, that answers 404 or 405 as aiohttp would; the
    router tries the most specific path first, so routes win over it whatever their
    order, as long as the segment after ``/v1/`` is fixed.
    """

    def __init__(self, app: web.Application, api_key: str) -> None:
        self._router = app.router
        self._expected = api_key.encode()
        self._catch_all = self._router.add_route("*", "/v1/{path:.*}", self._guarded(self._unserved))

    def get(self, path: str, handler: Handler) -> None:
        self._router.add_get(_checked(path), self._guarded(handler))

    def post(self, path: str, handler: Handler) -> None:
        self._router.add_post(_checked(path), self._guarded(handler))

    def put(self, path: str, handler: Handler) -> None:
        self._router.add_put(_checked(path), self._guarded(handler))

    def delete(self, path: str, handler: Handler) -> None:
        self._router.add_delete(_checked(path), self._guarded(handler))

    def _guarded(self, handler: Handler) -> Handler:
        expected = self._expected

        @functools.wraps(handler)
        async def guarded(request: web.Request) -> web.StreamResponse:
            scheme, _, supplied = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(supplied.strip().encode(), expected):
                return json_error(401, "unauthorized", "a valid bearer INTERNAL_API_KEY is required")
            return await handler(request)

        return guarded

    async def _unserved(self, request: web.Request) -> web.StreamResponse:
        allowed: set[str] = set()
        for resource in self._router.resources():
            if resource is not self._catch_all.resource:
                allowed |= (await resource.resolve(request))[1]
        if allowed:
            raise web.HTTPMethodNotAllowed(request.method, allowed)
        raise web.HTTPNotFound()


def _checked(path: str) -> str:
    if not re.fullmatch(r"/v1/[^/{}]+(/.*)?", path):
        raise ValueError(f"internal API paths start with /v1/ and a fixed segment: {path!r}")
    return path
