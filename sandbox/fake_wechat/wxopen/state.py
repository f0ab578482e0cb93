"""Linked mini programs and QR code jump rules per account, with no I/O.

``wxamplink`` leaves a link waiting for the mini program's administrator (status 2) until
``confirm`` (the control side); only a linked (status 1) mini program takes rules. A rule's prefix
is one of the account's QR code links (``http://weixin.qq.com/q/…``); it is unpublished (state 1)
until ``qrcodejumppublish`` (state 2), which spends one of the month's publications.
Errors as WeChat's pages list them: 89015 already linked, 89016 too many linked, 85066 a bad
link, 85071 a rule added twice, 85073 too many rules; others are 40097 with a reason.
"""

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

LINKED, PENDING = 1, 2
MAX_LINKED = 10
MAX_RULES = 100_000
MAX_PAGE = 200
MAX_PREFIXES = 200
PUBLISH_QUOTA = 20
ALREADY_LINKED, TOO_MANY_LINKED = 89015, 89016
BAD_LINK, RULE_EXISTS, TOO_MANY_RULES = 85066, 85071, 85073
APPID = re.compile(r"wx[0-9a-f]{16}")
QRCODE_LINK = "http://weixin.qq.com/q/"


def _bad(reason: str) -> ApiError:
    return ApiError(ErrCode.INVALID_ARGS, f"invalid args: {reason}")


def _appid(body: dict[str, Any]) -> str:
    appid = body.get("appid")
    if not isinstance(appid, str) or not APPID.fullmatch(appid):
        raise _bad("appid")
    return appid


def _flag(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    if str(value) not in ("0", "1") or isinstance(value, bool):
        raise _bad(name)
    return int(str(value))


@dataclass
class Account:
    links: dict[str, int] = field(default_factory=dict)  # appid → status
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # prefix → rule, in the order added
    published: int = 0


class MiniPrograms:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}

    def _account(self, app_id: str) -> Account:
        return self._accounts.setdefault(app_id, Account())

    def link(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account, appid = self._account(app_id), _appid(body)
        _flag(body, "notify_users"), _flag(body, "show_profile")
        if appid in account.links:
            raise ApiError(ALREADY_LINKED, "has linked")
        if len(account.links) >= MAX_LINKED:
            raise ApiError(TOO_MANY_LINKED, "link mini program count reach limit")
        account.links[appid] = PENDING
        return {}

    def confirm(self, app_id: str, appid: str) -> None:
        """The mini program's administrator accepts the link."""
        self._account(app_id).links[appid] = LINKED

    def unlink(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account, appid = self._account(app_id), _appid(body)
        if account.links.pop(appid, None) is None:
            raise _bad("appid is not linked")
        for prefix in [p for p, rule in account.rules.items() if rule["appid"] == appid]:
            del account.rules[prefix]
        return {}

    def linked(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        items = [
            {
                "status": status,
                "appid": appid,
                "username": "gh_" + hashlib.sha256(appid.encode()).hexdigest()[:12],
                "nickname": f"小程序{appid[-4:]}",
                "headimg_url": "",
                "source": "",
                "selected": 1,
                "nearby_display_status": 0,
                "released": 1,
                "func_infos": [],
                "copy_verify_status": 0,
                "email": "",
            }
            for appid, status in self._account(app_id).links.items()
        ]
        return {"wxopens": {"items": items}}

    def _linked_appid(self, account: Account, body: dict[str, Any]) -> str:
        appid = _appid(body)
        if account.links.get(appid) != LINKED:
            raise _bad("the mini program is not linked to the account")
        return appid

    def add_rule(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account = self._account(app_id)
        appid = self._linked_appid(account, body)
        prefix, path, edit = body.get("prefix"), body.get("path"), _flag(body, "is_edit")
        if not isinstance(prefix, str) or not prefix.startswith(QRCODE_LINK) or len(prefix) <= len(QRCODE_LINK):
            raise ApiError(BAD_LINK, "invalid prefix")
        if not isinstance(path, str) or not path:
            raise _bad("path")
        rule = account.rules.get(prefix)
        if edit == 0 and rule is not None:
            raise ApiError(RULE_EXISTS, "prefix already exists")
        if edit == 1 and (rule is None or rule["appid"] != appid):
            raise _bad("prefix does not exist")
        if edit == 0 and sum(r["appid"] == appid for r in account.rules.values()) >= MAX_RULES:
            raise ApiError(TOO_MANY_RULES, "qrcode rule count reach limit")
        account.rules[prefix] = {"prefix": prefix, "appid": appid, "path": path, "state": 1}
        return {}

    def publish(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account = self._account(app_id)
        rule = account.rules.get(str(body.get("prefix")))
        if rule is None:
            raise _bad("prefix does not exist")
        if account.published >= PUBLISH_QUOTA:
            raise ApiError(ErrCode.DAILY_QUOTA)
        account.published += 1
        rule["state"] = 2
        return {}

    def delete_rule(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account, appid = self._account(app_id), _appid(body)
        rule = account.rules.get(str(body.get("prefix")))
        if rule is None or rule["appid"] != appid:
            raise _bad("prefix does not exist")
        del account.rules[rule["prefix"]]
        return {}

    def rules(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account = self._account(app_id)
        appid = self._linked_appid(account, body)
        mine = [r for r in account.rules.values() if r["appid"] == appid]
        get_type = body.get("get_type", 0)
        if get_type == 1:
            prefixes = body.get("prefix_list")
            if not isinstance(prefixes, list) or not prefixes or len(prefixes) > MAX_PREFIXES:
                raise _bad("prefix_list")
            shown = [r for r in mine if r["prefix"] in prefixes]
        elif get_type == 2:
            num, size = body.get("page_num"), body.get("page_size")
            if not isinstance(num, int) or num < 1 or not isinstance(size, int) or not 0 < size <= MAX_PAGE:
                raise _bad("page_num/page_size")
            shown = mine[(num - 1) * size : num * size]
        elif get_type == 0:
            shown = mine[-10_000:]
        else:
            raise _bad("get_type")
        return {
            "rule_list": [{"prefix": r["prefix"], "path": r["path"], "state": r["state"]} for r in shown],
            "qrcodejump_open": 1, "list_size": len(shown), "total_count": len(mine),
            "qrcodejump_pub_quota": PUBLISH_QUOTA - account.published,
        }  # fmt: skip

    def verify_file(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        digest = hashlib.sha256(f"qrcodejump:{app_id}".encode()).hexdigest()
        return {"file_name": f"{digest[:10]}.txt", "file_content": digest[10:42]}
