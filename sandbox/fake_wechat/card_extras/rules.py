"""What the card extensions refuse, as the fake answers it: one place for their error codes and checks."""

from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.errors import ApiError

INVALID_SERIAL_CODE = 40056  # a card code WeChat does not know
INVALID_CARD_ID = 40073


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
