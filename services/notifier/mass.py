"""Broadcast jobs (群发): one handler for the HTTP and broker paths, never sending a job twice.

A command is a broadcast request on ``wechat.commands`` under ``{app_id}.mass.send``. One from our
HTTP API carries its job's id (``x-notifier-id``); one published by another system gets its job
here, idempotent by ``client_msg_id`` (else the AMQP message id, else the body). A job is sent with
one ``clientmsgid`` for its whole life, by which WeChat de-duplicates a broadcast for 24 h.

One command at a time handles a job: it claims the job under a lease (``lease_seconds``, longer
than its calls may take); another command of the same job (a repeat, or the redelivery of a
crashed holder's) asks again later instead. The steps: the preview, when asked (a failure that
may pass is retried by the consumer; one that cannot fails the job: nothing was broadcast); then
the broadcast, once. Its outcome decides what follows (``next_step``): WeChat took it
(``msg_id``) → sent; refused → failed (``unknown`` if an earlier call's answer was lost); the
answer lost (-1, a timeout, a dropped connection) or "the same clientmsgid within a minute"
(45066) → asked again after ``recheck_seconds`` by sending the SAME request again, which WeChat
either takes (the first never reached it) or answers 45065 with the job it already has (then
``mass/get`` confirms it). A crash mid-call is the same: the redelivered command finds the job
``sending`` and, once the lease ends, asks again. No call ever goes out with a new
``clientmsgid``, and none after ``resolve_seconds`` from the first (WeChat forgets a
``clientmsgid`` after 24 h): a job still unresolved then is ``unknown``.
"""

import enum
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

import structlog

from services.notifier.delivery import ID_HEADER, CallCount
from services.notifier.mass_call import CLIENTMSGID_EXISTS, CLIENTMSGID_TOO_FAST, Accepted, MassCaller
from services.notifier.mass_record import SETTLED, MassJob, MassStatus, encode
from services.notifier.mass_store import MassStore
from services.notifier.messages import InvalidMessage, MassMessage, parse_mass
from services.notifier.metrics import NotifierMetrics
from shared.broker import PERSISTENT, Broker, IncomingMessage, Message
from shared.consumer import ROUTING_KEY_HEADER, Permanent, attempts_of, routing_key_of
from shared.topology import MASS_COMMAND
from shared.wechat.api import WeChatApi
from shared.wechat.errors import TOKEN_ERRORS, ErrCode, WeChatError
from shared.wechat.token_provider import TokenServiceError

log = structlog.get_logger(__name__)

UNKNOWN_OUTCOME = (
    "a broadcast call's answer was lost and WeChat no longer de-duplicates its clientmsgid: "
    "check the account's broadcasts before sending it again"
)
REFUSED_AFTER_LOSS = (
    "refused now, but an earlier call's answer was lost, so the broadcast may have gone out: "
    "check the account's broadcasts before sending it again"
)


class Step(enum.Enum):
    RECHECK = "recheck"  # ask again later, with the same clientmsgid
    FAIL = "fail"  # WeChat refused it: nothing was broadcast
    UNKNOWN = "unknown"  # refused now, but an earlier call's outcome was never learnt


def next_step(errcode: int, *, unresolved: int) -> tuple[Step, str]:
    """What follows a broadcast call that ended in ``errcode``, after ``unresolved`` calls (this one
    included) whose outcome was never learnt; with the reason for a recheck."""
    if errcode == ErrCode.SYSTEM_BUSY:
        return Step.RECHECK, "lost_answer"
    if errcode == CLIENTMSGID_TOO_FAST:
        return Step.RECHECK, "too_fast"
    if errcode in TOKEN_ERRORS:  # refused again after a refresh: nothing went out; the token service's to fix
        return Step.RECHECK, "token_service"
    return (Step.FAIL, "") if unresolved == 0 else (Step.UNKNOWN, "")


def parse_mass_key(routing_key: str) -> str:
    """``wx1234.mass.send`` → ``wx1234``."""
    app_id, _, command = routing_key.partition(".")
    if not app_id or command != MASS_COMMAND:
        raise Permanent(f"not a broadcast command: {routing_key!r}")
    return app_id


