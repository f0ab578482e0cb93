"""What 微信连Wi-Fi checks in a call's fields, as pure functions raising WeChat's 900xxxx codes.

A missing field is 9002007, a malformed one 9002008. A password network's ssid is at most 32
characters, a portal network's at most 30 when registered; a password is 8–24 characters
of ASCII (9002013 / 9002012), and an ssid or its password starts with "WX" (9002010). A bssid is
a device's wireless MAC: six hex pairs joined by colons, kept in lower case.
"""

import re
from datetime import date
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

PREFIX = "WX"
MAX_SSID, MAX_PORTAL_SSID = 32, 30
MIN_PASSWORD, MAX_PASSWORD = 8, 24
MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE = 20, 10
BSSID = re.compile(r"[0-9a-f]{2}(?::[0-9a-f]{2}){5}")


def missing(name: str) -> ApiError:
    return ApiError(ErrCode.WIFI_MISSING_ARGS, f"required parameters are missing: {name}")


def invalid(name: str) -> ApiError:
    return ApiError(ErrCode.WIFI_INVALID_ARGS, f"invalid parameter: {name}")


def integer(body: dict[str, Any], name: str, default: int | None = None) -> int:
    """An integer field (a string of digits too, as WeChat takes it)."""
    value = body.get(name)
    if value is None:
        if default is None:
            raise missing(name)
        return default
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        return int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(name)
    return value


def text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None or value == "":
        raise missing(name)
    if not isinstance(value, str):
        raise invalid(name)
    return value


def page(body: dict[str, Any]) -> tuple[int, int]:
    """``pageindex`` (from 1) and ``pagesize`` (1–20, default 10); past 20 is 9002026."""
    index, size = integer(body, "pageindex", 1), integer(body, "pagesize", DEFAULT_PAGE_SIZE)
    if index < 1:
        raise invalid("pageindex")
    if size < 1:
        raise invalid("pagesize")
    if size > MAX_PAGE_SIZE:
        raise ApiError(ErrCode.WIFI_LIST_TOO_LONG)
    return index, size


def password_ssid(ssid: str) -> str:
    if len(ssid) > MAX_SSID:
        raise invalid("ssid")
    return ssid


def portal_ssid(ssid: str) -> str:
    """apportal/register's ssid: at most 30 characters; the "WX" rule is device/add's, not this one's."""
    if len(ssid) > MAX_PORTAL_SSID:
        raise invalid("ssid")
    return ssid


def password(value: str) -> str:
    if not value.isascii():
        raise ApiError(ErrCode.WIFI_PASSWORD_NOT_ASCII)
    if not MIN_PASSWORD <= len(value) <= MAX_PASSWORD:
        raise ApiError(ErrCode.WIFI_PASSWORD_LENGTH)
    return value


def wx_prefixed(ssid: str, password: str) -> None:
    if not (ssid.startswith(PREFIX) or password.startswith(PREFIX)):
        raise ApiError(ErrCode.WIFI_NO_WX_PREFIX)


def bssid(body: dict[str, Any]) -> str:
    value = text(body, "bssid").lower()  # routers print MACs in upper case; WeChat shows lower
    if not BSSID.fullmatch(value):
        raise invalid("bssid")
    return value


def day(body: dict[str, Any], name: str) -> date:
    value = text(body, name)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise invalid(name)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(name) from None
