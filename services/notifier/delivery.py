"""Delivering template, customer-service and subscription messages: one handler for the HTTP and
broker paths.

A command is WeChat's message body on ``wechat.commands`` under
``{app_id}.template.send``, ``{app_id}.custom.send`` or ``{app_id}.subscribe.send``.
One from our HTTP API carries the id of its status record (``x-notifier-id``),
checked when it was accepted; one published by another system gets its record
here, idempotent by ``client_msg_id`` (else the AMQP message id, else the body),
and a template message is checked here against the account's template when the
notifier knows it. A record already sent, delivered or failed is
not sent again. Template sends always carry a ``client_msg_id`` (the caller's,
or the record id), so WeChat itself drops a resend after a crash between the
send and the status write; customer-service messages and notifications have no
such key at WeChat. Outcomes: transient (-1, network, token service) →
the consumer retries with backoff and dead-letters after the budget, the record
``failed`` on the last attempt; permanent (43004, 40003, 40037, 45015 …) →
``failed`` with WeChat's errcode, no retry. A record's ``attempts`` counts the calls
WeChat received for it — the client's own retries (-1, the call after a token refresh)
and the consumer's retries through the delay queues alike — added with the outcome each
attempt writes (the client reports each call through its ``on_attempt`` hook). A process
killed between a call and that write leaves that attempt's calls uncounted.
"""

import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import structlog

from services.notifier.messages import InvalidMessage, parse_custom, parse_subscribe, parse_template
from services.notifier.metrics import NotifierMetrics
from services.notifier.rate import RateLimiter
from services.notifier.status import MessageRecord, Status, StatusStore
from shared.broker import IncomingMessage
from shared.consumer import Permanent, attempts_of, routing_key_of
from shared.wechat.client import WeChatClient
from shared.wechat.errors import Action, WeChatError
from shared.wechat.token_provider import TokenServiceError

log = structlog.get_logger(__name__)

ID_HEADER = "x-notifier-id"
PATHS = {
    "template": "/cgi-bin/message/template/send",
    "custom": "/cgi-bin/message/custom/send",
    "subscribe": "/cgi-bin/message/subscribe/bizsend",
}
_DONE = (Status.SENT, Status.DELIVERED, Status.FAILED)
UNDEDUPLICATED = frozenset({"custom", "subscribe"})  # kinds WeChat has no client_msg_id for


class InFlight(Exception):
    """Another command of the record is sending it now: a failed attempt, so the consumer looks again later."""


class AlreadySent(Exception):
    """Another command of the record settled it meanwhile."""


def parse_command_key(routing_key: str) -> tuple[str, str]:
    """``wx1234.template.send`` → (``wx1234``, ``template``)."""
    app_id, _, rest = routing_key.partition(".")
    kind = rest.removesuffix(".send")
    if not app_id or kind not in PATHS:
        raise Permanent(f"not a notifier command: {routing_key!r}")
    return app_id, kind


def wechat_body(kind: str, payload: Any, client_msg_id: str) -> dict[str, Any]:
    if kind == "template":
        return parse_template(payload).wechat_body(client_msg_id)
    if kind == "subscribe":
        return parse_subscribe(payload).wechat_body()
    return parse_custom(payload).wechat_body()


TemplateCheck = Callable[[str, str, Any], Awaitable[None]]  # app_id, template_id, data (or keywords) → InvalidMessage


