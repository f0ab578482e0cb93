"""微信连Wi-Fi per account, with no I/O: stores, their networks and devices, pages, card placements, connections.

Every account starts with WeChat's two example stores (429620 南山店 and 7921527 宝安店, both
reviewed); ``add_shop`` adds more as 门店 would. A device (bssid, unique in the account) appears
when someone connects through it (``connect``, from the control side) and goes with ``device/delete``
or with its ssid or store's ``shop/clean``. Each action takes the call's body and the time and
returns what WeChat answers besides ``errcode``/``errmsg``.
"""

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.wifi import rules
from sandbox.fake_wechat.wifi.shops import PASSWORD, Page, Shop
from sandbox.fake_wechat.wifi.statistics import ALL_SHOPS, Connections, rows

SEEDED = ((429620, "南山店", "285633617"), (7921527, "宝安店", "285623614"))
FIRST_ADDED_SHOP = 8000001
ALL_STORES = 0  # couponput's "every store"
IMG_IDS = (0, 1)  # the bare QR code, the printable sign
BAR_TYPES = (0, 1, 2, 3)  # 1 and 3 name the store
HOMEPAGE_TEMPLATES = (0, 1, 2)  # default, a URL, a mini program
FINISHPAGE_TYPES = (0, 1)  # a URL, a mini program
MAX_CARD_DESCRIBE = 18


@dataclass(frozen=True)
class Device:
    bssid: str
    shop_id: int
    ssid: str


def _url(body: dict[str, Any], name: str) -> str:
    value = rules.text(body, name)
    if urlsplit(value).scheme not in ("http", "https"):
        raise rules.invalid(name)
    return value


def _mini_program(kind: int, fields: dict[str, Any]) -> Page:
    """A page that opens a mini program linked to the account, named by its original id (gh_…)."""
    user_name, path = rules.text(fields, "wxa_user_name"), rules.text(fields, "wxa_path")
    if not user_name.startswith("gh_"):
        raise rules.invalid("wxa_user_name")
    return Page(kind, wxa_user_name=user_name, wxa_path=path)


def _paged(records: list[dict[str, Any]], index: int, size: int) -> dict[str, Any]:
    chunk = records[(index - 1) * size : index * size]
    return {"totalcount": len(records), "pageindex": index, "pagecount": math.ceil(len(records) / size),
            "records": chunk}  # fmt: skip


