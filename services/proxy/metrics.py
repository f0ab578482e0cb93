"""The proxy's Prometheus metrics, in a registry of its own; every known account, endpoint and
outcome from 0. Cardinality: accounts × catalogued endpoints × outcomes for the call counter."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from shared.metrics import service_registry, zero
from shared.wechat.endpoint import Endpoint

# ok: WeChat answered errcode 0 (or media); wechat_error: WeChat's errcode passed back;
# upstream_unavailable: 502 after the retries; token_unavailable: no token from the token
# service; quota_exhausted: the guard refused (429).
OUTCOMES = ("ok", "wechat_error", "upstream_unavailable", "token_unavailable", "quota_exhausted")
REFUSALS = (
    "malformed_path", "unknown_endpoint", "unknown_app", "deprecated_endpoint", "method_not_allowed", "bad_request",
    "payload_too_large",
)  # fmt: skip
RETRIES = ("token_refresh", "transient")


@dataclass
class ProxyMetrics:
    app_ids: Iterable[str] = ()
    endpoints: Iterable[Endpoint] = ()
    registry: CollectorRegistry = field(default_factory=service_registry)

    def __post_init__(self) -> None:
        r = self.registry
        labels = ["app_id", "endpoint"]
        self.calls = Counter(
            "wxmp_proxy_calls", "Calls by account, endpoint and outcome", [*labels, "outcome"], registry=r
        )
        self.refusals = Counter(
            "wxmp_proxy_refusals", "Requests refused before an account and endpoint were known", ["reason"], registry=r
        )
        self.quota_refusals = Counter("wxmp_proxy_quota_refusals", "Calls the quota guard refused", labels, registry=r)
        self.retries = Counter("wxmp_proxy_retries", "Calls made again at WeChat", ["endpoint", "reason"], registry=r)
        self.daily_calls = Gauge(
            "wxmp_proxy_daily_calls", "Requests sent to WeChat today (China day), as last counted in Redis", labels,
            registry=r,
        )  # fmt: skip
        self.store_errors = Counter(
            "wxmp_proxy_quota_store_errors", "Calls sent uncounted (Redis unavailable)", registry=r
        )
        self.latency = Histogram(
            "wxmp_proxy_call_seconds", "Time from request to answer (to the last byte of a download)", ["endpoint"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=r,
        )  # fmt: skip
        self.bytes = Counter(
            "wxmp_proxy_bytes", "Body bytes from callers (in) and to callers (out)", ["direction"], registry=r
        )
        apps, paths = list(self.app_ids), [e.path for e in self.endpoints if not e.deprecated]
        limited = [e.path for e in self.endpoints if e.daily_limit is not None and not e.deprecated]
        zero(self.calls, apps, paths, OUTCOMES)
        zero(self.refusals, REFUSALS)
        zero(self.quota_refusals, apps, limited)
        zero(self.retries, paths, RETRIES)
        self.bytes_in, self.bytes_out = self.bytes.labels("in"), self.bytes.labels("out")
        for path in paths:
            self.latency.labels(path)
