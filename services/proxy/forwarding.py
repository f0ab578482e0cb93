"""One proxied call to WeChat, under the errcode policy the typed client shares.

Each request sent to WeChat is counted (and the first one guarded) in the daily quota; far
below the guard, while it is on its way (services/proxy/quota.py). A
token error (40001, 42001, 40014) has WeChat refuse the call, so it is made once more with
a token the token service refreshed (compare-and-refresh with the one that failed). -1, a
network error or an HTTP 5xx is retried with backoff only for an endpoint that changes
nothing: a write may have happened before its answer was lost. What comes back is WeChat's
answer, unchanged but for a token it might echo: a JSON body read whole, or a media answer
left open for the handler to stream.
"""

import asyncio
import random
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field

import aiohttp
from aiohttp import hdrs

from services.proxy.answers import buffered, errcode_of, scrubbed
from services.proxy.metrics import ProxyMetrics
from services.proxy.quota import NO_GUARD, QuotaCounter, Taken, seconds_to_next_day
from services.proxy.refusals import Refusal, upstream_unavailable
from services.proxy.upload import Upload
from shared.wechat.endpoint import Endpoint, Host
from shared.wechat.errors import WeChatError
from shared.wechat.policy import Step, backoff_seconds, next_step
from shared.wechat.token_provider import TokenProvider, TokenServiceError

TRANSIENT = -1  # what a network error or an HTTP 5xx counts as: WeChat's "system busy"


@dataclass(slots=True)
class Outgoing:
    """What the caller asked WeChat for."""

    app_id: str
    endpoint: Endpoint
    query: list[tuple[str, str]]
    body: bytes | Upload | None = None
    content_type: str | None = None


@dataclass(slots=True)
class Buffered:
    status: int
    content_type: str
    body: bytes


@dataclass(slots=True)
class Streamed:
    response: aiohttp.ClientResponse


@dataclass(slots=True)
class Trace:
    """What the audit line reports about the calls to WeChat."""

    attempts: int = 0
    errcode: int | None = None
    failure: str | None = field(default=None)


@dataclass(frozen=True, slots=True)
class Upstream:
    bases: Mapping[Host, str]
    attempts: int
    backoff_seconds: float
    timeout: aiohttp.ClientTimeout
    guard: Mapping[str, int]  # calls a day the guard allows, by path
    limits: Mapping[str, int]  # daily limits, by path, for the refusal's message


