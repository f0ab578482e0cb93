"""Short keys for long data (``shorten/gen``, ``shorten/fetch``): up to 4 KB kept for up to 30 days,
behind a 15-character base62 key that only the account that made it can read back."""

import secrets
import string
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_LONG_DATA_BYTES = 4096
MAX_EXPIRE_SECONDS = DEFAULT_EXPIRE_SECONDS = 2_592_000
KEY_LENGTH = 15
_BASE62 = string.digits + string.ascii_lowercase + string.ascii_uppercase


@dataclass(frozen=True, slots=True)
class ShortLink:
    short_key: str
    app_id: str
    long_data: str
    create_time: int
    expire_seconds: int

    def remaining(self, now: float) -> int:
        return max(0, int(self.create_time + self.expire_seconds - now))

    def describe(self, now: float) -> dict[str, Any]:
        return {
            "short_key": self.short_key,
            "app_id": self.app_id,
            "long_data": self.long_data,
            "create_time": self.create_time,
            "expire_seconds": self.remaining(now),
            "expired": self.remaining(now) == 0,
        }


def _expire_seconds(body: dict[str, Any]) -> int:
    value = body.get("expire_seconds", DEFAULT_EXPIRE_SECONDS)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ApiError(ErrCode.ARGUMENT_INVALID)
    if value > MAX_EXPIRE_SECONDS:
        raise ApiError(ErrCode.EXPIRE_SECONDS_TOO_LONG)
    return value


class ShortLinks:
    def __init__(self) -> None:
        self._by_key: dict[str, ShortLink] = {}

    def generate(self, app_id: str, body: dict[str, Any], now: float) -> str:
        long_data = body.get("long_data")
        if not isinstance(long_data, str) or not long_data:
            raise ApiError(ErrCode.ARGUMENT_INVALID)  # "没有传入long_data"
        if len(long_data.encode()) > MAX_LONG_DATA_BYTES:
            raise ApiError(ErrCode.LONG_DATA_TOO_LONG)
        expire_seconds = _expire_seconds(body)
        key = "".join(secrets.choice(_BASE62) for _ in range(KEY_LENGTH))
        self._by_key[key] = ShortLink(key, app_id, long_data, int(now), expire_seconds)
        return key

    def fetch(self, app_id: str, short_key: object, now: float) -> dict[str, Any]:
        link = self._by_key.get(short_key) if isinstance(short_key, str) else None
        if link is None or link.app_id != app_id or link.remaining(now) == 0:
            raise ApiError(ErrCode.SHORT_KEY_NOT_FOUND)  # "short_key不存在/过期/不属于本账号"
        return {"long_data": link.long_data, "create_time": link.create_time, "expire_seconds": link.remaining(now)}

    def of_app(self, app_id: str) -> list[ShortLink]:
        return [link for link in self._by_key.values() if link.app_id == app_id]
