"""A message's status, the transitions allowed between statuses, and the record as Redis keeps it
(one hash per message: strings only; ``error`` alone is JSON, being the caller's own dict)."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

KINDS = ("template", "custom", "subscribe")


class Status(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"


# status → the statuses it may move to; delivered and failed are terminal.
TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.QUEUED: frozenset({Status.SENDING, Status.FAILED}),
    Status.SENDING: frozenset({Status.QUEUED, Status.SENT, Status.FAILED}),  # → queued: a retry waits again
    Status.SENT: frozenset({Status.DELIVERED, Status.FAILED}),  # the delivery report
    Status.DELIVERED: frozenset(),
    Status.FAILED: frozenset(),
}


def can_transition(old: Status, new: Status) -> bool:
    return new in TRANSITIONS[old]


def sources(new: Status) -> tuple[Status, ...]:
    """The statuses from which ``new`` may be reached."""
    return tuple(old for old, targets in TRANSITIONS.items() if new in targets)


def text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def decode_hash(flat: list[Any] | Mapping[Any, Any]) -> dict[str, str]:
    """A hash as HGETALL returns it, to Python (a mapping) or through Lua (``[field, value, …]``)."""
    pairs = flat.items() if isinstance(flat, Mapping) else zip(flat[::2], flat[1::2], strict=True)
    return {text(field): text(value) for field, value in pairs}


@dataclass(frozen=True)
class MessageRecord:
    id: str
    app_id: str
    kind: str  # "template" | "custom" | "subscribe"
    status: Status
    attempts: int
    wechat_msgid: int | None
    error: dict[str, Any] | None  # {"errcode": int, "errmsg": str} or {"reason": str}
    batch_id: str | None
    created_at: float
    updated_at: float
    client_msg_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "app_id": self.app_id,
            "kind": self.kind,
            "attempts": self.attempts,
            "wechat_msgid": self.wechat_msgid,
            "error": self.error,
            "batch_id": self.batch_id,
            "client_msg_id": self.client_msg_id,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_hash(cls, fields: Mapping[str, str]) -> "MessageRecord":
        msgid, error = fields.get("wechat_msgid"), fields.get("error")
        return cls(
            id=fields["id"],
            app_id=fields["app_id"],
            kind=fields["kind"],
            status=Status(fields["status"]),
            attempts=int(fields.get("attempts", 0)),
            wechat_msgid=int(msgid) if msgid else None,
            error=json.loads(error) if error else None,
            batch_id=fields.get("batch_id") or None,
            created_at=float(fields["created_at"]),
            updated_at=float(fields["updated_at"]),
            client_msg_id=fields.get("client_msg_id") or None,
        )


def encode_error(error: Mapping[str, Any]) -> str:
    return json.dumps(dict(error), ensure_ascii=False, separators=(",", ":"))
