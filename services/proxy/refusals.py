"""The proxy's own refusals: one exception, rendered once as ``{"error", "message"}``."""

from collections.abc import Mapping

from aiohttp import web

from shared.internal_api import json_error


class Refusal(Exception):
    """The platform answers for WeChat: a 4xx or 5xx with a JSON body, nothing forwarded (or no more)."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def response(self) -> web.Response:
        answer = json_error(self.status, self.code, self.message)
        answer.headers.update(self.headers)
        return answer


def upstream_unavailable(message: str) -> Refusal:
    return Refusal(502, "upstream_unavailable", message)
