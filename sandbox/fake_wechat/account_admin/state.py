"""Account settings and openid migration, with no I/O.

Auto-reply rules are set by hand on mp.weixin.qq.com (here: ``set_autoreply``, the control side);
``get_current_autoreply_info`` only reads them, both switches off until set. The draft box switch
turns on once and stays on; ``checkonly`` reads it. ``changeopenid`` translates up to 100 openids
of the account an account migrated from: each new openid is the same for the same old one, and an
empty or non-string openid is that row's "ori_openid error".
"""

import hashlib
import re
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_OPENIDS = 100
APPID = re.compile(r"wx[0-9a-zA-Z]{16}")
CLOSED_AUTOREPLY = {"is_add_friend_reply_open": 0, "is_autoreply_open": 0}


class AccountAdmin:
    def __init__(self) -> None:
        self._autoreply: dict[str, dict[str, Any]] = {}
        self._draft_box_open: set[str] = set()

    def set_autoreply(self, app_id: str, rules: dict[str, Any]) -> None:
        self._autoreply[app_id] = dict(rules)

    def autoreply(self, app_id: str) -> dict[str, Any]:
        return dict(self._autoreply.get(app_id, CLOSED_AUTOREPLY))

    def draft_switch(self, app_id: str, checkonly: str | None) -> dict[str, Any]:
        if checkonly not in (None, "0", "1"):
            raise ApiError(ErrCode.INVALID_ARGS, "invalid args: checkonly")
        if checkonly != "1":
            self._draft_box_open.add(app_id)
        return {"is_open": int(app_id in self._draft_box_open)}

    def change_openids(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        from_appid, openids = body.get("from_appid"), body.get("openid_list")
        if not isinstance(from_appid, str) or not APPID.fullmatch(from_appid) or from_appid == app_id:
            raise ApiError(ErrCode.INVALID_APPID)
        if not isinstance(openids, list) or not 0 < len(openids) <= MAX_OPENIDS:
            raise ApiError(ErrCode.INVALID_OPENID_LIST_SIZE)
        return {"result_list": [_translated(app_id, from_appid, openid) for openid in openids]}


def _translated(app_id: str, from_appid: str, openid: object) -> dict[str, Any]:
    if not isinstance(openid, str) or not openid:
        return {"ori_openid": openid, "new_openid": "", "err_msg": "ori_openid error"}
    new = "o" + hashlib.sha256(f"{from_appid}:{openid}:{app_id}".encode()).hexdigest()[:27]
    return {"ori_openid": openid, "new_openid": new, "err_msg": "ok"}
