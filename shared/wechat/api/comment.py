"""Comments on published articles: open and close them, read, feature, reply, delete."""

from collections.abc import AsyncIterator
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.paging import offset_paged
from shared.wechat.models.comment import (
    MAX_PAGE,
    ArticleRef,
    CommentPage,
    CommentQuery,
    CommentRef,
    CommentType,
    Reply,
)


class CommentApi(ApiGroup):
    async def open(self, msg_data_id: int, index: int = 0) -> None:
        await self._json("cgi-bin/comment/open", json=_body(ArticleRef(msg_data_id=msg_data_id, index=index)))

    async def close(self, msg_data_id: int, index: int = 0) -> None:
        await self._json("cgi-bin/comment/close", json=_body(ArticleRef(msg_data_id=msg_data_id, index=index)))

    def all(
        self, msg_data_id: int, index: int = 0, *, type: CommentType | int = CommentType.ALL
    ) -> AsyncIterator[dict[str, Any]]:
        """Every comment of an article, page after page."""

        async def comments(begin: int) -> tuple[list[dict[str, Any]], int]:
            page = await self.list(msg_data_id, index, begin=begin, type=type)
            return page.comment, page.total

        return offset_paged(comments)

    async def mark_elect(self, msg_data_id: int, index: int, user_comment_id: int) -> None:
        """Feature a comment."""
        await self._comment("cgi-bin/comment/markelect", msg_data_id, index, user_comment_id)

    async def unmark_elect(self, msg_data_id: int, index: int, user_comment_id: int) -> None:
        await self._comment("cgi-bin/comment/unmarkelect", msg_data_id, index, user_comment_id)

    async def delete(self, msg_data_id: int, index: int, user_comment_id: int) -> None:
        await self._comment("cgi-bin/comment/delete", msg_data_id, index, user_comment_id)

    async def reply(self, msg_data_id: int, index: int, user_comment_id: int, content: str) -> None:
        reply = Reply(msg_data_id=msg_data_id, index=index, user_comment_id=user_comment_id, content=content)
        await self._json("cgi-bin/comment/reply/add", json=_body(reply))

    async def delete_reply(self, msg_data_id: int, index: int, user_comment_id: int) -> None:
        await self._comment("cgi-bin/comment/reply/delete", msg_data_id, index, user_comment_id)

    async def _comment(self, path: str, msg_data_id: int, index: int, user_comment_id: int) -> None:
        ref = CommentRef(msg_data_id=msg_data_id, index=index, user_comment_id=user_comment_id)
        await self._json(path, json=_body(ref))

    async def list(
        self,
        msg_data_id: int,
        index: int = 0,
        *,
        begin: int = 0,
        count: int = MAX_PAGE,
        type: CommentType | int = CommentType.ALL,
    ) -> CommentPage:
        """One page of an article's comments: ``count`` 1–49 from ``begin``."""
        query = CommentQuery(msg_data_id=msg_data_id, index=index, begin=begin, count=count, type=CommentType(type))
        return await self._model("cgi-bin/comment/list", CommentPage, json=_body(query))


def _body(model: ArticleRef) -> dict[str, Any]:
    return model.model_dump(mode="json")
