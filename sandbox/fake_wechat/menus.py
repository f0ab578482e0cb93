"""Custom menus: WeChat's validation of ``menu/create``, the two shapes the menu is read back in, and
the conditional menus that ``menu/addconditional`` adds over it.

At most 3 top-level buttons, each either a leaf or a group of 1–5 sub-buttons; names up to
16 bytes (top) or 60 bytes (sub); keys up to 128 bytes; URLs up to 1024 bytes.
"""

import itertools
from dataclasses import dataclass
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


# -- conditional (personalised) menus ------------------------------------------------------------

# What a matchrule may still match on; matching on sex, region or language is refused since WeChat's
# privacy change (65320). A menu matches a follower when every field it names matches.
MATCH_FIELDS = ("tag_id", "client_platform_type")
PRIVATE_FIELDS = ("sex", "country", "province", "city", "language")
FIRST_MENUID = 208_379_533


def validate_matchrule(rule: object) -> dict[str, str]:
    if not isinstance(rule, dict):
        raise ApiError(ErrCode.MATCHRULE_EMPTY)
    if any(rule.get(name) not in (None, "") for name in PRIVATE_FIELDS):
        raise ApiError(ErrCode.MATCHRULE_PRIVACY)
    kept = {name: str(rule[name]) for name in MATCH_FIELDS if rule.get(name) not in (None, "")}
    if not kept:
        raise ApiError(ErrCode.MATCHRULE_EMPTY)
    return kept


def _menuid(value: object) -> int:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ApiError(ErrCode.NO_SUCH_CONDITIONAL_MENU)


@dataclass(frozen=True, slots=True)
class ConditionalMenu:
    menuid: int
    button: list[Any]
    matchrule: dict[str, str]

    def matches(self, tagids: list[int], client_platform_type: int) -> bool:
        tag = self.matchrule.get("tag_id")
        if tag is not None and not (tag.isdigit() and int(tag) in tagids):
            return False
        platform = self.matchrule.get("client_platform_type")
        return platform is None or platform == str(client_platform_type)

    def describe(self) -> dict[str, Any]:
        return {"button": self.button, "matchrule": self.matchrule, "menuid": self.menuid}


class ConditionalMenus:
    """Each app's conditional menus, newest last; they need a default menu (``menu/create``) first."""

    def __init__(self) -> None:
        self._menus: dict[str, list[ConditionalMenu]] = {}
        self._ids = itertools.count(FIRST_MENUID)
        self._default_ids: dict[str, tuple[int, int]] = {}  # app -> (identity of the stored menu, its menuid)

    def add(self, app_id: str, default: dict[str, Any] | None, body: dict[str, Any]) -> int:
        if default is None:
            raise ApiError(ErrCode.NO_DEFAULT_MENU)
        buttons = validate_menu(body)["button"]
        menu = ConditionalMenu(next(self._ids), buttons, validate_matchrule(body.get("matchrule")))
        self._menus.setdefault(app_id, []).append(menu)
        return menu.menuid

    def delete(self, app_id: str, menuid: object) -> None:
        wanted, menus = _menuid(menuid), self._menus.get(app_id, [])
        for index, menu in enumerate(menus):
            if menu.menuid == wanted:
                del menus[index]
                return
        raise ApiError(ErrCode.NO_SUCH_CONDITIONAL_MENU)

    def clear(self, app_id: str) -> None:
        self._menus.pop(app_id, None)

    def of_app(self, app_id: str) -> list[ConditionalMenu]:
        return list(self._menus.get(app_id, []))

    def _default_menuid(self, app_id: str, default: dict[str, Any]) -> int:
        seen = self._default_ids.get(app_id)
        if seen is None or seen[0] != id(default):  # a menu/create since: a new default menu
            seen = self._default_ids[app_id] = (id(default), next(self._ids))
        return seen[1]

    def read(self, app_id: str, default: dict[str, Any]) -> dict[str, Any]:
        """``menu/get``: the default menu, and with conditional menus its menuid and theirs."""
        menus = self._menus.get(app_id)
        if not menus:
            return {"menu": default}
        menu = {**default, "menuid": self._default_menuid(app_id, default)}
        return {"menu": menu, "conditionalmenu": [m.describe() for m in menus]}

    def match(
        self, app_id: str, default: dict[str, Any], tagids: list[int], client_platform_type: int
    ) -> tuple[dict[str, Any], ConditionalMenu | None]:
        """The menu a follower sees: the newest conditional menu that matches, else the default one."""
        for menu in reversed(self._menus.get(app_id, [])):
            if menu.matches(tagids, client_platform_type):
                return {"button": menu.button}, menu
        return {"button": default["button"]}, None
