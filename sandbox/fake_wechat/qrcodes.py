"""Parametric QR codes: temporary (QR_SCENE, QR_STR_SCENE) and permanent (QR_LIMIT_*), ticket -> scene."""

import base64
import secrets
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

# action_name -> (scene field, temporary)
ACTIONS: dict[str, tuple[str, bool]] = {
    "QR_SCENE": ("scene_id", True),
    "QR_STR_SCENE": ("scene_str", True),
    "QR_LIMIT_SCENE": ("scene_id", False),
    "QR_LIMIT_STR_SCENE": ("scene_str", False),
}
DEFAULT_EXPIRE_SECONDS, MAX_EXPIRE_SECONDS = 60, 2_592_000  # 30 days
MAX_TEMPORARY_SCENE_ID, MAX_PERMANENT_SCENE_ID, MAX_SCENE_STR = 2**32 - 1, 100_000, 64


@dataclass(frozen=True, slots=True)
class QrCode:
    ticket: str
    url: str
    app_id: str
    action_name: str
    scene: int | str
    created_at: float
    expire_seconds: int | None

    def response(self) -> dict[str, Any]:
        answer: dict[str, Any] = {"ticket": self.ticket, "url": self.url}
        if self.expire_seconds is not None:
            answer["expire_seconds"] = self.expire_seconds
        return answer

    def describe(self) -> dict[str, Any]:
        return {**self.response(), "app_id": self.app_id, "action_name": self.action_name, "scene": self.scene}


def _scene(body: dict[str, Any], field: str, temporary: bool) -> int | str:
    info = body.get("action_info")
    scene = info.get("scene") if isinstance(info, dict) else None
    value = scene.get(field) if isinstance(scene, dict) else None
    if field == "scene_id":
        top = MAX_TEMPORARY_SCENE_ID if temporary else MAX_PERMANENT_SCENE_ID
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= top:
            return value
    elif isinstance(value, str) and 1 <= len(value) <= MAX_SCENE_STR:
        return value
    raise ApiError(ErrCode.INVALID_ACTION_INFO)


def _expire_seconds(body: dict[str, Any]) -> int:
    value = body.get("expire_seconds", DEFAULT_EXPIRE_SECONDS)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ApiError(ErrCode.INVALID_ARGS)
    return min(value, MAX_EXPIRE_SECONDS)


class QrCodes:
    def __init__(self) -> None:
        self._by_ticket: dict[str, QrCode] = {}

    def create(self, app_id: str, body: dict[str, Any], now: float) -> QrCode:
        action_name = str(body.get("action_name"))
        action = ACTIONS.get(action_name)
        if action is None:
            raise ApiError(ErrCode.INVALID_ARGS)
        field, temporary = action
        scene = _scene(body, field, temporary)
        ticket = base64.b64encode(b"\x81\x01" + secrets.token_bytes(70)).decode()
        url = f"http://weixin.qq.com/q/{secrets.token_urlsafe(18)}"
        expire = _expire_seconds(body) if temporary else None
        code = QrCode(ticket, url, app_id, action_name, scene, now, expire)
        self._by_ticket[ticket] = code
        return code

    def get(self, ticket: str) -> QrCode | None:
        return self._by_ticket.get(ticket)

    def of_app(self, app_id: str) -> list[QrCode]:
        return [code for code in self._by_ticket.values() if code.app_id == app_id]
