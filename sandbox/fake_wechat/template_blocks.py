"""Template messages WeChat intercepted (``wxa/sec/queryblocktmplmsg``): a test marks a recorded send as
blocked (``POST /_control/templates/block``), the account then finds it by its template id.

WeChat answers one ``msginfo`` object per query (``id`` > ``largest_id``, for paging); ``limit`` is
1–100. Malformed queries are 40097 (WeChat documents no code of its own). No I/O.
"""

import itertools
from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.outbox import SentMessage

MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class BlockedMessage:
    id: int
    tmpl_msg_id: str
    title: str
    content: str
    send_timestamp: int
    openid: str

    def info(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tmpl_msg_id": self.tmpl_msg_id,
            "title": self.title,
            "content": self.content,
            "send_timestamp": self.send_timestamp,
            "openid": self.openid,
        }


def _content(data: object) -> str:
    """The sent fields as the follower would have read them: ``name:value`` lines."""
    if not isinstance(data, dict):
        return ""
    return "\n".join(
        f"{key}:{field.get('value', '') if isinstance(field, dict) else field}" for key, field in data.items()
    )


def _count(value: object, *, low: int, high: int | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < low or (high is not None and value > high):
        raise ApiError(ErrCode.INVALID_ARGS)
    return value


class BlockedTemplates:
    def __init__(self) -> None:
        self._blocked: dict[str, list[BlockedMessage]] = {}
        self._ids = itertools.count(1)

    def block(self, sent: SentMessage, title: str) -> BlockedMessage:
        """WeChat intercepted this template send (it was recorded as sent)."""
        body = sent.body
        record = BlockedMessage(
            id=next(self._ids),
            tmpl_msg_id=str(body.get("template_id", "")),
            title=title,
            content=_content(body.get("data")),
            send_timestamp=int(sent.wall),
            openid=str(body.get("touser", "")),
        )
        self._blocked.setdefault(sent.app_id, []).append(record)
        return record

    def query(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """The next intercepted message of a template after ``largest_id``: ``{msginfo}`` or nothing."""
        tmpl_msg_id = body.get("tmpl_msg_id")
        if not isinstance(tmpl_msg_id, str) or not tmpl_msg_id:
            raise ApiError(ErrCode.INVALID_ARGS)
        largest_id = _count(body.get("largest_id"), low=0, high=None)
        _count(body.get("limit"), low=1, high=MAX_LIMIT)
        for record in self._blocked.get(app_id, []):
            if record.tmpl_msg_id == tmpl_msg_id and record.id > largest_id:
                return {"msginfo": record.info()}
        return {}

    def listing(self, app_id: str) -> list[dict[str, Any]]:
        return [record.info() for record in self._blocked.get(app_id, [])]
