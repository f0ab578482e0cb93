"""WeChat API errors: one exception, one code table, one policy deciding what to do next."""

import enum
from typing import Any


class ErrCode(enum.IntEnum):
    SYSTEM_BUSY = -1
    OK = 0
    INVALID_CREDENTIAL = 40001  # invalid, or not the latest access_token
    INVALID_OPENID = 40003
    INVALID_ACCESS_TOKEN = 40014
    INVALID_APPID = 40013
    INVALID_TEMPLATE_ID = 40037
    INVALID_APPSECRET = 40125
    ACCESS_TOKEN_MISSING = 41001
    ACCESS_TOKEN_EXPIRED = 42001
    REQUIRE_SUBSCRIBE = 43004
    DAILY_QUOTA = 45009
    MINUTE_QUOTA = 45011
    OUT_OF_RESPONSE_WINDOW = 45015
    IP_NOT_WHITELISTED = 40164
    WIFI_BACKEND_TIMEOUT = 9002003  # 微信连Wi-Fi: "网络异常，后台服务超时，请稍后再试"


class Action(enum.Enum):
    """What a caller does about an error."""

    REFRESH_TOKEN = "refresh_token"  # passive refresh once, then retry
    RETRY = "retry"  # transient: back off and retry
    FAIL = "fail"  # permanent: give up and report


TOKEN_ERRORS = frozenset({ErrCode.INVALID_CREDENTIAL, ErrCode.INVALID_ACCESS_TOKEN, ErrCode.ACCESS_TOKEN_EXPIRED})
RETRYABLE_ERRORS = frozenset({ErrCode.SYSTEM_BUSY, ErrCode.WIFI_BACKEND_TIMEOUT})


def action_for(errcode: int) -> Action:
    if errcode in TOKEN_ERRORS:
        return Action.REFRESH_TOKEN
    if errcode in RETRYABLE_ERRORS:
        return Action.RETRY
    return Action.FAIL


class WeChatError(Exception):
    """An error answer from the WeChat API (``errcode`` ≠ 0), or a transport failure (errcode -1)."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeChat error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg

    @property
    def action(self) -> Action:
        return action_for(self.errcode)

    @property
    def retryable(self) -> bool:
        return self.action is Action.RETRY

    def to_json(self) -> dict[str, Any]:
        return {"errcode": self.errcode, "errmsg": self.errmsg}


def check(payload: Any) -> dict[str, Any]:
    """``payload`` if it is a WeChat success body; ``WeChatError`` otherwise."""
    if not isinstance(payload, dict):
        raise WeChatError(ErrCode.SYSTEM_BUSY, "malformed response from WeChat")
    errcode = payload.get("errcode", 0)
    if errcode:
        raise WeChatError(int(errcode), str(payload.get("errmsg", "")))
    return payload
