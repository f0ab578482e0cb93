"""Followers: every openid, profiles one at a time or by the hundred, and remarks."""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from pydantic import TypeAdapter

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.paging import chunked, cursor_items
from shared.wechat.models.paging import FollowerPage
from shared.wechat.models.users import PROFILES_PER_CALL, Lang, OpenId, ProfilesRequest, Remark, UserRef

_OPENID: TypeAdapter[str] = TypeAdapter(OpenId)


class UsersApi(ApiGroup):
    async def page(self, next_openid: str = "") -> FollowerPage:
        """One page of followers (up to 10,000) after ``next_openid`` ('' for the first)."""
        params = {"next_openid": next_openid} if next_openid else None
        return await self._model("cgi-bin/user/get", FollowerPage, params=params)

    def all(self) -> AsyncIterator[str]:
        """Every follower's openid: ``async for openid in api.users.all()``."""
        return cursor_items(self.page)

    async def info(self, openid: str, lang: Lang = "zh_CN") -> dict[str, Any]:
        """One follower's profile (``subscribe`` 0: not a follower, nothing else known)."""
        user = UserRef(openid=openid, lang=lang)
        return await self._json("cgi-bin/user/info", params={"openid": user.openid, "lang": user.lang})

    async def info_batch(self, openids: Sequence[str], lang: Lang = "zh_CN") -> list[dict[str, Any]]:
        """The profiles of ``openids``, in order: one call per 100 (each call checked to carry 1–100)."""
        requests = [
            ProfilesRequest(user_list=[UserRef(openid=openid, lang=lang) for openid in batch])
            for batch in chunked(openid_list(openids, allow_empty=True), PROFILES_PER_CALL)
        ]  # every batch is checked before the first is sent
        profiles: list[dict[str, Any]] = []
        for request in requests:
            answer = await self._json("cgi-bin/user/info/batchget", json=request.body())
            profiles.extend(answer.get("user_info_list", []))
        return profiles

    async def update_remark(self, openid: str, remark: str) -> None:
        """Set the remark the account keeps for a follower (under 30 bytes; '' clears it)."""
        await self._json("cgi-bin/user/info/updateremark", json=Remark(openid=openid, remark=remark).body())


def openid_list(openids: Sequence[str], *, allow_empty: bool = False) -> list[str]:
    """``openids`` as a list; ``ValueError`` for one string (it would batch as characters) or, unless allowed, none."""
    if isinstance(openids, str | bytes):
        raise ValueError("openids is a list of openids, not one string")
    items = list(openids)
    if not items and not allow_empty:
        raise ValueError("no openids given")
    return items


def openid_of(openid: str) -> str:
    """``openid`` if it can be one (``ValidationError`` for an empty one or one with spaces)."""
    return _OPENID.validate_python(openid)
