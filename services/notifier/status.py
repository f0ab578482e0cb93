"""Message and batch status in Redis, shared by every notifier replica.

Keys under ``prefix``, each with the TTL (a record's and its batch's renewed by every transition):
``msg:{id}`` the record (a hash), ``idem:{app_id}:{kind}:{client_msg_id}`` → id,
``msgid:{app_id}:{wechat_msgid}`` → id (for delivery reports), ``batch:{batch_id}`` the
batch (a hash of total and a count per status), ``batch-idem:{app_id}:{client_batch_id}`` → batch id,
``queued:{id}`` once the broker took a record's command (kept for the kinds WeChat does not
de-duplicate, so a repeated request does not queue a second command).
A batch counts a message from its ``create`` on, so ``create_batch`` starts every count at 0.
"""

import uuid
from typing import Any

from redis.asyncio import Redis

from services.notifier.status_record import (
    KINDS,
    MessageRecord,
    Status,
    can_transition,
    decode_hash,
    encode_error,
    sources,
    text,
)
from services.notifier.status_scripts import CREATE, CREATE_BATCH, TRANSITION
from shared.redis_batch import BatchedScript, CommandBatcher

__all__ = ["MessageRecord", "Status", "StatusStore", "UnknownBatch", "can_transition"]

_COUNTS = tuple(status.value for status in Status)


class UnknownBatch(LookupError):
    """``create(batch_id=…)`` named a batch that does not exist (or expired, or is another app's)."""