class MassJobs:
    def __init__(
        self,
        store: MassStore,
        caller: MassCaller,
        api: Callable[[str], WeChatApi],
        broker: Broker,
        metrics: NotifierMetrics,
        *,
        recheck_queue: str,
        recheck_seconds: float,
        resolve_seconds: float,
        lease_seconds: float,
        max_attempts: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._lease_seconds = lease_seconds
        self._store = store
        self._caller = caller
        self._api = api
        self._broker = broker
        self._metrics = metrics
        self._recheck_queue = recheck_queue
        self._recheck_seconds = recheck_seconds
        self._resolve_seconds = resolve_seconds
        self._max_attempts = max_attempts
        self._clock = clock

    async def __call__(self, message: IncomingMessage) -> None:
        app_id = parse_mass_key(routing_key_of(message))
        try:
            payload = json.loads(message.body)
        except ValueError:
            raise Permanent("command body is not JSON") from None
        job = await self._job(message, app_id, payload)
        if job.status in SETTLED:
            return  # already sent or settled (a redelivery, or the same client_msg_id again)
        try:
            request = parse_mass(job.request)
        except InvalidMessage as exc:
            await self._store.transition(
                job.id, MassStatus.FAILED, now=self._clock(), fields=_error_field(reason=str(exc))
            )
            raise Permanent(f"invalid broadcast: {exc}") from None
        now = self._clock()
        claimed, holder = await self._store.claim(job.id, now=now, lease_until=now + self._lease_seconds)
        if claimed is None or claimed.status in SETTLED:
            return
        if not holder:  # another command of the job is being handled (or its crashed holder's lease runs)
            await self._recheck(claimed, message, "in_progress", 0, lost=False, release=False)
            return
        if await self._preview(claimed, request, last=attempts_of(message) + 1 >= self._max_attempts):
            await self._send(claimed, request, message)

    async def _job(self, message: IncomingMessage, app_id: str, payload: Any) -> MassJob:
        job_id = (message.headers or {}).get(ID_HEADER)
        if isinstance(job_id, str):
            job = await self._store.get(job_id)
            if job is None:
                raise Permanent(f"no broadcast job {job_id} (expired?)")
            return job
        # From another system: one job per client_msg_id (else message id, else body).
        key = payload.get("client_msg_id") if isinstance(payload, dict) else None
        if not isinstance(key, str) or not key:
            key = message.message_id or hashlib.sha256(message.body).hexdigest()[:32]
        request = payload if isinstance(payload, dict) else {"body": payload}
        job, _ = await self._store.create(app_id=app_id, request=request, client_msg_id=key, now=self._clock())
        return job

    async def _preview(self, job: MassJob, request: MassMessage, *, last: bool) -> bool:
        """Show the broadcast to the one person asked for first; whether the broadcast may go."""
        preview = request.preview_request()
        if preview is None or (job.preview or {}).get("msg_id") is not None:
            return True
        try:
            api = self._api(job.app_id)
            shown = await api.mass.preview(preview.content, openid=preview.openid, wxname=preview.wxname)
        except (WeChatError, TokenServiceError) as exc:
            transient = isinstance(exc, TokenServiceError) or exc.retryable
            if transient and not last:
                await self._store.write(job.id, while_in=(MassStatus.SENDING,), now=self._clock(), fields=_UNLEASED)
                raise  # nothing broadcast yet: the consumer tries the preview again
            error = exc.to_json() if isinstance(exc, WeChatError) else {"reason": f"token service: {exc.status}"}
            await self._store.transition(
                job.id, MassStatus.FAILED, now=self._clock(), fields={"error": encode({**error, "step": "preview"})}
            )
            self._metrics.mass_jobs.labels("failed").inc()
            log.warning("mass_preview_failed", id=job.id, app_id=job.app_id, error=error)
            return False
        target = {"touser": preview.openid} if preview.openid is not None else {"towxname": preview.wxname}
        await self._store.write(
            job.id, while_in=(MassStatus.SENDING,), now=self._clock(),
            fields={"preview": encode({**target, "msg_id": shown.msg_id})},
        )  # fmt: skip
        return True

    async def _send(self, job: MassJob, request: MassMessage, message: IncomingMessage) -> None:
        now = self._clock()
        if job.first_sent_at is None:
            started, wrote = await self._store.write(
                job.id, while_in=(MassStatus.SENDING,), now=now, fields={"first_sent_at": now}
            )
            if started is None or not wrote:
                return
            job = started
        elif now - job.first_sent_at > self._resolve_seconds:
            await self._give_up(job)
            return
        calls = CallCount()
        try:
            accepted = await self._caller.broadcast(job.app_id, request.broadcast(job.clientmsgid), on_attempt=calls)
        except TokenServiceError:
            await self._recheck(job, message, "token_service", calls.calls, lost=False)
            return
        except WeChatError as exc:
            await self._refused(job, message, exc, calls.calls)
            return
        await self._sent(job, accepted, calls.calls)

    async def _sent(self, job: MassJob, accepted: Accepted, calls: int) -> None:
        fields: dict[str, str | int | float] = {}
        if accepted.msg_data_id is not None:
            fields["msg_data_id"] = accepted.msg_data_id
        if accepted.repeat:  # a repeat of a call whose answer was lost: confirm the job WeChat named first
            fields |= await self._confirmed(job, accepted.msg_id)
        _, moved = await self._store.mark_sent(
            job.id, job.app_id, accepted.msg_id, now=self._clock(), fields=fields, add_attempts=calls
        )
        if moved:
            self._metrics.mass_jobs.labels("sent").inc()
        log.info("mass_sent", id=job.id, app_id=job.app_id, msg_id=accepted.msg_id, repeat=accepted.repeat)

    async def _confirmed(self, job: MassJob, msg_id: int) -> dict[str, str]:
        """mass/get's status of the job WeChat named, written with the move to sent so no reader sees one
        without the other; nothing when WeChat cannot say now (the job report settles it later)."""
        try:
            status = await self._api(job.app_id).mass.status(msg_id)
        except (WeChatError, TokenServiceError) as exc:
            log.warning("mass_get_failed", id=job.id, app_id=job.app_id, msg_id=msg_id, error=str(exc))
            return {}
        return {"wechat_status": status.msg_status}

    async def _refused(self, job: MassJob, message: IncomingMessage, exc: WeChatError, calls: int) -> None:
        if exc.errcode == CLIENTMSGID_EXISTS:  # taken before, but WeChat did not name the job
            unnamed = _error_field(reason="WeChat has this broadcast already (45065) but named no msg_id")
            await self._store.transition(job.id, MassStatus.SENT, now=self._clock(), fields=unnamed, add_attempts=calls)
            self._metrics.mass_jobs.labels("sent").inc()
            return
        lost = exc.errcode == ErrCode.SYSTEM_BUSY
        step, reason = next_step(exc.errcode, unresolved=job.unresolved + int(lost))
        if step is Step.RECHECK:
            await self._recheck(job, message, reason, calls, lost=lost)
            return
        error = encode(exc.to_json() | ({} if step is Step.FAIL else {"reason": REFUSED_AFTER_LOSS}))
        status = MassStatus.FAILED if step is Step.FAIL else MassStatus.UNKNOWN
        await self._store.transition(job.id, status, now=self._clock(), fields={"error": error}, add_attempts=calls)
        self._metrics.mass_jobs.labels(status.value).inc()
        log.warning("mass_refused", id=job.id, app_id=job.app_id, errcode=exc.errcode, status=status.value)

    async def _recheck(
        self, job: MassJob, message: IncomingMessage, reason: str, calls: int, *, lost: bool, release: bool = True
    ) -> None:
        """Count this attempt's calls (and give up the lease, if held), then ask again after
        ``recheck_seconds`` (a message of its own)."""
        if calls or lost or release:
            await self._store.write(
                job.id, while_in=(MassStatus.SENDING,), now=self._clock(), add_attempts=calls,
                add_unresolved=int(lost), fields=_UNLEASED if release else None,
            )  # fmt: skip
        again = Message(
            message.body,
            headers={ID_HEADER: job.id, ROUTING_KEY_HEADER: routing_key_of(message)},
            message_id=message.message_id,
            content_type="application/json",
            delivery_mode=PERSISTENT,
            expiration=self._recheck_seconds,
        )
        await self._broker.publish("", self._recheck_queue, again)
        self._metrics.mass_rechecks.labels(reason).inc()
        log.warning("mass_recheck", id=job.id, app_id=job.app_id, reason=reason, after=self._recheck_seconds)

    async def _give_up(self, job: MassJob) -> None:
        if job.unresolved:
            status, error = MassStatus.UNKNOWN, _error_field(reason=UNKNOWN_OUTCOME)
        else:
            status, error = MassStatus.FAILED, _error_field(reason="WeChat or the token service stayed unavailable")
        await self._store.transition(job.id, status, now=self._clock(), fields=error)
        self._metrics.mass_jobs.labels(status.value).inc()
        log.error("mass_unresolved", id=job.id, app_id=job.app_id, status=status.value, unresolved=job.unresolved)


_UNLEASED = {"lease_until": 0}


def _error_field(**error: Any) -> dict[str, str]:
    return {"error": encode(error)}
