"""What WeChat's client checks when a page calls ``wx.config``: the signature, over the account's
valid jsapi_ticket, the page's nonce and timestamp and the page's own URL without its fragment."""

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

CONFIG_OK = "config:ok"
INVALID_SIGNATURE = "config:invalid signature"
INVALID_APPID = "config:invalid appid"
MISSING = "config:fail, missing "


def expected_signature(ticket: str, nonce: str, timestamp: str, url: str) -> str:
    page = url.partition("#")[0]
    text = "jsapi_ticket=" + ticket + "&noncestr=" + nonce + "&timestamp=" + timestamp + "&url=" + page
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 - WeChat's algorithm


def check_config(config: dict[str, Any], tickets: Iterable[str] | None) -> str:
    """``config:ok`` or WeChat's errMsg; ``tickets`` are the app's valid ones (None: unknown app)."""
    for name in ("appId", "timestamp", "nonceStr", "signature", "url"):
        if not isinstance(config.get(name), str | int) or config.get(name) in ("", None):
            return MISSING + name
    if tickets is None:
        return INVALID_APPID
    signature = str(config["signature"]).lower()
    for ticket in tickets:
        expected = expected_signature(ticket, str(config["nonceStr"]), str(config["timestamp"]), str(config["url"]))
        if hmac.compare_digest(signature.encode(), expected.encode()):
            return CONFIG_OK
    return INVALID_SIGNATURE
