"""What the fake accepted for delivery, in order; template sends de-duplicated by openid + client_msg_id."""

import itertools
from dataclasses import dataclass, replace
from typing import Any

FIRST_MSGID = 2_000_000_000  # WeChat's msgids are large integers


@dataclass(frozen=True, slots=True)
class SentMessage:
    kind: str  # "template" or "custom"
    app_id: str
    body: dict[str, Any]
    access_token: str
    wall: float
    monotonic: float
    msgid: int | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "app_id": self.app_id,
            "body": self.body,
            "access_token": self.access_token,
            "msgid": self.msgid,
            "wall": self.wall,
            "monotonic": self.monotonic,
        }


class Outbox:
    def __init__(self) -> None:
        self.sent: list[SentMessage] = []
        self._msgids = itertools.count(FIRST_MSGID)
        self._by_client_msg_id: dict[tuple[str, str, str], tuple[int, float]] = {}

    def template(self, message: SentMessage, openid: str, *, window: float) -> int:
        """Record a template send and return its msgid; a repeat within the window returns the first msgid."""
        client_msg_id = message.body.get("client_msg_id")
        key = (message.app_id, openid, client_msg_id) if isinstance(client_msg_id, str) and client_msg_id else None
        if key is not None:
            seen = self._by_client_msg_id.get(key)
            if seen is not None and message.wall - seen[1] < window:
                return seen[0]
        msgid = next(self._msgids)
        self.sent.append(replace(message, msgid=msgid))
        if key is not None:
            self._by_client_msg_id[key] = (msgid, message.wall)
        return msgid

    def custom(self, message: SentMessage) -> None:
        self.sent.append(message)

    def listing(self, app_id: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        return [
            m.describe()
            for m in self.sent
            if (app_id is None or m.app_id == app_id) and (kind is None or m.kind == kind)
        ]
