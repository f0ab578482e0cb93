"""What the chat page shows of the account as the services set it up through the API: the menu a
follower sees (the newest conditional menu matching their tags and platform, as ``menu/trymatch``
answers, else the default menu) and the QR codes ``qrcode/create`` made, with their pictures.

It also keeps the fake's follower directory in step with the phone: a follow (or a scan that
follows) adds the follower with WeChat's subscribe scene, an unfollow takes them off ``user/get``."""

from typing import Any

from sandbox.console.actions import QR_SCENE_PREFIX
from sandbox.fake_wechat.api_base import showqrcode_url
from sandbox.fake_wechat.qrcodes import QrCode
from sandbox.fake_wechat.state import FakeWeChatState

EMPTY_MENU: dict[str, list[object]] = {"button": []}


def menu_for(state: FakeWeChatState, app_id: str, openid: str | None) -> dict[str, Any]:
    """``{"menu", "conditional"}``: the menu ``openid`` sees (the default one without an openid)."""
    default = state.menus.get(app_id)
    follower = state.directory.followers(app_id).get(openid) if openid else None
    if default is None or follower is None or not follower.subscribed:
        return {"menu": default or EMPTY_MENU, "conditional": None}
    menu, matched = state.directory.menus.match(app_id, default, follower.tagids, follower.client_platform_type)
    conditional = None if matched is None else {"menuid": matched.menuid, "matchrule": matched.matchrule}
    return {"menu": menu, "conditional": conditional}


def qr_code_view(code: QrCode, now: float) -> dict[str, Any]:
    expires_at = None if code.expire_seconds is None else code.created_at + code.expire_seconds
    return {
        "ticket": code.ticket,
        "url": code.url,
        "scene": str(code.scene),
        "action_name": code.action_name,
        "expire_seconds": code.expire_seconds,
        "expires_at": expires_at,
        "expired": expires_at is not None and now >= expires_at,
        "image_url": showqrcode_url(code.ticket),
    }


def qr_codes(state: FakeWeChatState, app_id: str, now: float) -> list[dict[str, Any]]:
    """The account's QR codes, newest first."""
    return [qr_code_view(code, now) for code in reversed(state.qrcodes.of_app(app_id))]


def _subscribe_scene(event_key: str) -> dict[str, Any]:
    if not event_key.startswith(QR_SCENE_PREFIX):
        return {"subscribe_scene": "ADD_SCENE_SEARCH", "qr_scene": 0, "qr_scene_str": ""}
    scene = event_key.removeprefix(QR_SCENE_PREFIX)
    if scene.isdigit():
        return {"subscribe_scene": "ADD_SCENE_QR_CODE", "qr_scene": int(scene), "qr_scene_str": ""}
    return {"subscribe_scene": "ADD_SCENE_QR_CODE", "qr_scene": 0, "qr_scene_str": scene}


def keep_directory(
    state: FakeWeChatState, app_id: str, openid: str, fields: dict[str, Any], following: bool, now: float
) -> None:
    """Follow or unfollow in the fake's directory as the phone just did (the callback's ``fields``)."""
    directory = state.directory
    if not following:
        directory.unfollow(app_id, openid)
        return
    if fields.get("Event") == "subscribe":
        directory.follow(app_id, openid, now, **_subscribe_scene(str(fields.get("EventKey", ""))))
        return
    known = directory.followers(app_id).get(openid)
    if known is None or not known.subscribed:  # following since before the fake was reset
        directory.follow(app_id, openid, now)
