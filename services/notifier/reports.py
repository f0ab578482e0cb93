"""Delivery reports, from the events the gateway publishes: each event type settles what it reports on.

- TEMPLATESENDJOBFINISH: a template message ``sent`` → ``delivered`` (Status success) or ``failed``
  (user block, system failed);
- subscribe_msg_sent_event: each notification of its list (MsgID) ``sent`` → ``delivered``
  (ErrorCode 0) or ``failed`` with ErrorStatus and ErrorCode;
- MASSSENDJOBFINISH: a broadcast job ``sent`` → ``delivered`` ("send success") or ``failed``
  ("send fail", "err(N)"), with its counts and copyright check results.
"""

import json
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from services.notifier.mass_record import MassStatus
from services.notifier.mass_store import MassStore
from services.notifier.status import Status, StatusStore
from shared.broker import IncomingMessage
from shared.consumer import Permanent

_FAILED_PREFIX = "failed:"
MASS_SUCCESS = "send success"
# MASSSENDJOBFINISH's fields a job's ``report`` keeps.
MASS_REPORT_FIELDS = (
    "status", "total_count", "filter_count", "sent_count", "error_count", "copyright_check_result",
    "article_url_result",
)  # fmt: skip


def outcome(report_status: str) -> tuple[Status, dict[str, str] | None]:
    """WeChat's Status field → our status and error: ``success``; ``failed:user block``;
    ``failed: system failed``."""
    if report_status.strip().lower() == "success":
        return Status.DELIVERED, None
    reason = report_status.strip()
    if reason.lower().startswith(_FAILED_PREFIX):
        reason = reason[len(_FAILED_PREFIX) :].strip()
    return Status.FAILED, {"reason": reason}


def mass_outcome(event: Mapping[str, Any]) -> tuple[MassStatus, dict[str, Any] | None, dict[str, Any]]:
    """A MASSSENDJOBFINISH event → the job's status, error and ``report`` (counts as WeChat sent them)."""
    report = {name: event.get(name) for name in MASS_REPORT_FIELDS}
    status = str(event.get("status") or "").strip()
    if status.lower() == MASS_SUCCESS:
        return MassStatus.DELIVERED, None, report
    return MassStatus.FAILED, {"reason": status or "no status reported"}, report


def _msg_id(value: object) -> int | None:
    """A MsgID the gateway typed as a number (one kept as sent is no message WeChat numbered for us)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


Settle = Callable[[str, Mapping[str, Any]], Awaitable[None]]


class Reports:
    def __init__(
        self, status: StatusStore, mass: MassStore | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self._status = status
        self._mass = mass
        self._clock = clock
        self._by_event: Mapping[str, Settle] = {
            "templatesendjobfinish": self._template,
            "subscribe_msg_sent_event": self._notices,
            "masssendjobfinish": self._broadcast,
        }

    async def __call__(self, message: IncomingMessage) -> None:
        try:
            event = json.loads(message.body)
            app_id, kind = str(event["app_id"]), str(event.get("event") or "templatesendjobfinish")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise Permanent("not an event") from None
        settle = self._by_event.get(kind)
        if settle is None:
            raise Permanent(f"not a delivery report: {kind}")
        await settle(app_id, event)

    async def _template(self, app_id: str, event: Mapping[str, Any]) -> None:
        if "msg_id" not in event or "status" not in event:
            raise Permanent("not a TEMPLATESENDJOBFINISH event")
        msg_id, report = _msg_id(event["msg_id"]), str(event["status"])
        if msg_id is None:
            return  # kept as sent by the gateway (not a number): no message WeChat numbered for us
        record_id = await self._status.by_wechat_msgid(app_id, msg_id)
        if record_id is None:
            return  # a template message this notifier did not send (or whose status expired)
        status, error = outcome(report)
        await self._status.transition(record_id, status, now=self._clock(), error=error)

    async def _notices(self, app_id: str, event: Mapping[str, Any]) -> None:
        notices = (event.get("subscribe_msg_sent_event") or {}).get("list")
        for notice in notices if isinstance(notices, list) else []:
            msg_id = _msg_id(notice.get("msg_id")) if isinstance(notice, dict) else None
            record_id = await self._status.by_wechat_msgid(app_id, msg_id) if msg_id is not None else None
            record = await self._status.get(record_id) if record_id is not None else None
            if record is None or record.kind != "subscribe":
                continue  # not a notification this notifier sent (or its status expired)
            code = notice.get("error_code")
            if code == 0:
                await self._status.transition(record.id, Status.DELIVERED, now=self._clock())
                continue
            reason = str(notice.get("error_status") or f"error {code}")
            _, failed = outcome(reason if reason.lower().startswith(_FAILED_PREFIX) else _FAILED_PREFIX + reason)
            error: dict[str, Any] = {**(failed or {}), **({"error_code": code} if isinstance(code, int) else {})}
            await self._status.transition(record.id, Status.FAILED, now=self._clock(), error=error)

    async def _broadcast(self, app_id: str, event: Mapping[str, Any]) -> None:
        msg_id = _msg_id(event.get("msg_id"))
        if msg_id is None or self._mass is None:
            return
        status, error, report = mass_outcome(event)
        await self._mass.report(app_id, msg_id, outcome=status, report=report, error=error, now=self._clock())
