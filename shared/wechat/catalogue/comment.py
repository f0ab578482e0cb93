"""Comments on published articles (留言管理; seed 1.5)."""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "comment"
_ARTICLE = {"msg_data_id": 2247483649, "index": 0}
_COMMENT = {**_ARTICLE, "user_comment_id": 1}


def _change(action: str, summary: str, example: dict[str, Any]) -> Endpoint:
    return Endpoint(f"cgi-bin/comment/{action}", "POST", GROUP, summary, changes=True, body=Body.JSON, example=example)


ENDPOINTS = (
    _change("open", "Open comments on an article", _ARTICLE),
    _change("close", "Close comments on an article", _ARTICLE),
    Endpoint(
        "cgi-bin/comment/list", "POST", GROUP, "A page of an article's comments (≤ 50)", changes=False,
        body=Body.JSON, example={**_ARTICLE, "begin": 0, "count": 50, "type": 0},
    ),
    _change("markelect", "Feature a comment", _COMMENT),
    _change("unmarkelect", "Stop featuring a comment", _COMMENT),
    _change("delete", "Delete a comment", _COMMENT),
    _change("reply/add", "Reply to a comment", {**_COMMENT, "content": "谢谢"}),
    _change("reply/delete", "Delete the reply to a comment", _COMMENT),
)  # fmt: skip
