"""Who can receive what: openids and template ids that tests configured as invalid, unsubscribed or out of window.

A setting is scoped to one app or, with the scope ``"*"``, to every app.
"""

from collections.abc import Iterable
from enum import StrEnum

from sandbox.fake_wechat.errors import ApiError, ErrCode

EVERY_APP = "*"


class Group(StrEnum):
    UNSUBSCRIBED = "unsubscribed"
    OUTSIDE_WINDOW = "outside_window"  # last interaction more than 48 hours ago
    INVALID_OPENIDS = "invalid_openids"
    INVALID_TEMPLATE_IDS = "invalid_template_ids"


class Audience:
    def __init__(self) -> None:
        self._members: dict[tuple[str, Group], set[str]] = {}

    def configure(self, scope: str, group: Group, values: Iterable[str], *, replace: bool = False) -> None:
        members = self._members.setdefault((scope, group), set())
        if replace:
            members.clear()
        members.update(values)

    def has(self, app_id: str, group: Group, value: str) -> bool:
        return value in self._members.get((app_id, group), ()) or value in self._members.get((EVERY_APP, group), ())

    def snapshot(self) -> dict[str, dict[str, list[str]]]:
        view: dict[str, dict[str, list[str]]] = {}
        for (scope, group), members in self._members.items():
            view.setdefault(scope, {})[group.value] = sorted(members)
        return view

    def openid(self, app_id: str, value: object) -> str:
        """A well-formed openid (WeChat's start with "o") that was not configured invalid, or 40003."""
        if not isinstance(value, str) or not value.startswith("o") or self.has(app_id, Group.INVALID_OPENIDS, value):
            raise ApiError(ErrCode.INVALID_OPENID)
        return value

    def template_id(self, app_id: str, value: object) -> str:
        if not isinstance(value, str) or not value or self.has(app_id, Group.INVALID_TEMPLATE_IDS, value):
            raise ApiError(ErrCode.INVALID_TEMPLATE_ID)
        return value