class Forwarder:
    def __init__(
        self,
        session: aiohttp.ClientSession,
        tokens: TokenProvider,
        quota: QuotaCounter,
        upstream: Upstream,
        metrics: ProxyMetrics,
    ) -> None:
        self.session = session
        self._tokens = tokens
        self._quota = quota
        self._upstream = upstream
        self._metrics = metrics

    async def send(self, out: Outgoing, trace: Trace) -> Buffered | Streamed:
        endpoint = out.endpoint
        token = await self._token(out.app_id) if endpoint.needs_token else None
        refreshed = False
        while True:
            trace.attempts += 1
            counting = await self._count(out, guarded=trace.attempts == 1)
            try:
                answer, trace.errcode, trace.failure = await self._attempt(out, token)
            finally:
                if counting is not None:
                    await counting
            if trace.errcode == 0 and answer is not None:
                return answer
            step = next_step(
                trace.errcode, retry_safe=endpoint.retry_safe, attempt=trace.attempts,
                attempts=self._upstream.attempts, refreshed=refreshed,
            )  # fmt: skip
            if step is Step.REFRESH_TOKEN and token is not None:
                self._metrics.retries.labels(endpoint.path, "token_refresh").inc()
                token, refreshed = await self._refresh(out.app_id, token), True
            elif step is Step.RETRY:
                self._metrics.retries.labels(endpoint.path, "transient").inc()
                pause = backoff_seconds(self._upstream.backoff_seconds, trace.attempts)
                await asyncio.sleep(pause * random.uniform(0.5, 1.5))
            elif answer is not None:
                return answer  # WeChat's error, as it is
            else:
                raise upstream_unavailable(trace.failure or "WeChat did not answer")

    async def _count(self, out: Outgoing, *, guarded: bool) -> "asyncio.Task[Taken] | None":
        """Count the request: first, when the guard may refuse it (``Refusal``); otherwise while it
        goes to WeChat (the task to await once it has, so the count is in before the answer)."""
        path = out.endpoint.path
        allowed = self._upstream.guard.get(path, NO_GUARD) if guarded else NO_GUARD
        if self._quota.clear_of_guard(out.app_id, path, allowed):
            return asyncio.create_task(self._tally(out.app_id, path, NO_GUARD))
        taken = await self._tally(out.app_id, path, allowed)
        if not taken.allowed:
            limit = self._upstream.limits[path]
            raise Refusal(
                429, "quota_exhausted",
                f"{out.app_id} has made {taken.calls} of its {limit} daily calls of {path}: the guard keeps "
                f"{limit - allowed} in reserve until the next China day",
                {"Retry-After": str(seconds_to_next_day())},
            )  # fmt: skip
        return None

    async def _tally(self, app_id: str, path: str, allowed: int) -> Taken:
        taken = await self._quota.take(app_id, path, allowed)
        if taken.calls is not None:
            self._metrics.daily_calls.labels(app_id, path).set(taken.calls)
        return taken

    async def _attempt(self, out: Outgoing, token: str | None) -> tuple[Buffered | Streamed | None, int, str | None]:
        """One request to WeChat: its answer and errcode, or no answer, -1 and why."""
        endpoint = out.endpoint
        params = out.query if token is None else [*out.query, ("access_token", token)]
        headers, data = _body(out)
        try:
            response = await self.session.request(
                endpoint.method, f"{self._upstream.bases[endpoint.host]}/{endpoint.path}", params=params,
                data=data, headers=headers, timeout=self._upstream.timeout,
            )  # fmt: skip
        except (aiohttp.ClientError, TimeoutError) as exc:  # never str(exc): it may quote the URL and its token
            return None, TRANSIENT, f"WeChat unreachable ({type(exc).__name__})"
        if response.status >= 500:
            response.release()
            return None, TRANSIENT, f"WeChat answered HTTP {response.status}"
        content_type = response.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
        if not buffered(endpoint, response.content_type):
            return Streamed(response), 0, None
        try:
            body = await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            return None, TRANSIENT, f"WeChat's answer broke off ({type(exc).__name__})"
        finally:
            response.release()
        return Buffered(response.status, content_type, scrubbed(body, token)), errcode_of(body), None

    async def _token(self, app_id: str) -> str:
        try:
            return await self._tokens.token(app_id)
        except (TokenServiceError, WeChatError) as exc:
            raise _token_unavailable(exc) from None

    async def _refresh(self, app_id: str, stale: str) -> str:
        try:
            return await self._tokens.refresh(app_id, stale)
        except (TokenServiceError, WeChatError) as exc:
            raise _token_unavailable(exc) from None


def _body(out: Outgoing) -> tuple[dict[str, str], bytes | AsyncIterator[bytes] | None]:
    if out.body is None:
        return {}, None
    headers: dict[str, str] = {hdrs.CONTENT_TYPE: out.content_type or "application/octet-stream"}
    if isinstance(out.body, bytes):
        return headers, out.body
    if out.body.size is not None:
        headers[hdrs.CONTENT_LENGTH] = str(out.body.size)
    return headers, out.body.body()


def _token_unavailable(exc: TokenServiceError | WeChatError) -> Refusal:
    if isinstance(exc, WeChatError):
        why = f"WeChat refused the token service (errcode {exc.errcode})"
    else:
        why = f"the token service answered {exc.status}" if exc.status else "the token service is unreachable"
    return Refusal(503, "token_unavailable", f"no access_token for this account: {why}")
