"""WeChat's broadcast and notification reports: when a broadcast job ends WeChat calls the account's
server with a ``MASSSENDJOBFINISH`` event (群发结果: ``MsgID``, ``Status`` "send success" / "send fail" /
"err(N)", ``TotalCount``, ``FilterCount``, ``SentCount``, ``ErrorCount``, the ``CopyrightCheckResult``
of the articles and their ``ArticleUrlResult``), sent by the account's broadcast helper ``mphelper``;
after a subscription notification goes out, a ``subscribe_msg_sent_event`` from the follower
(``SubscribeMsgSentEvent/List``: TemplateId, MsgID, ErrorCode, ErrorStatus). The sandbox does the same,
through the gateway, for its fake's broadcast jobs (ending those whose time has come, on the fake's
clock) and accepted notifications."""

import asyncio
import secrets
from collections.abc import Sequence
from typing import Any

import aiohttp
import structlog

from sandbox.console.accounts import CallbackMode, default_mode, original_id
from sandbox.console.context import Console
from sandbox.console.publish_reports import MPHELPER
from sandbox.console.transport import Unreachable, post_callback
from sandbox.fake_wechat.context import FakeContext
from sandbox.fake_wechat.mass import MassReport
from sandbox.fake_wechat.subscribe import SentNotice
from shared.simulator import sign_callback
from shared.xml import cdata

log = structlog.get_logger(__name__)

POLL_SECONDS = 0.5
Report = MassReport | SentNotice


class Cursor:
    """Where the reporter got to in an append-only list of reports (a reset of the fake starts it over)."""

    def __init__(self) -> None:
        self._reports: Sequence[Report] | None = None
        self._read = 0

    def unread(self, reports: Sequence[Report]) -> Sequence[Report]:
        if reports is not self._reports or len(reports) < self._read:
            self._reports, self._read = reports, 0
        fresh, self._read = reports[self._read :], len(reports)
        return fresh


def element(name: str, value: Any) -> str:
    return f"<{name}>{value if isinstance(value, int) else cdata(str(value))}</{name}>"


def _envelope(app_id: str, from_user: str, event: str, now: int) -> str:
    return "".join([
        element("ToUserName", original_id(app_id)), element("FromUserName", from_user), element("CreateTime", now),
        element("MsgType", "event"), element("Event", event),
    ])  # fmt: skip


def copyright_check(report: MassReport) -> str:
    """``CopyrightCheckResult``: the articles judged reprints (none unless a test said so) and the verdict."""
    items = []
    if report.check_state != 1:
        can_reprint = int(report.check_state == 2)
        items = [
            "<item>" + "".join([
                element("ArticleIdx", n), element("UserDeclareState", 0), element("AuditState", 2),
                element("OriginalArticleUrl", f"https://mp.weixin.qq.com/s/original{n}"),
                element("OriginalArticleType", 1), element("CanReprint", can_reprint),
                element("NeedReplaceContent", can_reprint), element("NeedShowReprintSource", can_reprint),
            ]) + "</item>"
            for n in range(1, max(len(report.article_urls), 1) + 1)
        ]  # fmt: skip
    listing = element("Count", len(items)) + "<ResultList>" + "".join(items) + "</ResultList>"
    return "<CopyrightCheckResult>" + listing + element("CheckState", report.check_state) + "</CopyrightCheckResult>"


def article_urls(report: MassReport) -> str:
    items = "".join(
        "<item>" + element("ArticleIdx", n) + element("ArticleUrl", url) + "</item>"
        for n, url in enumerate(report.article_urls, 1)
    )
    return (
        "<ArticleUrlResult>"
        + element("Count", len(report.article_urls))
        + f"<ResultList>{items}</ResultList>"
        + ("</ArticleUrlResult>")
    )


def mass_job_finish_xml(report: MassReport, *, now: int) -> bytes:
    """The callback document WeChat sends when a broadcast job ends."""
    counts = "".join([
        element("MsgID", report.msg_id), element("Status", report.status), element("TotalCount", report.total),
        element("FilterCount", report.filtered), element("SentCount", report.sent),
        element("ErrorCount", report.errors),
    ])  # fmt: skip
    articles = copyright_check(report) + article_urls(report)
    body = _envelope(report.app_id, MPHELPER, "MASSSENDJOBFINISH", now) + counts + articles
    return f"<xml>{body}</xml>".encode()


def subscribe_sent_xml(notice: SentNotice, *, now: int) -> bytes:
    """``subscribe_msg_sent_event`` for one notification that went out."""
    item = element("TemplateId", notice.template_id) + element("MsgID", notice.msgid)
    item += element("ErrorCode", 0) + element("ErrorStatus", "success")
    event = f"<SubscribeMsgSentEvent><List>{item}</List></SubscribeMsgSentEvent>"
    return f"<xml>{_envelope(notice.app_id, notice.openid, 'subscribe_msg_sent_event', now)}{event}</xml>".encode()


async def deliver(console: Console, http: aiohttp.ClientSession, app_id: str, xml: bytes, sender: str) -> bool:
    """POST ``xml`` to the gateway as WeChat would, signed (and encrypted in safe mode); whether it answered."""
    account = console.config.accounts.get(app_id)
    if account is None or account.token is None:
        return False  # an account the gateway does not serve: WeChat would have nowhere to report to
    safe = default_mode(account) is CallbackMode.SAFE
    callback = sign_callback(
        xml, token=account.token.get_secret_value(), to_user=original_id(app_id), openid=sender,
        cipher=account.cipher.current if safe and account.cipher is not None else None,
        timestamp=int(console.wall()), nonce=secrets.token_hex(5),
    )  # fmt: skip
    try:
        await post_callback(http, console.config.gateway_url, app_id, callback)
    except Unreachable as exc:
        log.warning("sandbox_report_undelivered", app_id=app_id, reason=exc.reason)
        return False
    return True


async def _each(console: Console, http: aiohttp.ClientSession, reports: Sequence[Report], cursor: Cursor) -> None:
    for report in cursor.unread(reports):
        now = int(console.wall())
        try:
            if isinstance(report, MassReport):
                sent = await deliver(console, http, report.app_id, mass_job_finish_xml(report, now=now), MPHELPER)
                log.info("sandbox_mass_reported", app_id=report.app_id, msg_id=report.msg_id, delivered=sent)
            else:
                xml = subscribe_sent_xml(report, now=now)
                sent = await deliver(console, http, report.app_id, xml, report.openid)
                log.info("sandbox_subscribe_sent_reported", app_id=report.app_id, msgid=report.msgid, delivered=sent)
        except Exception:
            log.exception("sandbox_report_failed", app_id=report.app_id)


async def report_mass_jobs(console: Console, fake: FakeContext, http: aiohttp.ClientSession) -> None:
    """Until cancelled: end the broadcast jobs whose time has come, and report every job that ends and
    every notification sent from now on."""
    jobs, notices = Cursor(), Cursor()
    jobs.unread(fake.state.messaging.mass.reports)
    notices.unread(fake.state.messaging.subscribe.sent)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        messaging = fake.state.messaging
        messaging.mass.settle(fake.clock.time())
        await _each(console, http, messaging.mass.reports, jobs)
        await _each(console, http, messaging.subscribe.sent, notices)
