"""A store's Wi-Fi: its kind of network, its ssids (up to 100), and the pages shown around a connection.

A store has no network (protocol_type 0) until ``device/add`` makes it a password store (4) or
``apportal/register`` a portal store (31); the other kind is then refused (9002022 / 9002028)
until ``shop/clean`` empties it. An ssid is added once (9007001). A portal ssid carries the
secretkey its portal page signs with; registering it again answers the same key unless ``reset``.
"""

import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.wifi import rules

NONE, PASSWORD, PORTAL = 0, 4, 31
MAX_SSIDS = 100


@dataclass
class Network:
    ssid: str
    password: str = ""  # a password network's
    secretkey: str = ""  # a portal network's


@dataclass(frozen=True)
class Page:
    """A page shown around a connection: a web page or a mini program linked to the account."""

    kind: int = 0
    url: str = ""
    wxa_user_name: str = ""
    wxa_path: str = ""


@dataclass
class Shop:
    shop_id: int
    shop_name: str
    poi_id: str
    audited: bool = True  # 门店 review passed: bar types naming the store need it
    sid: str = ""
    protocol_type: int = NONE
    networks: dict[str, Network] = field(default_factory=dict)
    homepage: Page = field(default_factory=Page)  # template_id 0 default, 1 a URL, 2 a mini program
    bar_type: int = 0
    finishpage: Page = field(default_factory=Page)  # finishpage_type 0 a URL, 1 a mini program

    @property
    def ssids(self) -> list[str]:
        return list(self.networks)

    def _room_for(self, ssid: str) -> None:
        if ssid in self.networks:
            raise ApiError(ErrCode.WIFI_DUPLICATE_SSID)
        if len(self.networks) >= MAX_SSIDS:
            raise ApiError(ErrCode.WIFI_TOO_MANY_SSIDS)

    def add_password_network(self, ssid: str, password: str) -> None:
        if self.protocol_type not in (NONE, PASSWORD):
            raise ApiError(ErrCode.WIFI_SHOP_NOT_PASSWORD)
        rules.wx_prefixed(rules.password_ssid(ssid), rules.password(password))
        self._room_for(ssid)
        self.networks[ssid] = Network(ssid, password=password)
        self.protocol_type = PASSWORD

    def register_portal(self, ssid: str, *, reset: bool) -> str:
        if self.protocol_type not in (NONE, PORTAL):
            raise ApiError(ErrCode.WIFI_SHOP_NOT_PORTAL)
        rules.portal_ssid(ssid)
        network = self.networks.get(ssid)
        if network is None:
            self._room_for(ssid)
            network = self.networks[ssid] = Network(ssid, secretkey=secrets.token_hex(16))
        elif reset:
            network.secretkey = secrets.token_hex(16)
        self.protocol_type = PORTAL
        return network.secretkey

    def update_network(self, old_ssid: str, ssid: str, password: str | None) -> None:
        """Rename ``old_ssid`` (and, on a password network, change its password)."""
        if not self.networks:
            raise ApiError(ErrCode.WIFI_NO_NETWORK)
        network = self.networks.get(old_ssid)
        if network is None:
            raise ApiError(ErrCode.WIFI_NO_SUCH_SSID)
        if self.protocol_type == PORTAL:
            if password is not None:
                raise ApiError(ErrCode.WIFI_PORTAL_SSID_ONLY)
            rules.password_ssid(ssid)  # shop/update: 32 characters for either kind, "WX" only with a password
        else:
            new_password = network.password if password is None else rules.password(password)
            rules.wx_prefixed(rules.password_ssid(ssid), new_password)
            network.password = new_password
        if ssid != old_ssid:
            if ssid in self.networks:
                raise ApiError(ErrCode.WIFI_DUPLICATE_SSID)
            network.ssid = ssid
            self.networks = {(ssid if name == old_ssid else name): net for name, net in self.networks.items()}

    def clean(self, ssid: str | None) -> None:
        """Forget one ssid, or the whole network; a store left without ssids has no kind any more."""
        if ssid is None:
            self.networks.clear()
        elif self.networks.pop(ssid, None) is None:
            raise ApiError(ErrCode.WIFI_NO_SUCH_SSID)
        if not self.networks:
            self.protocol_type = NONE

    def listed(self) -> dict[str, Any]:
        """The row ``shop/list`` shows."""
        return {
            "shop_id": self.shop_id, "shop_name": self.shop_name, "ssid": next(iter(self.networks), ""),
            "ssid_list": self.ssids, "protocol_type": self.protocol_type, "sid": self.sid, "poi_id": self.poi_id,
        }  # fmt: skip

    def detail(self, ap_count: int) -> dict[str, Any]:
        """What ``shop/get`` answers."""
        first = next(iter(self.networks.values()), None)
        return {
            "shop_name": self.shop_name, "ssid": first.ssid if first else "", "ssid_list": self.ssids,
            "ssid_password_list": [{"ssid": n.ssid, "password": n.password} for n in self.networks.values()],
            "password": first.password if first else "", "protocol_type": self.protocol_type, "ap_count": ap_count,
            "template_id": self.homepage.kind, "homepage_url": self.homepage.url, "bar_type": self.bar_type,
            "sid": self.sid, "poi_id": self.poi_id, "homepage_wxa_user_name": self.homepage.wxa_user_name,
            "homepage_wxa_path": self.homepage.wxa_path, "finishpage_url": self.finishpage.url,
            "finishpage_wxa_user_name": self.finishpage.wxa_user_name, "finishpage_wxa_path": self.finishpage.wxa_path,
            "finishpage_type": self.finishpage.kind,
        }  # fmt: skip
