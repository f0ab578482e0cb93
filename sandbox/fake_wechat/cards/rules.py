"""What 卡券 refuses, as the fake answers it: WeChat's card error codes (卡券错误码) and the checks behind them."""

from typing import Any

from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.errors import ApiError

INVALID_ACTION_INFO = 40053
INVALID_SERIAL_CODE = 40056  # a code the card never gave out or imported
INVALID_CARD_TYPE = 40071
INVALID_CODE_TYPE = 40072  # 不合法的编码方式
INVALID_CARD_ID = 40073
INVALID_CARD_STATUS = 40078
INVALID_TIME = 40079
CODE_CONSUMED = 40099
INVALID_CODE = 40116
INVALID_STOCK = 40122
INVALID_USER_CARD_STATUS = 40127  # deleted by its user, being given to a friend, made unavailable
FIELD_MISSING = 41011
CARD_ID_MISSING = 41012
FIELD_TOO_LONG = 45021
NO_STOCK = 45031
GET_LIMIT_REACHED = 45033


def refused(errcode: int, what: str) -> ApiError:
    return ApiError(errcode, what)


def text(body: dict[str, Any], key: str, *, max_chars: int | None = None, required: bool = True) -> str:
    """A string field: 41011 when missing, 45021 past ``max_chars`` (WeChat counts 汉字 as one each)."""
    value = body.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise refused(FIELD_MISSING, f"data format error, {key} is required")
    if max_chars is not None and len(value) > max_chars:
        raise refused(FIELD_TOO_LONG, f"{key} is longer than {max_chars} characters")
    return value


def flag(body: dict[str, Any], key: str, default: bool = False) -> bool:
    value = body.get(key, default)
    if not isinstance(value, bool):
        raise invalid(key)
    return value


def obj(body: dict[str, Any], key: str) -> dict[str, Any]:
    value = body.get(key)
    if not isinstance(value, dict):
        raise refused(FIELD_MISSING, f"data format error, {key} is required")
    return value


def card_id(body: dict[str, Any]) -> str:
    value = body.get("card_id")
    if value is None or value == "":
        raise refused(CARD_ID_MISSING, "missing card_id")
    if not isinstance(value, str):
        raise refused(INVALID_CARD_ID, "invalid card id")
    return value


def code_of(body: dict[str, Any], key: str = "code") -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value:
        raise refused(INVALID_SERIAL_CODE, "invalid serial code")
    return value


def code_list(body: dict[str, Any], *, most: int = 100) -> list[str]:
    """``code``: 1 to ``most`` codes of at most 20 characters each (40116 for a bad one)."""
    codes = body.get("code")
    if not isinstance(codes, list) or not codes or len(codes) > most:
        raise invalid(f"code: a list of 1 to {most} codes")
    for code in codes:
        if not isinstance(code, str) or not code or len(code) > 20:
            raise refused(INVALID_CODE, "invalid code")
    return codes
