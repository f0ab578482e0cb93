"""The blacklist: every blacklisted openid, and blacklisting by the twenty."""

from collections.abc import AsyncIterator, Sequence

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.paging import chunked, cursor_items
from shared.wechat.api.users import openid_list
from shared.wechat.models.paging import FollowerPage
from shared.wechat.models.users import BLACKLIST_PER_CALL, BlacklistBatch


class BlacklistApi(ApiGroup):
    async def page(self, begin_openid: str = "") -> FollowerPage:
        """One page of blacklisted openids (up to 10,000) after ``begin_openid``."""
        return await self._model("cgi-bin/tags/members/getblacklist", FollowerPage, json={"begin_openid": begin_openid})

    def all(self) -> AsyncIterator[str]:
        """Every blacklisted openid."""
        return cursor_items(self.page)

    async def add(self, openids: Sequence[str]) -> None:
        """Blacklist followers, 20 a call. Every batch is checked first; a failed call stops, earlier ones stay."""
        await self._batches("cgi-bin/tags/members/batchblacklist", openids)

    async def remove(self, openids: Sequence[str]) -> None:
        """Take followers off the blacklist, 20 a call (as ``add``)."""
        await self._batches("cgi-bin/tags/members/batchunblacklist", openids)

    async def _batches(self, path: str, openids: Sequence[str]) -> None:
        batches = [BlacklistBatch(openid_list=batch) for batch in chunked(openid_list(openids), BLACKLIST_PER_CALL)]
        for batch in batches:
            await self._json(path, json=batch.body())