@dataclass
class Account:
    app_id: str
    shops: dict[int, Shop] = field(default_factory=dict)
    devices: dict[str, Device] = field(default_factory=dict)
    placements: dict[int, dict[str, Any]] = field(default_factory=dict)
    connections: Connections = field(default_factory=Connections)

    def __post_init__(self) -> None:
        for shop_id, name, poi_id in SEEDED:
            self.shops[shop_id] = Shop(shop_id, name, poi_id)

    def shop(self, body: dict[str, Any]) -> Shop:
        found = self.shops.get(rules.integer(body, "shop_id"))
        if found is None:
            raise ApiError(ErrCode.WIFI_NO_SUCH_SHOP)
        return found

    def add_shop(self, shop_name: str, poi_id: str, *, audited: bool) -> int:
        shop_id = max([FIRST_ADDED_SHOP - 1, *self.shops]) + 1
        self.shops[shop_id] = Shop(shop_id, shop_name, poi_id, audited=audited)
        return shop_id

    def _devices_of(self, shop_id: int, ssid: str | None = None) -> list[Device]:
        return [d for d in self.devices.values() if d.shop_id == shop_id and ssid in (None, d.ssid)]

    # -- the plug-in, stores and networks ------------------------------------------------------

    def plugin_token(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        _url(body, "callback_url")
        return {"data": {"is_open": True, "wifi_token": ""}}  # the fake's accounts have the plug-in open

    def shop_list(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        index, size = rules.page(body)
        return {"data": _paged([shop.listed() for shop in self.shops.values()], index, size)}

    def shop_get(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop = self.shop(body)
        return {"data": shop.detail(ap_count=len(self._devices_of(shop.shop_id)))}

    def add_password_network(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop = self.shop(body)
        shop.add_password_network(rules.text(body, "ssid"), rules.text(body, "password"))
        return {}

    def register_portal(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, reset = self.shop(body), body.get("reset", False)
        if not isinstance(reset, bool):
            raise rules.invalid("reset")
        return {"data": {"secretkey": shop.register_portal(rules.text(body, "ssid"), reset=reset)}}

    def update_shop(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, old, new = self.shop(body), rules.text(body, "old_ssid"), rules.text(body, "ssid")
        password = None if body.get("password") in (None, "") else rules.text(body, "password")
        shop.update_network(old, new, password)
        for device in self._devices_of(shop.shop_id, old):
            self.devices[device.bssid] = Device(device.bssid, shop.shop_id, new)
        return {}

    def clean_shop(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop = self.shop(body)
        ssid = None if body.get("ssid") in (None, "") else rules.text(body, "ssid")
        shop.clean(ssid)
        for device in self._devices_of(shop.shop_id, ssid):
            del self.devices[device.bssid]
        return {}

    # -- devices ------------------------------------------------------------------------------

    def connect(self, shop_id: int, ssid: str, bssid: str, openid: str, now: float) -> None:
        """Someone connects through the device ``bssid`` on ``ssid``: WeChat learns the device then."""
        shop = self.shop({"shop_id": shop_id})
        if ssid not in shop.networks:
            raise ApiError(ErrCode.WIFI_NO_SUCH_SSID)
        bssid = rules.bssid({"bssid": bssid})
        known = self.devices.get(bssid)
        if known is not None and (known.shop_id, known.ssid) != (shop_id, ssid):
            raise ApiError(ErrCode.WIFI_DEVICE_EXISTS, "the device has been added to another shop or ssid")
        self.devices[bssid] = Device(bssid, shop_id, ssid)
        self.connections.add(shop_id, openid, now)

    def device_list(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        index, size = rules.page(body)
        shop_id = None if body.get("shop_id") is None else self.shop(body).shop_id
        devices = [d for d in self.devices.values() if shop_id in (None, d.shop_id)]
        records = [
            {"shop_id": d.shop_id, "ssid": d.ssid, "bssid": d.bssid,
             "protocol_type": self.shops[d.shop_id].protocol_type}
            for d in devices
        ]  # fmt: skip
        return {"data": _paged(records, index, size)}

    def delete_device(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        if self.devices.pop(rules.bssid(body), None) is None:
            raise ApiError(ErrCode.WIFI_NO_SUCH_DEVICE)
        return {}

    # -- connecting and the pages around it -----------------------------------------------------

    def qrcode(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, ssid, img_id = self.shop(body), rules.text(body, "ssid"), rules.integer(body, "img_id")
        if img_id not in IMG_IDS:
            raise rules.invalid("img_id")
        if not shop.networks:
            raise ApiError(ErrCode.WIFI_NO_DEVICE_IN_SHOP)
        if ssid not in shop.networks:
            raise ApiError(ErrCode.WIFI_NO_SUCH_SSID)
        key = hashlib.sha256(f"{self.app_id}:{shop.shop_id}:{ssid}:{img_id}".encode()).hexdigest()[:32]
        return {"data": {"qrcode_url": f"https://wifi.weixin.qq.com/cgi-bin/qrcode?k={key}&img_id={img_id}"}}

    def connect_url(self, _body: dict[str, Any], _now: float) -> dict[str, Any]:
        kinds = {shop.protocol_type for shop in self.shops.values() if shop.networks}
        if not kinds:
            raise ApiError(ErrCode.WIFI_NO_DEVICE_IN_ACCOUNT)
        if kinds != {PASSWORD}:
            raise ApiError(ErrCode.WIFI_NOT_ALL_PASSWORD)
        key = hashlib.sha256(f"connect:{self.app_id}".encode()).hexdigest()[:24]
        return {"data": {"connect_url": f"https://wifi.weixin.qq.com/biz/mp/connect?k={key}"}}

    def set_homepage(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, template_id = self.shop(body), rules.integer(body, "template_id")
        if template_id not in HOMEPAGE_TEMPLATES:
            raise rules.invalid("template_id")
        struct = body.get("struct")
        if template_id and not isinstance(struct, dict):
            raise rules.missing("struct")
        if template_id == 1:
            shop.homepage = Page(1, url=_url(struct or {}, "url"))
        elif template_id == 2:
            shop.homepage = _mini_program(2, struct or {})
        else:
            shop.homepage = Page()
        return {}

    def homepage(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop = self.shop(body)
        page = {"shop_id": shop.shop_id, "template_id": shop.homepage.kind, "url": shop.homepage.url}
        if shop.homepage.kind == 2:
            page |= {"wxa_user_name": shop.homepage.wxa_user_name, "wxa_path": shop.homepage.wxa_path}
        return {"data": page}

    def set_bar(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, bar_type = self.shop(body), rules.integer(body, "bar_type")
        if bar_type not in BAR_TYPES or (bar_type in (1, 3) and not shop.audited):
            raise rules.invalid("bar_type")  # a store under review cannot be named
        shop.bar_type = bar_type
        return {}

    def set_finishpage(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop, kind = self.shop(body), rules.integer(body, "finishpage_type", 0)
        if kind not in FINISHPAGE_TYPES:
            raise rules.invalid("finishpage_type")
        shop.finishpage = Page(0, url=_url(body, "finishpage_url")) if kind == 0 else _mini_program(1, body)
        return {}

    def statistics(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        begin, end = rules.day(body, "begin_date"), rules.day(body, "end_date")
        shop_id = rules.integer(body, "shop_id", ALL_SHOPS)
        if shop_id != ALL_SHOPS:
            self.shop(body)
        return {"data": rows(begin, end, shop_id, self.connections)}

    # -- cards handed out after a connection ----------------------------------------------------

    def _placement_shop(self, body: dict[str, Any]) -> int:
        shop_id = rules.integer(body, "shop_id")
        return shop_id if shop_id == ALL_STORES else self.shop(body).shop_id

    def set_coupon(self, body: dict[str, Any], _now: float) -> dict[str, Any]:
        shop_id, card_id = self._placement_shop(body), rules.text(body, "card_id")
        describe = rules.text(body, "card_describe")
        start, end = rules.integer(body, "start_time"), rules.integer(body, "end_time")
        if len(describe) > MAX_CARD_DESCRIBE:
            raise rules.invalid("card_describe")
        if not 0 < start < end:
            raise rules.invalid("start_time/end_time")
        self.placements[shop_id] = {"card_id": card_id, "card_describe": describe, "start": start, "end": end}
        return {}

    def coupon(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        """A store's own placement, else the every-store one (shop_id 0: "表示所有门店"), shop_id the placement's."""
        asked = self._placement_shop(body)
        shop_id = asked if asked in self.placements else ALL_STORES
        placed = self.placements.get(shop_id)
        if placed is None:
            raise ApiError(ErrCode.WIFI_NO_SUCH_CARD)
        status = 1 if now < placed["start"] else 2 if now > placed["end"] else 0  # not yet, expired, on
        return {"data": {
            "shop_id": shop_id, "card_status": status, "card_id": placed["card_id"],
            "card_describe": placed["card_describe"], "start_date": placed["start"], "end_date": placed["end"],
        }}  # fmt: skip


@dataclass
class Wifi:
    accounts: dict[str, Account] = field(default_factory=dict)

    def of(self, app_id: str) -> Account:
        account = self.accounts.get(app_id)
        if account is None:
            account = self.accounts[app_id] = Account(app_id)
        return account
