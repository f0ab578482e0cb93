"""Broadcast jobs in Redis, shared by every notifier replica.

Keys under ``prefix``, each with the TTL (a job's renewed by every move): ``mass:{id}`` the job (a
hash), ``mass-idem:{app_id}:{client_msg_id}`` → id, ``mass-msgid:{app_id}:{msg_id}`` → id (for the
MASSSENDJOBFINISH report) and ``mass-report:{app_id}:{msg_id}`` a report that arrived before the
job learnt its ``msg_id`` (its send's answer was lost), applied when it does.
"""

import uuid
from collections.abc import Mapping
from typing import Any

from redis.asyncio import Redis

from services.notifier.mass_record import MassJob, MassStatus, encode, encode_list, mass_sources
from services.notifier.mass_scripts import CLAIM_JOB, CREATE_JOB, MARK_SENT, REPORT, TRANSITION_JOB
from services.notifier.status_record import decode_hash

Fields = Mapping[str, str | int | float]


def _pairs(fields: Fields) -> list[str | int]:
    flat: list[str | int] = []
    for name, value in fields.items():
        flat += [name, repr(value) if isinstance(value, float) else value]
    return flat


def _job(reply: list[Any]) -> MassJob | None:
    outcome, *rest = reply
    return MassJob.from_hash(decode_hash(rest[0])) if outcome != -1 else None


class MassStore:
    def __init__(self, redis: Redis, *, ttl_seconds: int = 7 * 86400, prefix: str = "wxmp:notifier:") -> None:
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be at least 1")
        self._redis = redis
        self._ttl = ttl_seconds
        self._prefix = prefix
        self._create = redis.register_script(CREATE_JOB)
        self._transition = redis.register_script(TRANSITION_JOB)
        self._mark_sent = redis.register_script(MARK_SENT)
        self._report = redis.register_script(REPORT)
        self._claim = redis.register_script(CLAIM_JOB)

    def _key(self, id: str) -> str:
        return f"{self._prefix}mass:{id}"

    async def create(
        self, *, app_id: str, request: Mapping[str, Any], client_msg_id: str | None, now: float
    ) -> tuple[MassJob, bool]:
        """A new queued job and True; or, for a ``client_msg_id`` this app already used, that job and
        False. The job's ``clientmsgid`` is the caller's ``client_msg_id``, else its own id: one per
        job, so WeChat can tell a repeat of its broadcast from a new one."""
        id = uuid.uuid4().hex
        fields: dict[str, str | int | float] = {
            "id": id, "app_id": app_id, "status": MassStatus.QUEUED.value, "clientmsgid": client_msg_id or id,
            "request": encode(request), "attempts": 0, "unresolved": 0, "created_at": now, "updated_at": now,
        }  # fmt: skip
        if client_msg_id is not None:
            fields["client_msg_id"] = client_msg_id
        idem_key = f"{self._prefix}mass-idem:{app_id}:{client_msg_id}" if client_msg_id is not None else ""
        outcome, record = await self._create(
            keys=[self._key(id), idem_key], args=[self._ttl, id, self._key(""), *_pairs(fields)]
        )
        return MassJob.from_hash(decode_hash(record)), outcome == 1

    async def get(self, id: str) -> MassJob | None:
        fields = decode_hash(await self._redis.hgetall(self._key(id)))
        return MassJob.from_hash(fields) if fields else None

    async def claim(self, id: str, *, now: float, lease_until: float) -> tuple[MassJob | None, bool]:
        """The job, sending and leased to the caller until ``lease_until``, and True; or the job as it
        is and False when it is settled or another caller's lease is live."""
        reply = await self._claim(keys=[self._key(id)], args=[repr(now), repr(lease_until), self._ttl])
        return _job(reply), reply[0] == 1

    async def transition(
        self,
        id: str,
        status: MassStatus,
        *,
        now: float,
        fields: Fields | None = None,
        add_attempts: int = 0,
        add_unresolved: int = 0,
    ) -> tuple[MassJob | None, bool]:
        """Move ``id`` to ``status`` if allowed, writing ``fields``: the job after, and whether it moved.
        The calls added count even when the move is refused."""
        allowed = " " + " ".join(old.value for old in mass_sources(status)) + " "
        return await self._run(id, status.value, allowed, now, fields, add_attempts, add_unresolved)

    async def write(
        self,
        id: str,
        *,
        while_in: tuple[MassStatus, ...],
        now: float,
        fields: Fields | None = None,
        add_attempts: int = 0,
        add_unresolved: int = 0,
    ) -> tuple[MassJob | None, bool]:
        """Write ``fields`` without a move, if the job is in one of ``while_in``."""
        allowed = " " + " ".join(status.value for status in while_in) + " "
        return await self._run(id, "", allowed, now, fields, add_attempts, add_unresolved)

    async def mark_deleted(self, job: MassJob, article_idx: int, *, now: float) -> MassJob | None:
        """Record that ``article_idx`` (0: all) of ``job`` was taken down; the job as written."""
        deleted = sorted({*job.deleted_articles, article_idx})
        written, _ = await self.write(
            job.id, while_in=tuple(MassStatus), now=now, fields={"deleted_articles": encode_list(deleted)}
        )
        return written

    async def _run(
        self, id: str, new: str, allowed: str, now: float, fields: Fields | None, attempts: int, unresolved: int
    ) -> tuple[MassJob | None, bool]:
        if attempts < 0 or unresolved < 0:
            raise ValueError("calls added must not be negative")
        reply = await self._transition(
            keys=[self._key(id)], args=[new, allowed, self._ttl, repr(now), attempts, unresolved, *_pairs(fields or {})]
        )
        return _job(reply), reply[0] == 1

    async def mark_sent(
        self, id: str, app_id: str, msg_id: int, *, now: float, fields: Fields | None = None, add_attempts: int = 0
    ) -> tuple[MassJob | None, bool]:
        """sending → sent with WeChat's ``msg_id`` (a report already waiting for it settles the job)."""
        reply = await self._mark_sent(
            keys=[self._key(id), self._msgid_key(app_id, msg_id), self._report_key(app_id, msg_id)],
            args=[self._ttl, repr(now), msg_id, add_attempts, *_pairs(fields or {})],
        )
        return _job(reply), reply[0] == 1

    async def report(
        self, app_id: str, msg_id: int, *, outcome: MassStatus, report: Mapping[str, Any],
        error: Mapping[str, Any] | None, now: float,
    ) -> tuple[MassJob | None, bool]:  # fmt: skip
        """Settle the job WeChat numbered ``msg_id`` with its report: the job and whether it moved;
        (None, False) while no job has that ``msg_id`` (the report waits for it)."""
        reply = await self._report(
            keys=[self._msgid_key(app_id, msg_id), self._report_key(app_id, msg_id)],
            args=[self._ttl, repr(now), self._key(""), outcome.value, encode(report), encode(error) if error else ""],
        )
        return _job(reply), reply[0] == 1

    def _msgid_key(self, app_id: str, msg_id: int) -> str:
        return f"{self._prefix}mass-msgid:{app_id}:{msg_id}"

    def _report_key(self, app_id: str, msg_id: int) -> str:
        return f"{self._prefix}mass-report:{app_id}:{msg_id}"
