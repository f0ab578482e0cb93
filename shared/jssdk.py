"""The JS-SDK ``wx.config`` signature and its nonce: pure functions, no I/O.

WeChat signs SHA-1 over ``jsapi_ticket=…&noncestr=…&timestamp=…&url=…`` in that
order, with the page's URL exactly as the browser shows it, minus its ``#``
fragment (wechatpy ``WeChatJSAPI.get_jsapi_signature`` and EasyWeChat's
``JsApiTicket::configSignature`` agree). The page must send its own
``location.href.split('#')[0]``: a URL rebuilt behind a proxy (scheme, port,
re-encoded query) signs another string and ends in ``config:invalid signature``.
"""

import hashlib
import secrets


def page_url_for_signature(url: str) -> str:
    """The URL as WeChat signs it: everything before the first ``#``."""
    return url.split("#", 1)[0]


def jsapi_signature(*, ticket: str, nonce: str, timestamp: int, url: str) -> str:
    plain = f"jsapi_ticket={ticket}&noncestr={nonce}&timestamp={timestamp}&url={page_url_for_signature(url)}"
    return hashlib.sha1(plain.encode("utf-8")).hexdigest()  # noqa: S324 - WeChat's algorithm


def nonce_str(length: int = 16) -> str:
    """Random hexadecimal characters (within WeChat's [A-Za-z0-9]), from ``secrets``."""
    return secrets.token_hex((length + 1) // 2)[:length]
