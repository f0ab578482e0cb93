"""The URLs of H5 pages the service sends browsers to or signs for: checked, never rewritten.

A login's ``return_to`` and a JS-SDK page's URL must be absolute ``http``/``https``
URLs on an allowed host. The check is strict where browsers and Python's parser
could disagree about the host: only printable ASCII (no spaces, controls or
look-alike letters), no backslash (browsers read it as ``/``), ``scheme://``
spelt out (no ``//host``, no ``https:host``), no userinfo (``@``), and a host of
plain DNS labels compared whole (no trailing dot, no percent-escapes).
The URL that passes is used exactly as sent: the result parameters are added
to its query without re-encoding anything else.
"""

import functools
from urllib.parse import quote

from services.web.hosts import DEFAULT_PORTS, HOSTNAME, AllowedHosts

MAX_URL_LENGTH = 2048
# The parameters the service adds to ``return_to``; stale ones in it are dropped first.
TICKET_PARAM = "wx_ticket"
ERROR_PARAM = "wx_error"
_RESULT_PARAMS = frozenset({TICKET_PARAM, ERROR_PARAM})


class RefusedUrl(ValueError):
    """Why a URL is refused (a fixed phrase: the URL itself is never quoted back)."""


def check_page_url(raw: str, hosts: AllowedHosts) -> str:
    """``raw`` if it is an http(s) URL on an allowed host, else ``RefusedUrl``."""
    if not raw:
        raise RefusedUrl("a URL is required")
    if len(raw) > MAX_URL_LENGTH:
        raise RefusedUrl(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if not (raw.isascii() and raw.isprintable()) or " " in raw or "\\" in raw:
        raise RefusedUrl("the URL must be printable ASCII without spaces or backslashes (percent-encode the rest)")
    scheme, separator, rest = raw.partition("://")
    # The authority ends where a path, query or fragment begins (no backslash can end it here).
    ends = [index for index in (rest.find("/"), rest.find("?"), rest.find("#")) if index >= 0]
    refusal = _origin_refusal(scheme.lower() if separator else "", rest[: min(ends, default=len(rest))], hosts)
    if refusal is not None:
        raise RefusedUrl(refusal)
    return raw


@functools.lru_cache(maxsize=4096)
def _origin_refusal(scheme: str, authority: str, hosts: AllowedHosts) -> str | None:
    """Why a URL with this scheme and authority is refused, or None (pages repeat their origins)."""
    if scheme not in DEFAULT_PORTS:
        return "the URL must start with http:// or https://"
    netloc = authority.lower()
    if "@" in netloc:
        return "the URL must not carry a user name or password"
    host, colon, port_text = netloc.partition(":")
    if not HOSTNAME.fullmatch(host) or (colon and not (port_text.isdigit() and 0 < int(port_text) < 65536)):
        return "the URL's host must be a plain host name, with an optional port"
    if not hosts.allows(host, int(port_text) if colon else DEFAULT_PORTS[scheme]):
        return "the URL's host is not one of this account's allowed hosts"
    return None


def with_result(return_to: str, name: str, value: str) -> str:
    """``return_to`` with ``name=value`` as the last query parameter (before any ``#fragment``),
    and without the result parameters a previous login left in it; nothing else changes."""
    base, hash_mark, fragment = return_to.partition("#")
    path, _, query = base.partition("?")
    kept = [part for part in query.split("&") if part.split("=", 1)[0] not in _RESULT_PARAMS] if query else []
    if kept and not kept[-1]:
        kept.pop()  # "?a=1&" gets no "&&"
    kept.append(f"{name}={quote(value, safe='')}")
    return f"{path}?{'&'.join(kept)}{hash_mark}{fragment}"
