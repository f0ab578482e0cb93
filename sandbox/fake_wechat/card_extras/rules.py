"""What the card extensions refuse, as the fake answers it: one place for their error codes and checks."""

from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

INVALID_SERIAL_CODE = 40056  # a card code WeChat does not know
INVALID_CARD_ID = 40073


def invalid(what: str) -> ApiError:
    """WeChat's 40097 "invalid args", naming the field (WeChat's own hint is no more precise)."""
    return ApiError(ErrCode.INVALID_ARGS, f"invalid args, {what}")


def text(body: dict[str, Any], key: str, *, max_chars: int | None = None) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or (max_chars is not None and len(value) > max_chars):
        raise invalid(key)
    return value


def integer(body: dict[str, Any], key: str, *, low: int = 0, high: int = 2**32 - 1, default: int | None = None) -> int:
    value = body.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise invalid(key)
    return value


def obj(body: dict[str, Any], key: str) -> dict[str, Any]:
    value = body.get(key)
    if not isinstance(value, dict):
        raise invalid(key)
    return value


def card_id(body: dict[str, Any]) -> str:
    value = body.get("card_id")
    if not isinstance(value, str) or not value.strip():
        raise ApiError(INVALID_CARD_ID, "invalid card id")
    return value


def time_range(body: dict[str, Any]) -> tuple[int, int]:
    begin, end = integer(body, "begin_time"), integer(body, "end_time")
    if end < begin:
        raise invalid("end_time before begin_time")
    return begin, end
