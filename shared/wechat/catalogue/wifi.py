"""微信连Wi-Fi: stores' Wi-Fi networks and devices, the connection QR code, the pages around a connection, statistics.

Every call names a store by its Wi-Fi ``shop_id`` (from ``bizwifi/shop/list``; the stores themselves
come from 门店). A store has one kind of network: password devices (``device/add``, protocol_type 4)
or portal devices (``apportal/register``, 31); ``shop/clean`` empties it so that it can change kind.
A device (a bssid) appears once someone connects through it. WeChat answers ``{"errcode": 0,
"data": ...}`` and its own 900xxxx codes (WiFi_Error_Codes).

WeChat has withdrawn this group's documentation: its overview page (WiFi_Software_Service_Management_API)
and the QR-code page now read "该文档已下线". No shut-down date or replacement is announced, so the calls
stay catalogued as current and the proxy passes them on; the rules here are those of the last published
pages (and the SDKs that copied them).
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "wifi"
SHOP = 429620  # the docs' example store
OTHER_SHOP = 7921527


def _call(action: str, summary: str, example: dict[str, Any], *, changes: bool) -> Endpoint:
    return Endpoint(f"bizwifi/{action}", "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example)


ENDPOINTS = (
    _call(
        "openplugin/token", "Whether the Wi-Fi plug-in is open; a wifi_token to open it (third-party platforms)",
        {"callback_url": "https://wifi.example.com/opened"}, changes=False,
    ),
    _call("shop/list", "The account's stores with their Wi-Fi networks (pages of up to 20)",
          {"pageindex": 1, "pagesize": 2}, changes=False),
    _call("shop/get", "One store's network: ssids, passwords, device count, homepage, bar",
          {"shop_id": SHOP}, changes=False),
    _call(
        "device/add", "Add a password network (ssid ≤ 32, password 8–24; one of them starts with WX)",
        {"shop_id": SHOP, "ssid": "WX123", "password": "12345689"}, changes=True,
    ),
    _call(
        "apportal/register", "Add a portal network (ssid ≤ 30): its secretkey",
        {"shop_id": OTHER_SHOP, "ssid": "WX-portal", "reset": False}, changes=True,
    ),
    _call(
        "shop/update", "Rename a store's network (ssid) or change its password",
        {"shop_id": SHOP, "old_ssid": "WX123", "ssid": "WX567", "password": "12345689"}, changes=True,
    ),
    _call("device/list", "Devices (bssids) that connected, by store or all (pages of up to 20)",
          {"pageindex": 1, "pagesize": 10, "shop_id": SHOP}, changes=False),
    _call("device/delete", "Delete one device by its bssid", {"bssid": "00:1f:7a:ad:5c:a8"}, changes=True),
    _call("qrcode/get", "The QR code (0) or the printable sign (1) that connects to a store's network",
          {"shop_id": SHOP, "ssid": "WX567", "img_id": 1}, changes=False),
    _call(
        "homepage/set", "The page behind the chat-list bar: default (0), a URL (1) or a linked mini program (2)",
        {"shop_id": SHOP, "template_id": 1, "struct": {"url": "https://wifi.example.com/home"}}, changes=True,
    ),
    _call("homepage/get", "A store's merchant homepage", {"shop_id": SHOP}, changes=False),
    _call("bar/set", "The chat-list bar's greeting (bar_type 0–3)", {"shop_id": SHOP, "bar_type": 1}, changes=True),
    _call(
        "finishpage/set", "The page after a connection: a URL (type 0) or a linked mini program (type 1)",
        {"shop_id": SHOP, "finishpage_url": "https://wifi.example.com/done"}, changes=True,
    ),
    _call(
        "statistics/list", "Connections, homepage visits and follows per day (≤ 30 days; shop_id -1 for all)",
        {"begin_date": "2015-05-01", "end_date": "2015-05-02", "shop_id": -1}, changes=False,
    ),
    _call(
        "couponput/set", "A card to hand out after a connection (shop_id 0 for every store)",
        {
            "shop_id": SHOP, "card_id": "pBnTrjvZJXkZsPGwfq9F0Hl0WqE", "card_describe": "10元代金券",
            "start_time": 1457280000, "end_time": 1457712000,
        },
        changes=True,
    ),
    _call("couponput/get", "A store's card placement and its status", {"shop_id": SHOP}, changes=False),
    Endpoint(
        "bizwifi/account/get_connecturl", "GET", GROUP,
        "The URL that connects from a menu (every device a password device)", changes=False,
    ),
    _call("shop/clean", "Empty a store's network and devices (or one ssid's)", {"shop_id": SHOP, "ssid": "WX567"},
          changes=True),
)  # fmt: skip
