"""The internal HTTP APIs' edge: bearer ``INTERNAL_API_KEY`` on ``/v1/`` and JSON errors."""

import hmac
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error(status: int, code: str, message: str, **extra: object) -> web.Response:
    return web.json_response({"error": code, "message": message, **extra}, status=status)


def bad_request(message: str) -> web.HTTPBadRequest:
    """To raise from a handler: 400 with a JSON body naming what is wrong."""
    return web.HTTPBadRequest(text=json_error(400, "bad_request", message).text, content_type="application/json")


def not_found(code: str, message: str) -> web.HTTPNotFound:
    return web.HTTPNotFound(text=json_error(404, code, message).text, content_type="application/json")


def require_bearer(api_key: str) -> Middleware:
    """Middleware: ``Authorization: Bearer <api_key>`` on every ``/v1/`` path (401 otherwise)."""
    expected = api_key.encode()

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/v1/"):
            scheme, _, supplied = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(supplied.strip().encode(), expected):
                return json_error(401, "unauthorized", "a valid bearer INTERNAL_API_KEY is required")
        return await handler(request)

    return middleware
