"""Reading a guide call's body: who the guide is, which followers, which strings and lists.

A guide is ``guide_account`` (a WeChat ID: 9300801 when malformed) or ``guide_openid`` (40003 when
malformed); with both, WeChat takes ``guide_account``. A batch names followers by ``openid`` or by
``openid_list`` (at most 200; more is 40097).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.body_fields import integer, text
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.guide.codes import GuideCode, guide_error, invalid_args

MAX_BUYERS = 200
_WECHAT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{5,19}$")

Follower = Callable[[object], str]  # an openid of the account's follower, or 40003 / 43004


@dataclass(frozen=True, slots=True)
class Call:
    """What a guide operation needs besides its body: the time and how to check a follower."""

    now: int
    follower: Follower


def guide_key(body: dict[str, Any], prefix: str = "") -> str:
    """``account:<id>`` or ``openid:<openid>``, as the guide was named (``prefix`` ``old_`` / ``new_``)."""
    account, openid = text(body, f"{prefix}guide_account"), text(body, f"{prefix}guide_openid")
    if account:
        if not _WECHAT_ID.match(account):
            raise guide_error(GuideCode.INVALID_WECHAT_ID)
        return f"account:{account}"
    if openid:
        if not openid.startswith("o"):
            raise ApiError(ErrCode.INVALID_OPENID)
        return f"openid:{openid}"
    raise invalid_args()


def named(key: str) -> dict[str, str]:
    """The guide's name as WeChat answers it: ``guide_account`` or ``guide_openid``."""
    kind, _, value = key.partition(":")
    return {f"guide_{kind}": value}


def required(body: dict[str, Any], name: str) -> str:
    value = text(body, name)
    if not value:
        raise invalid_args()
    return value


def strings(body: dict[str, Any], name: str, *, at_most: int | None = None) -> list[str]:
    """A non-empty list of non-empty strings; 47001 for another type, 40097 when empty or too long."""
    value = body.get(name)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR if value is not None else ErrCode.INVALID_ARGS)
    if not value or not all(value) or (at_most is not None and len(value) > at_most):
        raise invalid_args()
    return list(value)


def batch(body: dict[str, Any]) -> tuple[list[str], bool]:
    """The followers a batch call names, and whether as ``openid_list`` (answered per follower)."""
    if "openid_list" in body:
        return strings(body, "openid_list", at_most=MAX_BUYERS), True
    return [required(body, "openid")], False


def window(body: dict[str, Any], offset: str, count: str, default: int) -> tuple[int, int]:
    start, size = integer(body, offset, 0), integer(body, count, default)
    if start < 0 or size < 1:
        raise invalid_args()
    return start, size
