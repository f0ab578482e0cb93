"""What the platform knows about one WeChat API endpoint: the catalogue's row type.

An endpoint is data: its path, method, group, whether it changes anything, WeChat's
daily limit, how its request and answer are carried, and, for an endpoint WeChat has
shut down, the path that replaces it. The typed client, the API proxy, the proxy's
OpenAPI document and the coverage page all read these rows; none keeps a list of its own.
"""

import enum
from dataclasses import dataclass, field
from typing import Any, Literal

Method = Literal["GET", "POST"]


class Body(enum.Enum):
    """How a call's request is carried (besides its query)."""

    NONE = "none"  # query only
    JSON = "json"
    MULTIPART = "multipart"  # a file upload, streamed


class Answer(enum.Enum):
    """What WeChat answers."""

    JSON = "json"
    MEDIA = "media"  # bytes with their content type (a JSON body only for an error)
    JSON_OR_MEDIA = "json_or_media"  # bytes for some kinds (image, voice), JSON for others (video, news)


class Host(enum.Enum):
    API = "api"  # {WECHAT_API_BASE}, with the account's access_token
    MP = "mp"  # mp.weixin.qq.com: showqrcode, reached by ticket, without a token


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str  # WeChat's path without the leading slash: "cgi-bin/menu/create"
    method: Method
    group: str
    summary: str
    changes: bool  # False: a read, safe to retry after -1 or a network error
    daily_limit: int | None = None  # WeChat's documented default daily quota per account
    body: Body = Body.NONE
    answer: Answer = Answer.JSON
    host: Host = Host.API
    replacement: str | None = None  # set for an endpoint WeChat has shut down
    shut_down: str | None = None  # an endpoint WeChat shut down with nothing to replace it: when and why
    query: tuple[str, ...] = ()  # the query parameters WeChat reads, for the OpenAPI document
    upload_field: str | None = None  # the multipart field that carries the file
    example: dict[str, Any] | None = field(default=None, compare=False)  # a request body, for the docs

    @property
    def deprecated(self) -> bool:
        """Shut down by WeChat: with a ``replacement``, or with none (``shut_down`` says so)."""
        return self.replacement is not None or self.shut_down is not None

    @property
    def gone(self) -> str:
        """What a caller of a deprecated endpoint is told: the path to use instead, or that there is none."""
        if self.replacement is not None:
            return f"use {self.replacement}"
        return f"WeChat offers no replacement ({self.shut_down})" if self.shut_down else ""

    @property
    def retry_safe(self) -> bool:
        """Whether -1 or a network error may be answered by calling again."""
        return not self.changes

    @property
    def needs_token(self) -> bool:
        return self.host is Host.API

    def describe(self) -> dict[str, Any]:
        """The row ``GET /v1/endpoints`` lists."""
        return {
            "path": self.path,
            "method": self.method,
            "group": self.group,
            "changes": self.changes,
            "deprecated": self.deprecated,
            "replacement": self.replacement,
            "daily_limit": self.daily_limit,
        }
