"""Request ids of failed calls, as WeChat keeps them for ``openapi/rid/get``: for 7 days, readable only
by the account that made the call. WeChat appends `` rid: <rid>`` to every errmsg; the fake does when
``POST /_control/rids {"in_errmsg": true}`` asks it to (its errmsgs stay WeChat's plain ones otherwise)."""

import re
import secrets
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

RID_SHAPE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}")
RID_LIFETIME_SECONDS = 7 * 86400
MAX_KEPT = 10_000


def new_rid(now: float) -> str:
    """WeChat's shape: the call's unix time in hex, then two random 32-bit words."""
    return f"{int(now) & 0xFFFFFFFF:08x}-{secrets.token_hex(4)}-{secrets.token_hex(4)}"


def masked_query(query: str) -> str:
    """The query as rid/get shows it: the access_token cut to its first characters."""
    return re.sub(r"(access_token=)([^&]{0,6})[^&]*", r"\1\2xxxx", query)


@dataclass(frozen=True, slots=True)
class FailedCall:
    rid: str
    app_id: str
    path: str
    errcode: int
    invoke_time: int
    cost_in_ms: int
    request_url: str
    request_body: str
    response_body: str
    client_ip: str

    def request(self) -> dict[str, Any]:
        return {
            "invoke_time": self.invoke_time,
            "cost_in_ms": self.cost_in_ms,
            "request_url": self.request_url,
            "request_body": self.request_body,
            "response_body": self.response_body,
            "client_ip": self.client_ip,
        }

    def describe(self) -> dict[str, Any]:
        return {"rid": self.rid, "app_id": self.app_id, "path": self.path, "errcode": self.errcode} | self.request()


class RidLog:
    def __init__(self) -> None:
        self._calls: dict[str, FailedCall] = {}
        self.in_errmsg = False

    def record(self, call: FailedCall) -> None:
        self._calls[call.rid] = call
        if len(self._calls) > MAX_KEPT:
            del self._calls[next(iter(self._calls))]

    def lookup(self, app_id: str, rid: object, now: float) -> FailedCall:
        if not isinstance(rid, str) or not RID_SHAPE.fullmatch(rid):
            raise ApiError(ErrCode.RID_INVALID)
        call = self._calls.get(rid)
        if call is None or now - call.invoke_time > RID_LIFETIME_SECONDS:
            raise ApiError(ErrCode.RID_NOT_FOUND)
        if call.app_id != app_id:
            raise ApiError(ErrCode.RID_NO_PERMISSION)
        return call

    def of_app(self, app_id: str | None) -> list[FailedCall]:
        return [call for call in self._calls.values() if app_id is None or call.app_id == app_id]
