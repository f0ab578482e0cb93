"""The constrained strings of WeChat's message bodies, each refusing with a reason a caller can act on."""

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from services.notifier.messages_errors import refuse

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
CLIENT_ID_RULE = "must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -"
URL_RULE = "must be an absolute http(s) URL"


class Model(BaseModel):
    """Every notifier model: unknown fields refused, values immutable once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _color(value: str) -> str:
    if not _COLOR.fullmatch(value):
        raise refuse("must be #RRGGBB")
    return value


def _client_id(value: str) -> str:
    if not _CLIENT_ID.fullmatch(value):
        raise refuse(CLIENT_ID_RULE)
    return value


def _http_url(value: str) -> str:
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise refuse(URL_RULE) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise refuse(URL_RULE)
    return value


NonEmpty = Annotated[str, Field(min_length=1)]
OpenId = Annotated[str, Field(min_length=1, max_length=64)]
TemplateId = Annotated[str, Field(min_length=1, max_length=128)]
Color = Annotated[str, AfterValidator(_color)]
ClientId = Annotated[str, AfterValidator(_client_id)]  # client_msg_id, client_batch_id
HttpUrl = Annotated[str, AfterValidator(_http_url)]  # kept as given, not normalized


def distinct_openids(openids: list[str]) -> list[str]:
    """``openids`` if none is repeated (WeChat would send to it twice); else a refusal naming the repeats."""
    seen: set[str] = set()
    repeated: list[int] = []
    for index, openid in enumerate(openids):
        if openid in seen:
            repeated.append(index)
        seen.add(openid)
    if repeated:
        raise refuse("duplicate openid", at=repeated)
    return openids
