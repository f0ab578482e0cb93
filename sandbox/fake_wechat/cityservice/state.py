"""微信就医助手 per account, with no I/O: whether the account enabled it, and the messages it pushed.

Only public hospitals and 卫健委 accounts enable it (``enable``: a test's ``POST /_control/cityservice``);
others are refused with 48001 (WeChat documents no code of its own). A message names the calling
account's ``app_id`` (40013), a follower's ``open_id`` (40003), the visit's ``order_id``, a ``msg_id``
unique for that user and order (the same one again is the same message, not sent twice), a 就医助手
``status`` (150xxxx: 15010xx 门诊, 15020xx 住院, 15030xx 体检, 15040xx 线上问诊, 15050xx 诊后) and
``business_id`` 150, malformed ones 40097. ``business_info`` (an object, or its JSON text) carries at
least the patient's ``pat_name`` and ``pat_hospital_id`` (82446, as WeChat answers a bad one).
"""

import json
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.audience import Audience
from sandbox.fake_wechat.errors import ApiError, ErrCode

BUSINESS_ID = 150
STATUS_KINDS = range(1, 6)  # 15010xx … 15050xx
REQUIRED_INFO = ("pat_name", "pat_hospital_id")


@dataclass(frozen=True, slots=True)
class MedicalMessage:
    status: int
    open_id: str
    order_id: str
    msg_id: str
    business_info: dict[str, Any]
    sent_at: float

    def describe(self) -> dict[str, Any]:
        return {"status": self.status, "open_id": self.open_id, "order_id": self.order_id, "msg_id": self.msg_id,
                "business_info": self.business_info, "sent_at": self.sent_at}  # fmt: skip


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(ErrCode.INVALID_ARGS, f"invalid args, {key}")
    return value


def _status(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value // 10000 != 150:
        raise ApiError(ErrCode.INVALID_ARGS, "invalid args, status")
    if (value // 1000) % 10 not in STATUS_KINDS:
        raise ApiError(ErrCode.INVALID_ARGS, "invalid args, status")
    return value


def _business_info(value: object) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ApiError(ErrCode.MEDICAL_BUSINESS_INFO) from None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k] for k in REQUIRED_INFO):
        raise ApiError(ErrCode.MEDICAL_BUSINESS_INFO)
    return value


@dataclass
class Account:
    enabled: bool = False
    messages: list[MedicalMessage] = field(default_factory=list)


class CityService:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}

    def of(self, app_id: str) -> Account:
        return self._accounts.setdefault(app_id, Account())

    def enable(self, app_id: str, on: bool = True) -> None:
        self.of(app_id).enabled = on

    def send(self, audience: Audience, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        """``cityservice/sendchannelmsg``: one 就医助手 message to a follower's 服务通知."""
        account = self.of(app_id)
        if not account.enabled:
            raise ApiError(ErrCode.API_UNAUTHORIZED)
        if body.get("app_id") != app_id:
            raise ApiError(ErrCode.INVALID_APPID)
        if body.get("business_id") != BUSINESS_ID:
            raise ApiError(ErrCode.INVALID_ARGS, "invalid args, business_id is 150")
        status = _status(body.get("status"))
        open_id = audience.openid(app_id, body.get("open_id"))
        order_id, msg_id = _text(body, "order_id"), _text(body, "msg_id")
        info = _business_info(body.get("business_info"))
        if any(m.open_id == open_id and m.order_id == order_id and m.msg_id == msg_id for m in account.messages):
            return {}  # the same message again: sent once
        account.messages.append(MedicalMessage(status, open_id, order_id, msg_id, info, now))
        return {}
