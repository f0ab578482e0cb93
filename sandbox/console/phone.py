"""The follower's phone: perform an action, deliver its callback to the gateway as WeChat would,
show the passive reply (or why there is none) in the follower's timeline."""

import secrets
from dataclasses import dataclass
from typing import Any

import aiohttp
import structlog

from sandbox.console.account_view import keep_directory
from sandbox.console.accounts import original_id
from sandbox.console.actions import Situation
from sandbox.console.context import Console
from sandbox.console.inputs import SendRequest
from sandbox.console.replies import ReplyError, open_reply
from sandbox.console.transport import Unreachable, post_callback
from sandbox.console.wire import signed_callback
from sandbox.fake_wechat.state import FakeWeChatState

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Outcome:
    status: int | None  # the gateway's HTTP status; None when it did not answer
    reply: dict[str, Any] | None
    seq: int  # the follower's last timeline item after this send
    following: bool
    error: str | None = None


class Undelivered(Exception):
    """The gateway did not answer, refused the callback, or answered what WeChat would not show."""

    def __init__(self, status: int | None, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def qr_tickets(state: FakeWeChatState, app_id: str) -> dict[str, str]:
    """Scene -> ticket of the QR codes the account created at the fake, so a scan carries a real ticket."""
    return {str(code.scene): code.ticket for code in state.qrcodes.of_app(app_id)}


async def _deliver(
    console: Console, http: aiohttp.ClientSession, request: SendRequest, fields: dict[str, Any], now: float
) -> tuple[int, dict[str, Any] | None]:
    """The gateway's status and passive reply, or ``Undelivered``."""
    account, timestamp = request.account, int(now)
    callback = signed_callback(account, request.mode, fields, timestamp=timestamp, nonce=secrets.token_hex(5))
    try:
        answer = await post_callback(http, console.config.gateway_url, account.app_id, callback)
    except Unreachable as exc:
        raise Undelivered(None, exc.reason) from None
    if answer.status >= 400:
        text = answer.body[:300].decode("utf-8", "replace")
        raise Undelivered(answer.status, f"gateway answered HTTP {answer.status}: {text}")
    try:
        reply = open_reply(
            account, request.mode, answer.body, openid=request.openid, original_id=str(fields["ToUserName"])
        )
    except ReplyError as exc:
        raise Undelivered(answer.status, str(exc)) from None
    return answer.status, reply


async def send(console: Console, state: FakeWeChatState, http: aiohttp.ClientSession, request: SendRequest) -> Outcome:
    app_id, openid, timeline = request.account.app_id, request.openid, console.timeline
    now = console.wall()
    situation = Situation(
        openid=openid,
        original_id=original_id(app_id),
        following=timeline.following(app_id, openid),
        create_time=int(now),
        msg_id=next(console.msg_ids),
        qr_tickets=qr_tickets(state, app_id),
    )
    performed = request.action.perform(request.params, situation)
    timeline.absorb(state.outbox.sent)
    timeline.record(app_id, openid, "you", performed.shown | {"mode": request.mode.value}, now)
    timeline.set_following(app_id, openid, performed.following)
    keep_directory(state, app_id, openid, performed.fields, performed.following, now)
    try:
        status, reply = await _deliver(console, http, request, performed.fields, now)
    except Undelivered as exc:
        log.warning("sandbox_callback_undelivered", app_id=app_id, status=exc.status, reason=exc.reason)
        timeline.absorb(state.outbox.sent)
        seq = timeline.record(app_id, openid, "error", {"type": "error", "message": exc.reason}, console.wall())
        return Outcome(exc.status, None, seq, performed.following, exc.reason)
    timeline.absorb(state.outbox.sent)
    if reply is not None:
        timeline.record(app_id, openid, "passive", reply, console.wall())
    return Outcome(status, reply, timeline.last_seq(app_id, openid), performed.following)
