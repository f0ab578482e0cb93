"""WeChat's publish reports: when a publish job ends, WeChat calls the account's server with a
``PUBLISHJOBFINISH`` event (official "发布回调" page): ``FromUserName`` is the account's mass-send
helper ``mphelper``, and ``PublishEventInfo`` carries publish_id, publish_status, and on success the
article_id and an ``article_detail`` of ``count`` and one ``item`` per article (idx, article_url),
on failure one ``fail_idx`` element per failed article. The sandbox does the same, through the gateway,
for every job of its fake (jobs whose time has come end as it looks, on the fake's clock)."""

import asyncio
import secrets
from collections.abc import Sequence
from typing import Any

import aiohttp
import structlog

from sandbox.console.accounts import CallbackMode, default_mode, original_id
from sandbox.console.context import Console
from sandbox.console.transport import Unreachable, post_callback
from sandbox.fake_wechat.context import FakeContext
from sandbox.fake_wechat.publishing import JobReport
from shared.simulator import SignedCallback, sign_callback
from shared.xml import cdata

log = structlog.get_logger(__name__)

POLL_SECONDS = 0.5
MPHELPER = "mphelper"


def _element(name: str, value: Any) -> str:
    return f"<{name}>{value if isinstance(value, int) else cdata(str(value))}</{name}>"


def publish_event_info(report: JobReport) -> str:
    """``<PublishEventInfo>``: WeChat's repeated ``item`` and ``fail_idx`` elements, as its docs show them."""
    # The publish_id is a number in WeChat's XML (``<publish_id>2247503051</publish_id>``).
    publish_id = int(report.publish_id) if report.publish_id.isdigit() else report.publish_id
    parts = [_element("publish_id", publish_id), _element("publish_status", report.publish_status)]
    if report.article_id is not None:
        items = "".join(
            f"<item>{_element('idx', n)}{_element('article_url', url)}</item>"
            for n, url in enumerate(report.article_urls, 1)
        )
        count = _element("count", len(report.article_urls))
        parts += [_element("article_id", report.article_id), f"<article_detail>{count}{items}</article_detail>"]
    parts += [_element("fail_idx", n) for n in report.fail_idx]
    return "<PublishEventInfo>" + "".join(parts) + "</PublishEventInfo>"


def publish_job_finish_xml(report: JobReport, *, now: int) -> bytes:
    """The callback document WeChat sends when a publish job ends."""
    envelope = [
        _element("ToUserName", original_id(report.app_id)),
        _element("FromUserName", MPHELPER),
        _element("CreateTime", now),
        _element("MsgType", "event"),
        _element("Event", "PUBLISHJOBFINISH"),
    ]
    return ("<xml>" + "".join(envelope) + publish_event_info(report) + "</xml>").encode("utf-8")


def _signed(console: Console, report: JobReport, now: int) -> tuple[str, SignedCallback] | None:
    account = console.config.accounts.get(report.app_id)
    if account is None or account.token is None:
        return None  # an account the gateway does not serve: WeChat would have nowhere to report to
    safe = default_mode(account) is CallbackMode.SAFE
    callback = sign_callback(
        publish_job_finish_xml(report, now=now),
        token=account.token.get_secret_value(),
        cipher=account.cipher.current if safe and account.cipher is not None else None,
        to_user=original_id(report.app_id),
        openid=MPHELPER,
        timestamp=now,
        nonce=secrets.token_hex(5),
    )
    return account.app_id, callback


async def report(console: Console, http: aiohttp.ClientSession, job: JobReport) -> None:
    signed = _signed(console, job, int(console.wall()))
    if signed is None:
        return
    app_id, callback = signed
    try:
        answer = await post_callback(http, console.config.gateway_url, app_id, callback)
    except Unreachable as exc:
        log.warning("sandbox_publish_report_undelivered", app_id=app_id, publish_id=job.publish_id, reason=exc.reason)
        return
    log.info("sandbox_publish_reported", app_id=app_id, publish_id=job.publish_id, status=answer.status)


class ReportCursor:
    """Where the reporter got to in the library's append-only report list (a reset starts it over)."""

    def __init__(self) -> None:
        self._reports: Sequence[JobReport] | None = None
        self._read = 0

    def unread(self, reports: Sequence[JobReport]) -> Sequence[JobReport]:
        if reports is not self._reports or len(reports) < self._read:
            self._reports, self._read = reports, 0
        fresh, self._read = reports[self._read :], len(reports)
        return fresh


async def report_publish_jobs(console: Console, fake: FakeContext, http: aiohttp.ClientSession) -> None:
    """Until cancelled: end the publish jobs whose time has come, and report every job that ends from now on."""
    cursor = ReportCursor()
    cursor.unread(fake.state.library.publishing.reports)
    while True:
        await asyncio.sleep(POLL_SECONDS)
        fake.state.library.settle(fake.clock.time())
        for job in cursor.unread(fake.state.library.publishing.reports):
            try:
                await report(console, http, job)
            except Exception:
                log.exception("sandbox_publish_report_failed", app_id=job.app_id, publish_id=job.publish_id)
