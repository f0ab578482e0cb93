"""Answering the gateway's reply requests with the auto-reply rules.

An event published with ``reply_to`` asks for a passive reply. In time (before
the ``x-reply-deadline-ms`` it carries) the reply XML — or an empty body for
"no reply", so the gateway answers at once — goes back over RabbitMQ. Past the
deadline the gateway has answered ``success`` already, so the reply goes out as
a customer-service message instead, once per event id.
"""

import json
import time
from collections.abc import Callable
from typing import Any

import structlog
from redis.asyncio import Redis

from services.dispatcher.metrics import DispatcherMetrics
from services.dispatcher.rules_reload import RulesHolder
from shared.broker import Broker, IncomingMessage, Message
from shared.consumer import Permanent
from shared.replies import Reply, render_reply, to_custom_message
from shared.topology import REPLY_DEADLINE_HEADER
from shared.wechat.client import WeChatClient
from shared.wechat.errors import WeChatError

log = structlog.get_logger(__name__)

LATE_REPLY_DONE_SECONDS = 86_400


def decode_event(message: IncomingMessage) -> dict[str, Any]:
    try:
        event = json.loads(message.body)
    except ValueError:
        raise Permanent("body is not JSON") from None
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not event.get("app_id"):
        raise Permanent("body is not a normalized event")
    return event


def in_time(message: IncomingMessage, now: float) -> bool:
    deadline = (message.headers or {}).get(REPLY_DEADLINE_HEADER)
    return not isinstance(deadline, int) or now * 1000 < deadline


class Answerer:
    def __init__(
        self,
        rules: RulesHolder,
        broker: Broker,
        wechat: WeChatClient,
        redis: Redis,
        metrics: DispatcherMetrics,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._rules = rules
        self._broker = broker
        self._wechat = wechat
        self._redis = redis
        self._metrics = metrics
        self._clock = clock

    async def __call__(self, message: IncomingMessage) -> None:
        if not message.reply_to:
            return  # not a reply request
        event = decode_event(message)
        reply = self._rules.rules.reply_for(event)
        if in_time(message, self._clock()):
            await self._reply_in_time(message, event, reply)
        elif reply is not None:
            await self._reply_late(event, reply)

    async def _reply_in_time(self, message: IncomingMessage, event: dict[str, Any], reply: Reply | None) -> None:
        body = b""
        if reply is not None:
            xml = render_reply(
                reply, to_user=event["from_user"], from_user=event["to_user"], create_time=int(self._clock())
            )
            body = xml.encode("utf-8")
        await self._broker.publish(
            "",
            message.reply_to or "",
            Message(body, correlation_id=message.correlation_id, content_type="application/xml"),
            mandatory=False,  # the gateway may have gone; nothing to do then
        )
        self._metrics.replies.labels("rpc" if reply is not None else "none").inc()

    async def _reply_late(self, event: dict[str, Any], reply: Reply) -> None:
        custom = to_custom_message(reply, to_user=event["from_user"])
        if custom is None:
            self._metrics.replies.labels("unsendable").inc()
            log.info("late_reply_unsendable", event_id=event["id"], type=reply.type)
            return
        done = f"wxmp:dispatcher:late-reply:{event['id']}"
        if await self._redis.exists(done):
            return
        try:
            await self._wechat.call(event["app_id"], "POST", "/cgi-bin/message/custom/send", json=custom)
        except WeChatError as exc:
            if exc.retryable:
                raise
            raise Permanent(f"customer-service message refused: {exc.errcode} {exc.errmsg}") from None
        await self._redis.set(done, b"1", ex=LATE_REPLY_DONE_SECONDS)
        self._metrics.replies.labels("custom").inc()
        log.info("late_reply_sent", event_id=event["id"], type=reply.type)
