"""One audit line and one set of metrics per proxied call.

The line names the account, the endpoint, the caller, WeChat's errcode, the attempts, the
latency and the bytes each way; never a token, a secret, a query or a body.
"""

import re
import time
from dataclasses import dataclass, field

import structlog
from aiohttp import web

from services.proxy.forwarding import Trace
from services.proxy.metrics import OUTCOMES, ProxyMetrics
from services.proxy.refusals import Refusal
from shared.wechat.endpoint import Endpoint

log = structlog.get_logger("services.proxy.audit")

_CALLER = re.compile(r"[A-Za-z0-9._:@/+-]{1,64}")


def caller_of(request: web.Request) -> str:
    """Who called: the ``X-Caller`` header (a service's name, when it is well-formed), else the peer address."""
    named = request.headers.get("X-Caller", "")
    if _CALLER.fullmatch(named):
        return named
    return request.remote or "unknown"


@dataclass(slots=True)
class CallRecord:
    app_id: str
    caller: str
    asked: str  # the path as asked, until it names an endpoint
    started: float = field(default_factory=time.perf_counter)
    endpoint: Endpoint | None = None
    trace: Trace = field(default_factory=Trace)
    status: int = 200
    error: str | None = None
    bytes_in: int = 0
    bytes_out: int = 0

    def refused(self, refusal: Refusal) -> None:
        self.status, self.error = refusal.status, refusal.code

    @property
    def outcome(self) -> str:
        if self.error is not None:
            return self.error
        return "wechat_error" if self.trace.errcode else "ok"


def record(call: CallRecord, metrics: ProxyMetrics) -> None:
    seconds = time.perf_counter() - call.started
    path = call.endpoint.path if call.endpoint is not None else call.asked[:100]
    outcome = call.outcome
    if call.endpoint is not None and outcome in OUTCOMES:
        metrics.calls.labels(call.app_id, path, outcome).inc()
        metrics.latency.labels(path).observe(seconds)
        if outcome == "quota_exhausted":
            metrics.quota_refusals.labels(call.app_id, path).inc()
    else:
        metrics.refusals.labels(outcome).inc()
    metrics.bytes_in.inc(call.bytes_in)
    metrics.bytes_out.inc(call.bytes_out)
    failure = {"failure": call.trace.failure} if call.trace.failure else {}
    log.info(
        "proxy_call", app_id=call.app_id, endpoint=path, caller=call.caller, status=call.status, outcome=outcome,
        errcode=call.trace.errcode, attempts=call.trace.attempts, latency_ms=round(seconds * 1000, 2),
        bytes_in=call.bytes_in, bytes_out=call.bytes_out, **failure,
    )  # fmt: skip
