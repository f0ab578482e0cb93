"""The account's mini programs: linking them (关联小程序) and the rules that open one when a follower scans
one of the account's parametric QR codes (扫服务号二维码打开小程序).

A rule names a prefix of the account's QR code links (``http://weixin.qq.com/q/...``) and a page
of a mini program the account has linked; it works once published. The same ``qrcodejump*``
paths serve a mini program's own "scan an ordinary link" rules, with other fields.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "wxopen"
MINI_PROGRAM = "wx0000000000000001"
_PREFIX = "http://weixin.qq.com/q/02P5KzM_xxxxx"


def _call(action: str, summary: str, example: dict[str, Any], *, changes: bool) -> Endpoint:
    return Endpoint(
        f"cgi-bin/wxopen/{action}", "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example
    )


ENDPOINTS = (
    _call("wxamplinkget", "The mini programs linked to the account", {}, changes=False),
    _call(
        "wxamplink", "Ask to link a mini program (its administrator confirms)",
        {"appid": MINI_PROGRAM, "notify_users": 1, "show_profile": 1}, changes=True,
    ),
    _call("wxampunlink", "Unlink a mini program", {"appid": MINI_PROGRAM}, changes=True),
    _call(
        "qrcodejumpget", "The QR code rules set for a linked mini program",
        {"appid": MINI_PROGRAM, "get_type": 2, "page_num": 1, "page_size": 200}, changes=False,
    ),
    _call(
        "qrcodejumpadd", "Add (is_edit 0) or change (1) a rule: a QR code prefix opens a page",
        {"prefix": _PREFIX, "appid": MINI_PROGRAM, "path": "pages/index/index", "is_edit": 0}, changes=True,
    ),
    _call("qrcodejumppublish", "Publish a rule", {"prefix": _PREFIX}, changes=True),
    _call("qrcodejumpdelete", "Delete a rule", {"prefix": _PREFIX, "appid": MINI_PROGRAM}, changes=True),
    _call(
        "qrcodejumpdownload", "The verification file for an ordinary link rule (mini programs)", {}, changes=False,
    ),
)  # fmt: skip