class CallCount:
    """The calls one attempt made to WeChat: the client's ``on_attempt`` hook."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


class Delivery:
    def __init__(
        self,
        status: StatusStore,
        wechat: WeChatClient,
        limiter: RateLimiter,
        metrics: NotifierMetrics,
        *,
        max_attempts: int,
        check_template: TemplateCheck | None = None,
        check_notice: TemplateCheck | None = None,
        in_flight_seconds: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._in_flight_seconds = in_flight_seconds
        self._check_template = check_template
        self._check_notice = check_notice
        self._status = status
        self._wechat = wechat
        self._limiter = limiter
        self._metrics = metrics
        self._max_attempts = max_attempts
        self._clock = clock

    async def __call__(self, message: IncomingMessage) -> None:
        app_id, kind = parse_command_key(routing_key_of(message))
        try:
            payload = json.loads(message.body)
        except ValueError:
            raise Permanent("command body is not JSON") from None
        record = await self._record(message, app_id, kind, payload)
        if record.status in _DONE:
            return  # already handled (a redelivery, or the same client_msg_id again)
        try:
            await self._send(message, app_id, kind, payload, record)
        except AlreadySent:
            return

    async def _check(self, app_id: str, kind: str, payload: Any, body: dict[str, Any]) -> None:
        """A template message or subscription notification against the account's template, when known."""
        if kind == "template" and self._check_template is not None:
            await self._check_template(app_id, body["template_id"], parse_template(payload).data)
        elif kind == "subscribe" and self._check_notice is not None:
            await self._check_notice(app_id, body["template_id"], body["data"])

    async def _send(
        self, message: IncomingMessage, app_id: str, kind: str, payload: Any, record: MessageRecord
    ) -> None:
        try:
            body = wechat_body(kind, payload, record.client_msg_id or record.id)
            if ID_HEADER not in (message.headers or {}):  # a command from the broker, not checked by the API
                await self._check(app_id, kind, payload, body)
        except InvalidMessage as exc:
            await self._status.transition(record.id, Status.FAILED, now=self._clock(), error={"reason": str(exc)})
            raise Permanent(f"invalid command: {exc}") from None
        current, moved = await self._status.transition(record.id, Status.SENDING, now=self._clock())
        if not moved and kind in UNDEDUPLICATED and current is not None:
            self._not_in_flight(current)
        await self._limiter.wait_turn(app_id)
        calls = CallCount()
        try:
            answer = await self._wechat.call(app_id, "POST", PATHS[kind], json=body, on_attempt=calls)
        except (WeChatError, TokenServiceError) as exc:
            await self._failed(record, exc, calls.calls, last=attempts_of(message) + 1 >= self._max_attempts)
            return
        msgid = answer.get("msgid")
        await self._status.transition(
            record.id,
            Status.SENT,
            now=self._clock(),
            wechat_msgid=int(msgid) if msgid is not None else None,
            add_attempts=calls.calls,
        )
        self._metrics.sends.labels(kind, "sent").inc()

    def _not_in_flight(self, current: MessageRecord) -> None:
        """WeChat cannot tell two sends of a customer-service message or a notification apart: a record
        another command of it is sending right now is not sent again (its sender may have crashed:
        once ``in_flight_seconds`` pass, the retry takes over)."""
        if current.status in _DONE:
            raise AlreadySent(current.id)
        if current.status is Status.SENDING and self._clock() - current.updated_at < self._in_flight_seconds:
            raise InFlight(f"{current.id} is being sent by another command of it: looked at again later")

    async def _record(self, message: IncomingMessage, app_id: str, kind: str, payload: Any) -> MessageRecord:
        record_id = (message.headers or {}).get(ID_HEADER)
        if isinstance(record_id, str):
            record = await self._status.get(record_id)
            if record is None:
                raise Permanent(f"no status record {record_id} (expired?)")
            return record
        # From another system: one record per client_msg_id (else message id, else body).
        key = payload.get("client_msg_id") if isinstance(payload, dict) else None
        if not isinstance(key, str) or not key:
            key = message.message_id or hashlib.sha256(message.body).hexdigest()[:32]
        record, _ = await self._status.create(app_id=app_id, kind=kind, client_msg_id=key, now=self._clock())
        return record

    async def _failed(
        self, record: MessageRecord, exc: WeChatError | TokenServiceError, calls: int, *, last: bool
    ) -> None:
        error: dict[str, Any] = (
            exc.to_json()
            if isinstance(exc, WeChatError)
            else {"reason": f"token service: {exc.status or 'unreachable'}"}
        )
        transient = isinstance(exc, TokenServiceError) or exc.action is not Action.FAIL
        now = self._clock()
        if transient and not last:
            await self._status.transition(record.id, Status.QUEUED, now=now, error=error, add_attempts=calls)
            self._metrics.sends.labels(record.kind, "retried").inc()
            raise exc  # the consumer parks it in a delay queue for the next attempt
        await self._status.transition(record.id, Status.FAILED, now=now, error=error, add_attempts=calls)
        self._metrics.sends.labels(record.kind, "failed").inc()
        log.warning("send_failed", id=record.id, app_id=record.app_id, error=error, permanent=not transient)
        if transient:
            raise Permanent(f"retry budget spent: {error}")