class StatusStore:
    def __init__(self, redis: Redis, *, ttl_seconds: int = 7 * 86400, prefix: str = "wxmp:notifier:") -> None:
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be at least 1")
        self._redis = redis
        self._ttl = ttl_seconds
        self._prefix = prefix
        # The scripts of every send go out batched over one connection: through redis-py's
        # pool they took about a quarter of the notifier's CPU.
        self._batcher = CommandBatcher(redis)
        self._create = BatchedScript(self._batcher, CREATE)
        self._transition = BatchedScript(self._batcher, TRANSITION)
        self._create_batch = BatchedScript(self._batcher, CREATE_BATCH)

    async def close(self) -> None:
        """Finish the writes under way and give their connection back."""
        await self._batcher.drain()

    def _record_key(self, id: str) -> str:
        return f"{self._prefix}msg:{id}"

    def _batch_key(self, batch_id: str) -> str:
        return f"{self._prefix}batch:{batch_id}"

    async def create(
        self, *, app_id: str, kind: str, client_msg_id: str | None, batch_id: str | None = None, now: float
    ) -> tuple[MessageRecord, bool]:
        """A new queued record and True; or, for a ``client_msg_id`` this app already used for
        this kind, that record and False. Raises UnknownBatch for a ``batch_id`` not of ``app_id``."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}")
        id = uuid.uuid4().hex
        fields: dict[str, str | int] = {"id": id, "app_id": app_id, "kind": kind, "status": Status.QUEUED.value}
        fields |= {"attempts": 0, "created_at": repr(float(now)), "updated_at": repr(float(now))}
        fields |= {"client_msg_id": client_msg_id} if client_msg_id is not None else {}
        fields |= {"batch_id": batch_id} if batch_id is not None else {}
        idem_key = f"{self._prefix}idem:{app_id}:{kind}:{client_msg_id}" if client_msg_id is not None else ""
        batch_key = self._batch_key(batch_id) if batch_id is not None else ""
        pairs = [item for pair in fields.items() for item in pair]
        outcome, *record = await self._create(
            keys=[self._record_key(id), idem_key, batch_key],
            args=[self._ttl, id, app_id, self._record_key(""), *pairs],
        )
        if outcome == -1:
            raise UnknownBatch(f"no batch {batch_id} for {app_id}")
        return MessageRecord.from_hash(decode_hash(record[0])), outcome == 1

    async def get(self, id: str) -> MessageRecord | None:
        fields = decode_hash(await self._redis.hgetall(self._record_key(id)))
        return MessageRecord.from_hash(fields) if fields else None

    async def transition(
        self,
        id: str,
        status: Status,
        *,
        now: float,
        wechat_msgid: int | None = None,
        error: dict[str, Any] | None = None,
        attempts: int | None = None,
        add_attempts: int = 0,
    ) -> tuple[MessageRecord | None, bool]:
        """Move ``id`` to ``status`` if allowed, writing the given fields (entering ``sent``
        without an ``error`` clears the stored one): the record after, and whether it moved.
        ``add_attempts`` (calls made to WeChat) is added to ``attempts`` even when the move is
        refused; otherwise a refused move or a repeat of the current status changes nothing."""
        if add_attempts < 0:
            raise ValueError("add_attempts must not be negative")
        fields: dict[str, str | int] = {}
        fields |= {"wechat_msgid": wechat_msgid} if wechat_msgid is not None else {}
        fields |= {"error": encode_error(error)} if error is not None else {}
        fields |= {"attempts": attempts} if attempts is not None else {}
        clear_error = status is Status.SENT and error is None
        allowed = " " + " ".join(old.value for old in sources(status)) + " "
        outcome, *record = await self._transition(
            keys=[self._record_key(id)],
            args=[
                status.value,
                allowed,
                self._ttl,
                self._prefix,
                repr(float(now)),
                "1" if clear_error else "0",
                add_attempts,
                *[item for pair in fields.items() for item in pair],
            ],
        )
        if outcome == -1:
            return None, False
        return MessageRecord.from_hash(decode_hash(record[0])), outcome == 1

    async def mark_queued(self, id: str) -> None:
        """The broker has the record's command."""
        await self._redis.set(f"{self._prefix}queued:{id}", 1, ex=self._ttl)

    async def was_queued(self, id: str) -> bool:
        return bool(await self._redis.exists(f"{self._prefix}queued:{id}"))

    async def by_wechat_msgid(self, app_id: str, msgid: int) -> str | None:
        """The id of the message WeChat accepted as ``msgid`` (once it is ``sent``)."""
        id = await self._redis.get(f"{self._prefix}msgid:{app_id}:{msgid}")
        return text(id) if id is not None else None

    async def create_batch(
        self, *, app_id: str, total: int, client_batch_id: str | None, now: float
    ) -> tuple[str, bool]:
        """A new batch id and True, every count 0 until its messages are created; or, for a
        ``client_batch_id`` this app already used, that batch's id and False."""
        if total < 0:
            raise ValueError("total must not be negative")
        batch_id = uuid.uuid4().hex
        fields: dict[str, str | int] = {"batch_id": batch_id, "app_id": app_id, "total": total, "created": 0}
        fields |= dict.fromkeys(_COUNTS, 0) | {"created_at": repr(float(now))}
        idem_key = f"{self._prefix}batch-idem:{app_id}:{client_batch_id}" if client_batch_id is not None else ""
        outcome, existing = await self._create_batch(
            keys=[self._batch_key(batch_id), idem_key],
            args=[self._ttl, batch_id, self._batch_key(""), *[item for pair in fields.items() for item in pair]],
        )
        return text(existing), outcome == 1

    async def batch(self, batch_id: str) -> dict[str, Any] | None:
        """The batch's counts; ``done`` once every message was created and none waits or is being sent."""
        fields = decode_hash(await self._redis.hgetall(self._batch_key(batch_id)))
        if not fields:
            return None
        counts = {name: int(fields.get(name, 0)) for name in _COUNTS}
        total, created = int(fields["total"]), int(fields.get("created", 0))
        done = created >= total and counts[Status.QUEUED] == 0 and counts[Status.SENDING] == 0
        return {
            "batch_id": fields["batch_id"],
            "app_id": fields["app_id"],
            "total": total,
            **counts,
            "done": done,
            "created_at": float(fields["created_at"]),
        }
