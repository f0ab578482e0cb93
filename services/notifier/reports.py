"""Delivery reports: the TEMPLATESENDJOBFINISH events the gateway publishes turn ``sent``
into ``delivered`` (Status success) or ``failed`` (user block, system failed)."""

import json
import time
from collections.abc import Callable

from services.notifier.status import Status, StatusStore
from shared.broker import IncomingMessage
from shared.consumer import Permanent

_FAILED_PREFIX = "failed:"


def outcome(report_status: str) -> tuple[Status, dict[str, str] | None]:
    """WeChat's Status field → our status and error: ``success``; ``failed:user block``;
    ``failed: system failed``."""
    if report_status.strip().lower() == "success":
        return Status.DELIVERED, None
    reason = report_status.strip()
    if reason.lower().startswith(_FAILED_PREFIX):
        reason = reason[len(_FAILED_PREFIX) :].strip()
    return Status.FAILED, {"reason": reason}


class Reports:
    def __init__(self, status: StatusStore, clock: Callable[[], float] = time.time) -> None:
        self._status = status
        self._clock = clock

    async def __call__(self, message: IncomingMessage) -> None:
        try:
            event = json.loads(message.body)
            app_id, msg_id, report = str(event["app_id"]), event["msg_id"], str(event["status"])
        except (ValueError, KeyError, TypeError):
            raise Permanent("not a TEMPLATESENDJOBFINISH event") from None
        if not isinstance(msg_id, int) or isinstance(msg_id, bool):
            return  # kept as sent by the gateway (not a number): no message WeChat numbered for us
        record_id = await self._status.by_wechat_msgid(app_id, msg_id)
        if record_id is None:
            return  # a template message this notifier did not send (or whose status expired)
        status, error = outcome(report)
        await self._status.transition(record_id, status, now=self._clock(), error=error)
