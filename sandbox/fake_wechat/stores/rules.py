"""What the store calls refuse, as the fake answers it: their error codes and field checks in one place.

WeChat documents codes for some rules (65106/65107/65115 for 门店管理, 65118, 85038, 85053, 85055 for
the 门店小程序); a bad or missing field it answers with 40097 "invalid args", naming the field here.
"""

import json
import re
from typing import Any

from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.errors import ApiError, ErrCode

HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
MAX_PICTURES = 9
MAX_QUALIFICATIONS = 5


def optional_text(body: dict[str, Any], key: str) -> str:
    value = body.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(key)
    return value


def poi_id(body: dict[str, Any]) -> str:
    """The store a call names: WeChat's number, as a string or a number."""
    value = body.get("poi_id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isdigit():
        raise ApiError(ErrCode.INVALID_POI_ID)
    return value


def url(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise invalid(what)
    return value


def hours(body: dict[str, Any]) -> str:
    value = text(body, "hour")
    if not HOURS.match(value):
        raise invalid("hour, HH:MM-HH:MM")
    return value


def pictures(body: dict[str, Any]) -> list[str]:
    """``pic_list``: a JSON string ``{"list": [url, …]}`` of 1–9 pictures."""
    raw = text(body, "pic_list")
    try:
        parsed = json.loads(raw)
    except json.JSONDecodeError:
        raise invalid("pic_list is not a JSON string") from None
    listed = parsed.get("list") if isinstance(parsed, dict) else None
    if not isinstance(listed, list) or not 1 <= len(listed) <= MAX_PICTURES:
        raise invalid(f"pic_list holds 1-{MAX_PICTURES} pictures")
    return [url(item, "pic_list") for item in listed]


def qualifications(body: dict[str, Any]) -> list[str]:
    """``qualification_list``: 0–5 media_ids, as a list or one string ``mediaid1|mediaid2``."""
    value = body.get("qualification_list", "")
    items = value.split("|") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise invalid("qualification_list")
    found = [item for item in items if item]
    if len(found) > MAX_QUALIFICATIONS:
        raise invalid(f"qualification_list holds at most {MAX_QUALIFICATIONS} media_ids")
    return found


def coordinate(body: dict[str, Any], key: str, limit: float) -> float:
    value = body.get(key)
    try:
        number = float(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not -limit <= number <= limit:
        raise invalid(key)
    return number
