"""Custom menus: WeChat's validation of ``menu/create`` and the two shapes the menu is read back in.

At most 3 top-level buttons, each either a leaf or a group of 1–5 sub-buttons; names up to
16 bytes (top) or 60 bytes (sub); keys up to 128 bytes; URLs up to 1024 bytes.
"""

from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

_KEYED = ("click", "scancode_push", "scancode_waitmsg", "pic_sysphoto", "pic_photo_or_album", "pic_weixin")
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    **{button_type: ("key",) for button_type in (*_KEYED, "location_select")},
    "view": ("url",),
    "miniprogram": ("url", "appid", "pagepath"),
    "media_id": ("media_id",),
    "view_limited": ("media_id",),
    "article_id": ("article_id",),
    "article_view_limited": ("article_id",),
}
MAX_BUTTONS, MAX_SUB_BUTTONS = 3, 5
_LIMITS = {"name": (16, 60), "key": (128, 128), "url": (1024, 1024)}  # bytes: (top level, sub-button)
_CODES = {  # (top level, sub-button)
    "name": (ErrCode.INVALID_BUTTON_NAME_SIZE, ErrCode.INVALID_SUB_BUTTON_NAME_SIZE),
    "key": (ErrCode.INVALID_BUTTON_KEY_SIZE, ErrCode.INVALID_SUB_BUTTON_KEY_SIZE),
    "url": (ErrCode.INVALID_BUTTON_URL_SIZE, ErrCode.INVALID_SUB_BUTTON_URL_SIZE),
    "type": (ErrCode.INVALID_BUTTON_TYPE, ErrCode.INVALID_SUB_BUTTON_TYPE),
}


def _fail(field: str, sub: bool) -> ApiError:
    return ApiError(_CODES.get(field, _CODES["type"])[sub])


def _check_field(button: dict[str, Any], field: str, sub: bool) -> None:
    value = button.get(field)
    if not isinstance(value, str) or not value or len(value.encode()) > _LIMITS.get(field, (1024, 1024))[sub]:
        raise _fail(field, sub)


def _check_button(button: object, *, sub: bool) -> None:
    if not isinstance(button, dict):
        raise _fail("type", sub)
    _check_field(button, "name", sub)
    children = button.get("sub_button")
    if not sub and children:
        if not isinstance(children, list) or len(children) > MAX_SUB_BUTTONS:
            raise ApiError(ErrCode.INVALID_SUB_BUTTON_SIZE)
        for child in children:
            _check_button(child, sub=True)
        return
    required = REQUIRED_FIELDS.get(str(button.get("type")))
    if required is None:
        raise _fail("type", sub)
    for field in required:
        _check_field(button, field, sub)


def validate_menu(body: dict[str, Any]) -> dict[str, Any]:
    """The menu to store, or the ApiError WeChat answers for it."""
    buttons = body.get("button")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= MAX_BUTTONS:
        raise ApiError(ErrCode.INVALID_BUTTON_SIZE)
    for button in buttons:
        _check_button(button, sub=False)
    return {"button": buttons}


def selfmenu_info(menu: dict[str, Any]) -> dict[str, Any]:
    """``get_current_selfmenu_info``'s shape: sub-buttons wrapped in ``{"list": [...]}``."""
    buttons = [
        {**button, "sub_button": {"list": button["sub_button"]}} if button.get("sub_button") else button
        for button in menu["button"]
    ]
    return {"is_menu_open": 1, "selfmenu_info": {"button": buttons}}
