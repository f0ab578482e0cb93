"""Each follower's phone screen: their own messages, the passive replies, and the customer-service
and template messages the services sent them through the fake WeChat, in one ordered timeline.

Every item gets a ``seq`` from one counter, so ``after=<seq>`` reads only what is new. The
fake's outbox is absorbed on each read and write, by a cursor over its append-only list (a
``/_control/reset`` replaces the list, and the cursor starts over).
"""

import itertools
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sandbox.fake_wechat.outbox import SentMessage

Source = Literal["you", "passive", "custom", "template", "error"]
Key = tuple[str, str]  # (app_id, openid)


@dataclass
class OutboxCursor:
    """Where a reader of the fake's append-only outbox got to; a reset (a new list) starts it over."""

    _outbox: Sequence[SentMessage] | None = None
    _read: int = 0

    def unread(self, sent: Sequence[SentMessage]) -> Sequence[SentMessage]:
        if sent is not self._outbox or len(sent) < self._read:
            self._outbox, self._read = sent, 0
        fresh, self._read = sent[self._read :], len(sent)
        return fresh


def _template_item(body: dict[str, Any]) -> dict[str, Any]:
    data = body.get("data")
    data = data if isinstance(data, dict) else {}
    return {
        "type": "template",
        "template_id": str(body.get("template_id", "")),
        "url": body.get("url"),
        "miniprogram": body.get("miniprogram"),
        "data": {
            str(name): {"value": str(entry.get("value", "")), "color": entry.get("color")}
            for name, entry in data.items()
            if isinstance(entry, dict)
        },
    }


def _custom_item(body: dict[str, Any]) -> dict[str, Any]:
    msgtype = str(body.get("msgtype", ""))
    content = body.get(msgtype)
    fields = dict(content) if isinstance(content, dict) else {}
    if msgtype == "news":
        articles = fields.get("articles")
        articles = articles if isinstance(articles, list) else []
        fields["articles"] = [
            {
                "title": str(a.get("title", "")),
                "description": str(a.get("description", "")),
                "url": str(a.get("url", "")),
                "pic_url": str(a.get("picurl", "")),
            }
            for a in articles
            if isinstance(a, dict)
        ]
    service = body.get("customservice")
    kf_account = service.get("kf_account") if isinstance(service, dict) else None
    return {**fields, "type": msgtype, "kf_account": kf_account}


def outbox_item(message: SentMessage) -> tuple[Source, dict[str, Any]]:
    """What the follower's phone shows for a message the fake accepted for delivery."""
    if message.kind == "template":
        return "template", _template_item(message.body) | {"msgid": message.msgid}
    return "custom", _custom_item(message.body)


@dataclass
class Conversation:
    items: deque[dict[str, Any]]
    following: bool = False


@dataclass
class Timeline:
    per_conversation: int = 500
    max_conversations: int = 1000
    _seq: "itertools.count[int]" = field(default_factory=lambda: itertools.count(1), init=False)
    _conversations: OrderedDict[Key, Conversation] = field(default_factory=OrderedDict, init=False)
    _cursor: OutboxCursor = field(default_factory=OutboxCursor, init=False)

    def _conversation(self, key: Key) -> Conversation:
        conversation = self._conversations.get(key)
        if conversation is None:
            conversation = self._conversations[key] = Conversation(deque(maxlen=self.per_conversation))
            while len(self._conversations) > self.max_conversations:
                self._conversations.popitem(last=False)
        self._conversations.move_to_end(key)
        return conversation

    def record(self, app_id: str, openid: str, source: Source, shown: dict[str, Any], at: float) -> int:
        """Append an item to the follower's timeline; its seq."""
        seq = next(self._seq)
        self._conversation((app_id, openid)).items.append({**shown, "seq": seq, "source": source, "at": at})
        return seq

    def absorb(self, sent: Sequence[SentMessage]) -> None:
        """Take in the outbox's messages not seen yet, each into its recipient's timeline."""
        for message in self._cursor.unread(sent):
            touser = message.body.get("touser")
            if isinstance(touser, str) and touser:
                source, shown = outbox_item(message)
                self.record(message.app_id, touser, source, shown, message.wall)

    def since(self, app_id: str, openid: str, after: int = 0) -> list[dict[str, Any]]:
        conversation = self._conversations.get((app_id, openid))
        return [] if conversation is None else [item for item in conversation.items if item["seq"] > after]

    def last_seq(self, app_id: str, openid: str) -> int:
        conversation = self._conversations.get((app_id, openid))
        return conversation.items[-1]["seq"] if conversation is not None and conversation.items else 0

    def following(self, app_id: str, openid: str) -> bool:
        conversation = self._conversations.get((app_id, openid))
        return conversation is not None and conversation.following

    def set_following(self, app_id: str, openid: str, following: bool) -> None:
        self._conversation((app_id, openid)).following = following
