"""Comments on published articles (留言管理), with no I/O.

One thread per (msg_data_id, index) of a published article, open or closed as the article's
``need_open_comment`` says until ``comment/open``/``close``. Followers' comments come in through
the control API (real ones come from readers). Errors as WeChat's comment pages list them: 88001
"msg_data is not exists" (the caller checks the article), 88005 "already reply", 88007 for an
empty or too long reply, 88008 "comment is not exists", 88010 for a ``count`` outside 1–50.
"""

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_LIST = 50
# The most characters of a reply; WeChat's comment box takes 600.
MAX_REPLY_CHARS = 600

ThreadKey = tuple[str, int, int]  # app_id, msg_data_id, index


class ListType(IntEnum):
    ALL = 0
    NORMAL = 1
    ELECTED = 2


@dataclass
class Comment:
    user_comment_id: int
    openid: str
    content: str
    create_time: int
    elected: bool = False
    deleted: bool = False
    reply: dict[str, Any] | None = None

    def listed(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "user_comment_id": self.user_comment_id,
            "openid": self.openid,
            "create_time": self.create_time,
            "content": self.content,
            "comment_type": int(self.elected),
        }
        return item if self.reply is None else item | {"reply": dict(self.reply)}


@dataclass
class Thread:
    open: bool
    comments: list[Comment] = field(default_factory=list)

    def visible(self, kind: ListType) -> list[Comment]:
        wanted = {ListType.ALL: (False, True), ListType.NORMAL: (False,), ListType.ELECTED: (True,)}[kind]
        return [c for c in self.comments if not c.deleted and c.elected in wanted]

    def comment(self, user_comment_id: object) -> Comment:
        for comment in self.comments:
            if not comment.deleted and str(comment.user_comment_id) == str(user_comment_id):
                return comment
        raise ApiError(ErrCode.COMMENT_NOT_EXISTS)

    def page(self, begin: int, count: int, kind: ListType) -> tuple[int, list[dict[str, Any]]]:
        """``comment/list``: the total of this kind and one page of it, oldest first."""
        if not 0 < count <= MAX_LIST:
            raise ApiError(ErrCode.COMMENT_COUNT_RANGE)
        if begin < 0:
            raise ApiError(ErrCode.INVALID_ARGS)
        shown = self.visible(kind)
        return len(shown), [c.listed() for c in shown[begin : begin + count]]

    def add(self, openid: str, content: str, now: float) -> Comment:
        """A reader's comment (from the control API); refused while comments are closed."""
        if not self.open:
            raise ValueError("comments are closed on this article")
        comment = Comment(len(self.comments) + 1, openid, content, int(now))
        self.comments.append(comment)
        return comment

    def set_open(self, opened: bool) -> None:
        self.open = opened

    def mark(self, user_comment_id: object, *, elected: bool) -> None:
        self.comment(user_comment_id).elected = elected

    def delete(self, user_comment_id: object) -> None:
        self.comment(user_comment_id).deleted = True

    def delete_reply(self, user_comment_id: object) -> None:
        self.comment(user_comment_id).reply = None

    def reply(self, user_comment_id: object, content: object, now: float) -> None:
        comment = self.comment(user_comment_id)
        if not isinstance(content, str) or not content or len(content) > MAX_REPLY_CHARS:
            raise ApiError(ErrCode.INVALID_REPLY_CONTENT)
        if comment.reply is not None:
            raise ApiError(ErrCode.ALREADY_REPLY)
        comment.reply = {"content": content, "create_time": int(now)}


class Comments:
    def __init__(self) -> None:
        self._threads: dict[ThreadKey, Thread] = {}

    def thread(self, key: ThreadKey, *, open_by_default: bool) -> Thread:
        """The article's thread (made on first use, open as the article was published)."""
        return self._threads.setdefault(key, Thread(open_by_default))

    def describe(self, app_id: str) -> list[dict[str, Any]]:
        return [
            {
                "msg_data_id": msg_data_id,
                "index": index,
                "open": thread.open,
                "comments": [c.listed() | {"deleted": c.deleted} for c in thread.comments],
            }
            for (owner, msg_data_id, index), thread in self._threads.items()
            if owner == app_id
        ]
