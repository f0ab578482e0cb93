"""A broadcast job's status, the moves allowed between statuses, and the job as Redis keeps it
(one hash per job: strings only; ``request``, ``preview``, ``error`` and ``report`` are JSON).

queued → sending (the preview or the broadcast call is under way — one caller at a time, under a
lease — or the call's outcome is being resolved) → sent
(WeChat took the job: ``msg_id``) → delivered (MASSSENDJOBFINISH "send success") or failed (its
report says "send fail" or "err(N)"). A refusal fails the job from queued or sending. ``unknown``:
a call's outcome could not be resolved while WeChat still de-duplicates the job's ``clientmsgid``
(24 h), so the notifier stopped rather than risk sending it twice.

``deleted_articles``: what ``message/mass/delete`` took down of a job with a ``msg_id`` (0: all of
it, else the article's index from 1), whatever the status; ``deleted`` in its JSON when any.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class MassStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    UNKNOWN = "unknown"


MASS_TRANSITIONS: Mapping[MassStatus, frozenset[MassStatus]] = {
    MassStatus.QUEUED: frozenset({MassStatus.SENDING, MassStatus.FAILED}),
    MassStatus.SENDING: frozenset({MassStatus.SENT, MassStatus.FAILED, MassStatus.UNKNOWN}),
    MassStatus.SENT: frozenset({MassStatus.DELIVERED, MassStatus.FAILED}),  # the MASSSENDJOBFINISH report
    MassStatus.DELIVERED: frozenset(),
    MassStatus.FAILED: frozenset(),
    MassStatus.UNKNOWN: frozenset(),
}
SETTLED = frozenset({MassStatus.SENT, MassStatus.DELIVERED, MassStatus.FAILED, MassStatus.UNKNOWN})


def mass_sources(new: MassStatus) -> tuple[MassStatus, ...]:
    """The statuses from which ``new`` may be reached."""
    return tuple(old for old, targets in MASS_TRANSITIONS.items() if new in targets)


def _json(value: str | None) -> Any:
    return json.loads(value) if value else None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


@dataclass(frozen=True)
class MassJob:
    id: str
    app_id: str
    status: MassStatus
    clientmsgid: str
    request: dict[str, Any]  # the validated MassMessage, as the caller's JSON
    created_at: float
    updated_at: float
    client_msg_id: str | None = None
    attempts: int = 0  # broadcast calls WeChat received (or may have: one whose answer was lost counts)
    unresolved: int = 0  # of those, the calls whose outcome the notifier never learned
    first_sent_at: float | None = None
    msg_id: int | None = None
    msg_data_id: int | None = None
    preview: dict[str, Any] | None = None  # {"touser" | "towxname", "msg_id"}
    wechat_status: str | None = None  # mass/get's msg_status, when the notifier asked
    error: dict[str, Any] | None = None
    report: dict[str, Any] | None = None  # MASSSENDJOBFINISH: status, counts, copyright check, article URLs
    deleted_articles: tuple[int, ...] = ()  # message/mass/delete's article_idx values, 0 for all

    def is_deleted(self, article_idx: int) -> bool:
        """Whether ``article_idx`` (0: the whole broadcast) was already taken down."""
        return 0 in self.deleted_articles or article_idx in self.deleted_articles

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status.value,
            "app_id": self.app_id,
            "kind": "mass",
            "msg_id": self.msg_id,
            "msg_data_id": self.msg_data_id,
            "clientmsgid": self.clientmsgid,
            "client_msg_id": self.client_msg_id,
            "attempts": self.attempts,
            "preview": self.preview,
            "wechat_status": self.wechat_status,
            "report": self.report,
            "error": self.error,
            "deleted": bool(self.deleted_articles),
            "deleted_articles": list(self.deleted_articles),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_hash(cls, fields: Mapping[str, str]) -> "MassJob":
        first_sent = fields.get("first_sent_at")
        return cls(
            id=fields["id"],
            app_id=fields["app_id"],
            status=MassStatus(fields["status"]),
            clientmsgid=fields["clientmsgid"],
            request=json.loads(fields["request"]),
            created_at=float(fields["created_at"]),
            updated_at=float(fields["updated_at"]),
            client_msg_id=fields.get("client_msg_id") or None,
            attempts=int(fields.get("attempts", 0)),
            unresolved=int(fields.get("unresolved", 0)),
            first_sent_at=float(first_sent) if first_sent else None,
            msg_id=_int(fields.get("msg_id")),
            msg_data_id=_int(fields.get("msg_data_id")),
            preview=_json(fields.get("preview")),
            wechat_status=fields.get("wechat_status") or None,
            error=_json(fields.get("error")),
            report=_json(fields.get("report")),
            deleted_articles=tuple(_json(fields.get("deleted_articles")) or ()),
        )


def encode(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), ensure_ascii=False, separators=(",", ":"))


def encode_list(values: list[int]) -> str:
    return json.dumps(values, separators=(",", ":"))
