"""structlog, configured once at start: JSON lines (console on a tty), secrets redacted.

Redaction runs last before rendering, on every string in the event: known
secret values (AppSecret, Token, EncodingAESKey, INTERNAL_API_KEY,
WEB_SESSION_SECRET) and anything that looks like an access token, ticket, OAuth
code or web ticket in a URL, path or key are replaced.
"""

import functools
import logging
import re
import sys
from collections.abc import Iterable, MutableMapping
from typing import Any

import structlog

REDACTED = "[REDACTED]"
_SECRET_KEYS = re.compile(r"(secret|password|passwd|token|ticket|aes_?key|authorization|api_?key)", re.IGNORECASE)
_SECRET_IN_TEXT = re.compile(
    r"((?:access_token|jsapi_ticket|ticket|secret|appsecret|token|api_key)=)[^&\s\"']+", re.IGNORECASE
)
_BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
# OAuth codes and the web service's one-time tickets, in a URL's query or a ticket's path.
_WEB_SECRETS_IN_TEXT = re.compile(
    r"((?<![A-Za-z0-9_])(?:code|wx_ticket)=|/v1/web/tickets/)[^&/?#\s\"']+", re.IGNORECASE
)
_WEB_SECRET_KEYS = frozenset({"code", "oauth_code", "wx_ticket", "web_ticket"})
_PLAIN = frozenset({int, float, bool, type(None)})  # most of a line's values: nothing to scrub


class RedactSecrets:
    """A structlog processor that removes secret values before a line is rendered."""

    def __init__(self, secret_values: Iterable[str] = ()) -> None:
        # Longest first, so a secret that contains another is replaced whole.
        self._values = sorted({v for v in secret_values if len(v) >= 4}, key=len, reverse=True)

    def _scrub(self, value: Any) -> Any:
        if type(value) in _PLAIN:
            return value
        if isinstance(value, str):
            for secret in self._values:
                if secret in value:
                    value = value.replace(secret, REDACTED)
            if not _may_hold_secret(value):
                return value
            value = _WEB_SECRETS_IN_TEXT.sub(r"\1" + REDACTED, value)
            return _BEARER.sub(r"\1" + REDACTED, _SECRET_IN_TEXT.sub(r"\1" + REDACTED, value))
        if isinstance(value, dict):
            return {k: REDACTED if _is_secret_key(k) else self._scrub(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self._scrub(v) for v in value]
        return value

    def __call__(self, _logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        for key, value in event_dict.items():
            event_dict[key] = REDACTED if _is_secret_key(key) else self._scrub(value)
        return event_dict


def _may_hold_secret(value: str) -> bool:
    """What each of the patterns above needs in a string before it can match: most strings in a
    line (names, ids, paths) have none of it and skip the three substitutions. (Plain ``in``
    tests, at a fifth of a case-blind regex's cost.)"""
    if "=" in value:
        return True
    lowered = value.lower()
    return "bearer" in lowered or "/v1/web/tickets/" in lowered


def _is_secret_key(key: object) -> bool:
    return isinstance(key, str) and _is_secret_name(key)


@functools.lru_cache(maxsize=4096)  # a line's keys come from a small set of names
def _is_secret_name(key: str) -> bool:
    return key.lower() in _WEB_SECRET_KEYS or (bool(_SECRET_KEYS.search(key)) and not key.endswith(("_count", "_id")))


def configure_logging(*, level: str = "INFO", fmt: str = "auto", secret_values: Iterable[str] = ()) -> None:
    """Configure structlog and the stdlib root logger (aiohttp, aio-pika) to one JSON stream.

    structlog's own lines are rendered by structlog and written straight to stdout (about a
    third of the cost of the stdlib route, which a line per request pays); the stdlib's records
    go through a formatter with the same processors. Either way redaction runs last before
    rendering, with the one ``RedactSecrets``.
    """
    console = fmt == "console" or (fmt == "auto" and sys.stdout.isatty())
    renderer: Any = structlog.dev.ConsoleRenderer() if console else structlog.processors.JSONRenderer()
    redact = RedactSecrets(secret_values)
    shared_processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    structlog.configure(
        processors=[*shared_processors, structlog.processors.format_exc_info, redact, renderer],
        logger_factory=structlog.WriteLoggerFactory(sys.stdout),
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping()[level.upper()]),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[*shared_processors, structlog.stdlib.ExtraAdder()],
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.format_exc_info,
                redact,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
