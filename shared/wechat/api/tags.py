"""Tags (用户标签): create and rename them, tag followers by the fifty, list a tag's followers."""

from collections.abc import AsyncIterator, Sequence

from pydantic import TypeAdapter

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.api.paging import chunked, cursor_items
from shared.wechat.api.users import openid_list, openid_of
from shared.wechat.models.paging import FollowerPage
from shared.wechat.models.users import TAGGING_PER_CALL, ChangeableTagId, NewTag, Tag, TagId, TagMembers, TagRename

_TAG_ID: TypeAdapter[int] = TypeAdapter(TagId)
_CHANGEABLE: TypeAdapter[int] = TypeAdapter(ChangeableTagId)


class TagsApi(ApiGroup):
    async def create(self, name: str) -> Tag:
        """A new tag (name 1–30 bytes in UTF-8; at most 100 tags an account)."""
        answer = await self._json("cgi-bin/tags/create", json={"tag": NewTag(name=name).body()})
        return parse_answer("cgi-bin/tags/create", Tag, answer.get("tag", {}))

    async def update(self, tag_id: int, name: str) -> None:
        await self._json("cgi-bin/tags/update", json={"tag": TagRename(id=tag_id, name=name).body()})

    async def delete(self, tag_id: int) -> None:
        await self._json("cgi-bin/tags/delete", json={"tag": {"id": _CHANGEABLE.validate_python(tag_id)}})

    async def tags_of(self, openid: str) -> list[int]:
        """The ids of a follower's tags."""
        answer = await self._json("cgi-bin/tags/getidlist", json={"openid": openid_of(openid)})
        return [int(tag_id) for tag_id in answer.get("tagid_list", [])]

    async def tag(self, tag_id: int, openids: Sequence[str]) -> None:
        """Tag followers, 50 a call. Every batch is checked first; a failed call stops, earlier batches stay tagged."""
        await self._members("cgi-bin/tags/members/batchtagging", tag_id, openids)

    async def untag(self, tag_id: int, openids: Sequence[str]) -> None:
        """Untag followers, 50 a call (as ``tag``)."""
        await self._members("cgi-bin/tags/members/batchuntagging", tag_id, openids)

    async def page(self, tag_id: int, next_openid: str = "") -> FollowerPage:
        """One page of a tag's followers (up to 10,000) after ``next_openid``."""
        body = {"tagid": _TAG_ID.validate_python(tag_id), "next_openid": next_openid}
        return await self._model("cgi-bin/user/tag/get", FollowerPage, json=body)

    def members(self, tag_id: int) -> AsyncIterator[str]:
        """Every follower with the tag: ``async for openid in api.tags.members(tag_id)``."""
        tag_id = _TAG_ID.validate_python(tag_id)
        return cursor_items(lambda cursor: self.page(tag_id, cursor))

    async def _members(self, path: str, tag_id: int, openids: Sequence[str]) -> None:
        batches = [
            TagMembers(openid_list=batch, tagid=tag_id) for batch in chunked(openid_list(openids), TAGGING_PER_CALL)
        ]
        for batch in batches:
            await self._json(path, json=batch.body())

    async def list(self) -> list[Tag]:
        """Every tag with its follower count."""
        answer = await self._json("cgi-bin/tags/get")
        return [parse_answer("cgi-bin/tags/get", Tag, tag) for tag in answer.get("tags", [])]
