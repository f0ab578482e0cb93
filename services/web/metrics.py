"""The web service's Prometheus metrics, in a registry of its own; every known label value from 0."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter

from services.web.authorize import Scope
from shared.metrics import service_registry, zero

# Why a login did not end with a ticket: at its start (bad_request, bad_return_to), at the
# callback (bad_state, expired_state), the follower's choice (access_denied), WeChat's answer
# (invalid_code), or the platform (unavailable: token service, WeChat or Redis).
REFUSALS = (
    "bad_request",
    "bad_return_to",
    "bad_state",
    "expired_state",
    "access_denied",
    "invalid_code",
    "unavailable",
)
EXCHANGE_RESULTS = ("identity", "refused", "unavailable")
REDEEM_RESULTS = ("ok", "unknown")
CONFIG_RESULTS = ("ok", "bad_url", "unavailable")


@dataclass
class WebMetrics:
    registry: CollectorRegistry = field(default_factory=service_registry)

    def __post_init__(self) -> None:
        r = self.registry
        self.logins_started = Counter(
            "wxmp_web_logins_started", "Logins sent to WeChat's authorize page", ["scope"], registry=r
        )
        self.logins_completed = Counter(
            "wxmp_web_logins_completed", "Callbacks that ended with a ticket on return_to", ["scope"], registry=r
        )
        self.logins_refused = Counter("wxmp_web_logins_refused", "Logins refused, by reason", ["reason"], registry=r)
        self.exchanges = Counter(
            "wxmp_web_code_exchanges", "Codes exchanged at the token service (once per code)", ["result"], registry=r
        )
        self.tickets_redeemed = Counter(
            "wxmp_web_tickets_redeemed", "Ticket redemptions by the business backend", ["result"], registry=r
        )
        self.jssdk_configs = Counter("wxmp_web_jssdk_configs", "JS-SDK configs signed", ["result"], registry=r)
        # Each known child resolved once (``labels()`` costs more than the increment), from 0.
        scopes = [scope.value for scope in Scope]
        self.started = _children(self.logins_started, scopes)
        self.completed = _children(self.logins_completed, scopes)
        self.refused = _children(self.logins_refused, REFUSALS)
        self.exchanged = _children(self.exchanges, EXCHANGE_RESULTS)
        self.redeemed = _children(self.tickets_redeemed, REDEEM_RESULTS)
        self.configs = _children(self.jssdk_configs, CONFIG_RESULTS)


def _children(counter: Counter, values: Sequence[str]) -> dict[str, Counter]:
    zero(counter, values)
    return {value: counter.labels(value) for value in values}
