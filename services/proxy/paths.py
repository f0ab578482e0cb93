"""Which catalogued endpoint a request names, decided on the path as the caller sent it.

Only WeChat's own path grammar resolves: segments of letters, digits, ``_`` and ``-``
separated by single slashes. Anything else (``..`` or ``.``, a percent-encoded character,
an empty segment, a scheme or host) is malformed (400) before the catalogue is asked, so no
normalisation by a server, a client or WeChat's front end can turn it into another path.
A well-formed path the catalogue lacks is 404: the proxy is not an open proxy.
"""

import re
from collections.abc import Collection

from services.proxy.refusals import Refusal
from shared.wechat.catalogue import Catalogue
from shared.wechat.endpoint import Endpoint

_SEGMENTS = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*")
_MAX_PATH = 200


def raw_tail(raw_path: str, app_id: str) -> str:
    """The part of the request target after ``/v1/apps/{app_id}/wechat/``, undecoded."""
    path = raw_path.split("?", 1)[0]
    prefix = f"/v1/apps/{app_id}/wechat/"
    if not path.startswith(prefix):  # the target was rewritten on the way (``..``, an encoded AppId)
        raise malformed()
    return path[len(prefix) :]


def malformed() -> Refusal:
    return Refusal(400, "malformed_path", "a WeChat path is segments of letters, digits, _ and - under /wechat/")


def resolve(tail: str, method: str, catalogue: Catalogue) -> Endpoint:
    """The endpoint ``tail`` names, callable with ``method``; a ``Refusal`` otherwise."""
    if len(tail) > _MAX_PATH or not _SEGMENTS.fullmatch(tail):
        raise malformed()
    endpoint = catalogue.get(tail)
    if endpoint is None:
        raise Refusal(404, "unknown_endpoint", f"{tail} is not in the platform's catalogue (GET /v1/endpoints)")
    if endpoint.deprecated:  # with a replacement, or none (``shut_down``)
        raise Refusal(410, "deprecated_endpoint", f"WeChat has shut {tail} down: {endpoint.gone}")
    if method != endpoint.method:
        raise Refusal(405, "method_not_allowed", f"{tail} is {endpoint.method}", {"Allow": endpoint.method})
    return endpoint


def known_app(app_id: str, accounts: Collection[str]) -> None:
    if app_id not in accounts:
        raise Refusal(404, "unknown_app", "no such account")


def no_token_in(query_names: Collection[str]) -> None:
    """A caller never sends a token: the proxy adds the account's."""
    if any(name.lower() == "access_token" for name in query_names):
        raise Refusal(400, "bad_request", "do not send access_token: the proxy adds the account's own")
