"""WeChat's addresses as the fake states them (``getcallbackip``, ``get_api_domain_ip``) and its network
check of the callback URL (``callback/check``). The fake calls back from and serves on loopback, so
every list defaults to 127.0.0.1; ``POST /_control/network`` changes them (no ``server_ips``: no
callback URL is set, 40201)."""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

ACTIONS = frozenset({"dns", "ping", "all"})
OPERATORS = frozenset({"CHINANET", "UNICOM", "CAP", "DEFAULT"})
LOOPBACK = ("127.0.0.1",)


@dataclass
class Network:
    callback_ips: list[str] = field(default_factory=lambda: list(LOOPBACK))
    api_domain_ips: list[str] = field(default_factory=lambda: list(LOOPBACK))
    server_ips: list[str] = field(default_factory=lambda: list(LOOPBACK))  # what the callback URL resolves to
    packet_loss: bool = False

    def check(self, body: dict[str, Any]) -> dict[str, Any]:
        action, operator = body.get("action"), body.get("check_operator")
        if action not in ACTIONS:
            raise ApiError(ErrCode.INVALID_CHECK_ACTION)
        if operator not in OPERATORS:
            raise ApiError(ErrCode.INVALID_CHECK_OPERATOR)
        if not self.server_ips:
            raise ApiError(ErrCode.CALLBACK_URL_NOT_SET)
        source = "CAP" if operator == "DEFAULT" else str(operator)
        dns = [{"ip": ip, "real_operator": "CAP"} for ip in self.server_ips]
        loss, time = ("100%", "0ms") if self.packet_loss else ("0%", "0.050ms")
        ping = [{"ip": ip, "from_operator": source, "package_loss": loss, "time": time} for ip in self.server_ips]
        return {"dns": dns if action != "ping" else [], "ping": ping if action != "dns" else []}

    def describe(self) -> dict[str, Any]:
        return {
            "callback_ips": self.callback_ips,
            "api_domain_ips": self.api_domain_ips,
            "server_ips": self.server_ips,
            "packet_loss": self.packet_loss,
        }
