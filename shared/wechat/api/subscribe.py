"""Subscription notifications: the account's categories, the public titles and their keywords, its own
templates, and the sends (a notification, or the one-time message a follower allowed for a scene on the
page ``consent_url`` builds)."""

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.models.subscribe import (
    MAX_TITLES,
    MiniProgram,
    NewTemplate,
    Notification,
    OnceContent,
    OnceData,
    OnceMessage,
    TitlesPage,
    TitlesQuery,
)
from shared.wechat.once_page import consent_url
from shared.wechat.transport import MP_BASE


def _data(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"thing1": "已发货"}`` or WeChat's own ``{"thing1": {"value": "已发货"}}``, as WeChat takes it."""
    return {key: dict(value) if isinstance(value, Mapping) else {"value": value} for key, value in data.items()}


class SubscribeApi(ApiGroup):
    def consent_url(
        self, template_id: str, *, scene: int, redirect_url: str, reserved: str = "", mp_base: str = MP_BASE
    ) -> str:
        """The page a follower opens to allow one ``send_once`` for ``scene`` (no call is made; see
        ``shared.wechat.once_page``); ``ValueError`` for a scene, reserved or redirect_url WeChat refuses."""
        return consent_url(
            self._app_id, template_id=template_id, scene=scene, redirect_url=redirect_url, reserved=reserved,
            mp_base=mp_base,
        )  # fmt: skip

    # -- sends -----------------------------------------------------------------------------------

    async def send(
        self,
        touser: str,
        template_id: str,
        data: Mapping[str, Any],
        *,
        page: str | None = None,
        miniprogram: MiniProgram | None = None,
    ) -> dict[str, Any]:
        """Send a notification; each value is checked by its keyword's type before anything is sent."""
        message = Notification(
            touser=touser, template_id=template_id, data=_data(data), page=page, miniprogram=miniprogram
        )
        return await self._json("cgi-bin/message/subscribe/bizsend", json=message.body())

    async def send_once(
        self,
        touser: str,
        template_id: str,
        *,
        scene: int,
        title: str,
        content: str,
        color: str | None = None,
        url: str | None = None,
        miniprogram: MiniProgram | None = None,
    ) -> None:
        """The one-time message a follower allowed for ``scene`` (title ≤ 15, content ≤ 200 characters)."""
        message = OnceMessage(
            touser=touser, template_id=template_id, scene=scene, title=title, url=url, miniprogram=miniprogram,
            data=OnceData(content=OnceContent(value=content, color=color)),
        )  # fmt: skip
        await self._json("cgi-bin/message/template/subscribe", json=message.body())

    # -- the library -----------------------------------------------------------------------------

    async def categories(self) -> list[dict[str, Any]]:
        """The account's categories: ``id`` and ``name``."""
        return list((await self._json("wxaapi/newtmpl/getcategory")).get("data", []))

    async def titles(self, ids: Sequence[int], start: int = 0, limit: int = MAX_TITLES) -> TitlesPage:
        """One page (at most 30) of the public titles of some categories: ``tid``, ``title``, ``type``."""
        query = TitlesQuery(ids=list(ids), start=start, limit=limit)
        return await self._model("wxaapi/newtmpl/getpubtemplatetitles", TitlesPage, params=query.params())

    async def all_titles(self, ids: Sequence[int]) -> AsyncIterator[dict[str, Any]]:
        """Every public title of some categories, page after page."""
        start = 0
        while True:
            page = await self.titles(ids, start)
            for title in page.data:
                yield title
            start += len(page.data)
            if not page.data or start >= page.count:
                return

    async def keywords(self, tid: int) -> list[dict[str, Any]]:
        """A title's keywords: ``kid``, ``name``, ``example``, ``rule`` (its type: thing, time …)."""
        if isinstance(tid, bool) or not isinstance(tid, int) or tid < 1:
            raise ValueError(f"a tid is a positive integer (got {tid!r})")
        answer = await self._json("wxaapi/newtmpl/getpubtemplatekeywords", params={"tid": str(tid)})
        return list(answer.get("data", []))

    async def add_template(self, tid: int, kid_list: Sequence[int], scene_desc: str = "") -> str:
        """Combine 2–5 of a title's keywords into a template of the account: its ``priTmplId``."""
        template = NewTemplate(tid=tid, kidList=list(kid_list), sceneDesc=scene_desc)
        return str((await self._json("wxaapi/newtmpl/addtemplate", json=template.body()))["priTmplId"])

    async def templates(self) -> list[dict[str, Any]]:
        """The account's templates: ``priTmplId``, ``title``, ``content``, ``example``, ``type``."""
        return list((await self._json("wxaapi/newtmpl/gettemplate")).get("data", []))

    async def delete_template(self, pri_tmpl_id: str) -> None:
        if not isinstance(pri_tmpl_id, str) or not pri_tmpl_id.strip():
            raise ValueError(f"a priTmplId is a non-empty string (got {pri_tmpl_id!r})")
        await self._json("wxaapi/newtmpl/deltemplate", json={"priTmplId": pri_tmpl_id})
