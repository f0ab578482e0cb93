"""Custom menus: the default menu, conditional menus, and what a follower sees."""

from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.menu import Menu


class MenuApi(ApiGroup):
    async def create(self, menu: Menu) -> None:
        if menu.matchrule is not None:
            raise ValueError("a menu with a matchrule is conditional: use add_conditional")
        await self._json("cgi-bin/menu/create", json=menu.body())

    async def get(self) -> dict[str, Any]:
        """``menu/get`` as WeChat answers it: ``menu`` and, if any, ``conditionalmenu``."""
        return await self._json("cgi-bin/menu/get")

    async def delete(self) -> None:
        await self._json("cgi-bin/menu/delete")

    async def add_conditional(self, menu: Menu) -> str:
        """The new conditional menu's ``menuid``."""
        if menu.matchrule is None:
            raise ValueError("a conditional menu needs a matchrule")
        return str((await self._json("cgi-bin/menu/addconditional", json=menu.body()))["menuid"])

    async def delete_conditional(self, menu_id: str) -> None:
        await self._json("cgi-bin/menu/delconditional", json={"menuid": menu_id})

    async def try_match(self, user_id: str) -> dict[str, Any]:
        """The menu ``user_id`` (an openid or WeChat ID) would see."""
        return await self._json("cgi-bin/menu/trymatch", json={"user_id": user_id})

    async def current(self) -> dict[str, Any]:
        """``get_current_selfmenu_info``: the menu in force, however it was set."""
        return await self._json("cgi-bin/get_current_selfmenu_info")
