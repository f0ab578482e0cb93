"""WeChat's delivery reports: some seconds after it accepted a template message, WeChat calls the
account's server with a ``TEMPLATESENDJOBFINISH`` event for it. The sandbox does the same for every
template message the services send through its fake API (``Status`` ``success``), so the notifier
sees its messages delivered and the events page shows the report."""

import asyncio
import secrets
import time
from typing import Any

import aiohttp
import structlog

from sandbox.console.accounts import default_mode, original_id
from sandbox.console.context import Console
from sandbox.console.timeline import OutboxCursor
from sandbox.console.transport import Unreachable, post_callback
from sandbox.console.wire import signed_callback
from sandbox.fake_wechat.outbox import SentMessage
from sandbox.fake_wechat.state import FakeWeChatState

log = structlog.get_logger(__name__)

POLL_SECONDS = 0.5


def job_finish_fields(message: SentMessage, *, now: int) -> dict[str, Any]:
    """The callback WeChat sends for a delivered template message."""
    return {
        "ToUserName": original_id(message.app_id),
        "FromUserName": str(message.body.get("touser", "")),
        "CreateTime": now,
        "MsgType": "event",
        "Event": "TEMPLATESENDJOBFINISH",
        "MsgID": message.msgid,
        "Status": "success",
    }


async def report(console: Console, http: aiohttp.ClientSession, message: SentMessage) -> None:
    account = console.config.accounts.get(message.app_id)
    if account is None:
        return  # an account the gateway does not serve: WeChat would have nowhere to report to
    fields = job_finish_fields(message, now=int(time.time()))
    callback = signed_callback(account, default_mode(account), fields, timestamp=fields["CreateTime"],
                               nonce=secrets.token_hex(5))  # fmt: skip
    try:
        answer = await post_callback(http, console.config.gateway_url, account.app_id, callback)
    except Unreachable as exc:
        log.warning("sandbox_job_report_undelivered", app_id=account.app_id, msgid=message.msgid, reason=exc.reason)
        return
    log.info("sandbox_job_reported", app_id=account.app_id, msgid=message.msgid, status=answer.status)


async def report_template_jobs(console: Console, state: FakeWeChatState, http: aiohttp.ClientSession) -> None:
    """Until cancelled: report every template message the fake accepts from now on."""
    cursor = OutboxCursor()
    cursor.unread(state.outbox.sent)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        for message in cursor.unread(state.outbox.sent):
            if message.kind == "template" and message.msgid is not None:
                try:
                    await report(console, http, message)
                except Exception:
                    log.exception("sandbox_job_report_failed", app_id=message.app_id, msgid=message.msgid)
