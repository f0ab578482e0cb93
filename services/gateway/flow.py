"""What happens to a verified callback: de-duplicate, publish with confirm, wait for the reply.

The order is what keeps the invariant: the answer is recorded only after the
broker confirmed the event, a claim is released when it could not be, and a
retry that finds the first delivery still unconfirmed answers 503 rather than
`success`. Without Redis the flow still publishes (consumers de-duplicate by
event id) and says so in a metric. A published event whose declared fields were
absent or not of their type (kept as sent, SPEC invariant 6) is counted and
logged once, by the delivery that stored it.
"""

import asyncio
import time
from collections.abc import Awaitable

import structlog
from redis.exceptions import RedisError

from services.gateway.dedup import DedupStore, Seen, State
from services.gateway.metrics import GatewayMetrics
from services.gateway.publisher import EventPublisher
from shared.broker import PublishFailed
from shared.events import WeChatEvent
from shared.events.registry import UnknownEvent

log = structlog.get_logger(__name__)


class CallbackFlow:
    def __init__(
        self,
        dedup: DedupStore,
        publisher: EventPublisher,
        metrics: GatewayMetrics,
        *,
        reply_deadline: float,
        reply_grace: float,
    ) -> None:
        self._dedup = dedup
        self._publisher = publisher
        self._metrics = metrics
        self._reply_deadline = reply_deadline
        self._reply_grace = reply_grace

    async def handle(self, event: WeChatEvent, *, arrived: float) -> bytes | None:
        """The plaintext reply XML for ``event`` (None: answer `success`).

        ``arrived`` is the monotonic time the request came in. Raises
        ``PublishFailed`` when the event is not known to be stored.
        """
        for _ in range(3):  # an owner that fails releases its claim; a waiting retry takes over
            try:
                seen = await self._dedup.claim(event.id)
            except (RedisError, OSError) as exc:
                self._metrics.dedup_errors.inc()
                log.warning("dedup_unavailable", event_id=event.id, error=type(exc).__name__)
                return await self._deliver(event, arrived, claimed=False)
            if seen is None:
                return await self._deliver(event, arrived, claimed=True)
            self._metrics.dedup_hits.inc()
            log.info("duplicate_callback", event_id=event.id, state=seen.state.name)
            seen = await self._wait(event, seen, arrived)
            if seen.state is State.ANSWERED:
                return seen.reply_xml
            if seen.state is State.CONFIRMED:
                return None
            if seen.state is State.PENDING:
                raise PublishFailed("the first delivery of this callback is still unconfirmed")
        raise PublishFailed("could not claim the callback")

    async def _wait(self, event: WeChatEvent, seen: Seen, arrived: float) -> Seen:
        if seen.state in (State.ANSWERED, State.ABSENT):
            return seen
        try:
            return await self._dedup.wait_answer(event.id, deadline=arrived + self._reply_deadline)
        except (RedisError, OSError):
            return seen

    async def _deliver(self, event: WeChatEvent, arrived: float, *, claimed: bool) -> bytes | None:
        answerable = type(event).answerable
        remaining = self._reply_deadline - (time.monotonic() - arrived)
        try:
            pending = await self._publisher.publish(
                event.model_dump_json().encode("utf-8"),
                routing_key=event.routing_key,
                event_id=event.id,
                reply_deadline=time.time() + remaining if answerable else None,
            )
        except BaseException as exc:
            # Not stored (or not known to be): let WeChat's retry publish it.
            self._metrics.publish_failures.inc()
            log.error(
                "publish_failed", event_id=event.id, routing_key=event.routing_key, error=str(exc) or type(exc).__name__
            )
            if claimed:
                await self._quietly(self._dedup.release(event.id))
            raise
        self._metrics.published.inc()
        if event.lenient_fields:
            self._note_lenient(event)
        reply = None
        if pending is not None:
            try:
                if claimed:
                    await self._quietly(self._dedup.mark_confirmed(event.id))
                remaining = self._reply_deadline + self._reply_grace - (time.monotonic() - arrived)
                reply = await pending.wait(remaining)
            finally:
                pending.forget()  # also when the request is cancelled before its wait
            if reply is None:
                self._metrics.reply_timeouts.inc()
                log.info("reply_timeout", event_id=event.id)
        if claimed:
            self._dedup.record(event.id, reply).add_done_callback(self._check_write)
        return reply or None

    def _note_lenient(self, event: WeChatEvent) -> None:
        kind = "unknown" if type(event) is UnknownEvent else (event.event or event.msg_type)
        for field in event.lenient_fields:
            self._metrics.lenient_fields.labels(kind, field.path).inc()
        fields = {field.path: field.reason for field in event.lenient_fields}
        log.warning("lenient_fields", event_id=event.id, type=kind, fields=fields)

    def _check_write(self, write: "asyncio.Future[object]") -> None:
        error = None if write.cancelled() else write.exception()
        if error is not None:
            self._metrics.dedup_errors.inc()
            log.warning("dedup_write_failed", error=type(error).__name__)

    async def _quietly(self, operation: Awaitable[None]) -> None:
        try:
            await operation
        except (RedisError, OSError) as exc:
            self._metrics.dedup_errors.inc()
            log.warning("dedup_write_failed", error=type(exc).__name__)
