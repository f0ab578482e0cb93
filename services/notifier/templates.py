"""The account's templates, as ``get_all_private_template`` lists them, cached in Redis for every replica.

``template(app_id, template_id)`` is the template a message names when the notifier knows it, else
None (the message is then checked for its shape only). One entry per account, ``templates:{app_id}``:
the templates' fields, or a note that WeChat could not list them, kept ``ttl`` seconds (a failure
that may pass, ``retry_seconds``). A miss fetches the list once per account and process at a time,
within ``fetch_timeout``; a template the list lacks makes one refetch once the list is
``refetch_seconds`` old (it may be new). Each replica also keeps what it read for ``memo_seconds``,
so a send costs no Redis call.

The same book holds the account's subscription templates (``wxaapi/newtmpl/gettemplate``), as
``kind="notice-templates"`` reading each ``priTmplId`` (``Template.from_notice_listing``).
"""

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import structlog
from redis.asyncio import Redis

from services.notifier.messages import InvalidMessage, TemplateValue
from services.notifier.metrics import NotifierMetrics
from services.notifier.template_rules import Template, check
from shared.wechat.errors import WeChatError
from shared.wechat.token_provider import TokenServiceError

log = structlog.get_logger(__name__)

Fetch = Callable[[str], Awaitable[list[dict[str, Any]]]]
Read = Callable[[Mapping[str, Any]], Template | None]


class TemplateBook:
    def __init__(
        self,
        redis: Redis,
        fetch: Fetch,
        *,
        ttl_seconds: int,
        retry_seconds: int = 30,
        refetch_seconds: float = 60.0,
        fetch_timeout: float = 3.0,
        memo_seconds: float = 5.0,
        prefix: str = "wxmp:notifier:",
        clock: Callable[[], float] = time.time,
        kind: str = "templates",
        read: Read = Template.from_listing,
    ) -> None:
        self._redis = redis
        self._fetch = fetch
        self._ttl = ttl_seconds
        self._retry = min(retry_seconds, ttl_seconds)
        self._refetch = refetch_seconds
        self._fetch_timeout = fetch_timeout
        self._memo_seconds = min(memo_seconds, ttl_seconds)
        self._prefix = prefix
        self._clock = clock
        self._kind = kind
        self._read_item = read
        self._memo: dict[str, tuple[float, dict[str, Any]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def template(self, app_id: str, template_id: str) -> Template | None:
        entry = await self._entry(app_id)
        if entry["templates"] is not None and template_id not in entry["templates"] and self._stale(entry):
            entry = await self._entry(app_id, refetch=True)  # it may have been added since
        templates = entry["templates"]
        if templates is None or template_id not in templates:
            return None
        return Template(template_id, tuple(templates[template_id]))

    def _stale(self, entry: dict[str, Any]) -> bool:
        return self._clock() - float(entry["fetched_at"]) >= self._refetch

    def _memoized(self, app_id: str) -> dict[str, Any] | None:
        memo = self._memo.get(app_id)
        return memo[1] if memo is not None and memo[0] > time.monotonic() else None

    async def _entry(self, app_id: str, *, refetch: bool = False) -> dict[str, Any]:
        entry = self._memoized(app_id)
        if entry is not None and not refetch:
            return entry
        async with self._locks.setdefault(app_id, asyncio.Lock()):  # one fetch per account at a time
            entry = self._memoized(app_id)
            if entry is not None and not (refetch and self._stale(entry)):
                return entry  # read or fetched while this caller waited
            entry = await self._read(app_id)
            if entry is None or (refetch and self._stale(entry)):
                entry = await self._load(app_id)
            self._memo[app_id] = (time.monotonic() + self._memo_seconds, entry)
            return entry

    async def _read(self, app_id: str) -> dict[str, Any] | None:
        raw = await self._redis.get(self._key(app_id))
        if raw is None:
            return None
        try:
            entry: dict[str, Any] = json.loads(raw)
        except ValueError:
            return None
        return entry if isinstance(entry, dict) and "fetched_at" in entry and "templates" in entry else None

    async def _load(self, app_id: str) -> dict[str, Any]:
        now = self._clock()
        try:
            listing = await asyncio.wait_for(self._fetch(app_id), self._fetch_timeout)
        except (WeChatError, TokenServiceError, TimeoutError) as exc:
            permanent = isinstance(exc, WeChatError) and not exc.retryable
            log.warning(
                "template_list_unavailable", kind=self._kind, app_id=app_id, error=str(exc), permanent=permanent
            )
            entry: dict[str, Any] = {"fetched_at": now, "templates": None}
            await self._redis.set(self._key(app_id), json.dumps(entry), ex=self._ttl if permanent else self._retry)
            return entry
        templates = [template for item in listing if (template := self._read_item(item)) is not None]
        entry = {"fetched_at": now, "templates": {t.template_id: list(t.fields) for t in templates}}
        await self._redis.set(self._key(app_id), json.dumps(entry, ensure_ascii=False), ex=self._ttl)
        log.info("template_list_cached", kind=self._kind, app_id=app_id, templates=len(templates))
        return entry

    def _key(self, app_id: str) -> str:
        return f"{self._prefix}{self._kind}:{app_id}"


class TemplateCheck:
    """A template message's ``data`` against the account's template, when the notifier knows it:
    ``InvalidMessage`` naming every problem, counted by outcome."""

    def __init__(self, book: TemplateBook, metrics: NotifierMetrics) -> None:
        self._book = book
        self._metrics = metrics

    async def __call__(self, app_id: str, template_id: str, data: Mapping[str, TemplateValue]) -> None:
        template = await self._book.template(app_id, template_id)
        if template is None:
            self._metrics.template_checks.labels("unchecked").inc()
            return
        try:
            check(data, template)
        except InvalidMessage:
            self._metrics.template_checks.labels("refused").inc()
            raise
        self._metrics.template_checks.labels("passed").inc()
