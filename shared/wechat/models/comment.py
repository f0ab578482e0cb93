"""Comments on published articles (留言管理): what ``comment/list`` takes and answers.

An article is named by the ``msg_data_id`` its publication returned and ``index`` (0 for the
first article); a comment by ``user_comment_id``. A page holds fewer than 50 comments
(WeChat refuses ``count`` ≥ 50); ``type`` 0 lists every comment, 1 the ordinary ones, 2 the
featured ones.
"""

import enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

MAX_PAGE = 49  # "count >= 50 is refused"
UInt32 = Annotated[int, Field(strict=True, ge=0, le=2**32 - 1)]


class CommentType(enum.IntEnum):
    ALL = 0
    NORMAL = 1
    ELECTED = 2  # featured


class ArticleRef(BaseModel):
    """An article of a publication: ``msg_data_id`` and its ``index`` (0 for the first)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    msg_data_id: UInt32
    index: UInt32 = 0


class CommentRef(ArticleRef):
    user_comment_id: UInt32


class Reply(CommentRef):
    content: Annotated[str, Field(min_length=1)]


class CommentQuery(ArticleRef):
    begin: UInt32 = 0
    count: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] = MAX_PAGE
    type: CommentType = CommentType.ALL


class CommentPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    total: int = 0
    comment: list[dict[str, Any]] = Field(default_factory=list)
