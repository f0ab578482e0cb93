"""The web service's Prometheus metrics, in a registry of its own; every known label value from 0."""

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
        scopes = [scope.value for scope in Scope]
        zero(self.logins_started, scopes)
        zero(self.logins_completed, scopes)
        zero(self.logins_refused, REFUSALS)
        zero(self.exchanges, EXCHANGE_RESULTS)
        zero(self.tickets_redeemed, REDEEM_RESULTS)
        zero(self.jssdk_configs, CONFIG_RESULTS)
