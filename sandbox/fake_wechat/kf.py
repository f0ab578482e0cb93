"""Customer service (客服管理) with no I/O: each account's customer-service accounts, the workers bound
to them, sessions, the waiting queue, the chat record and the "typing" state.

WeChat's rules (2025 reference pages): an account is ``prefix@wechat_id`` (prefix ≤ 10 letters,
digits, ``_``; 65404), 100 at most (65405), unique (65406); a nickname 1–16 characters (65403); an
unknown account is 65401, one no worker is bound to yet 65402. A worker is invited by WeChat ID (65409
when malformed); an account already bound 65412, one with a pending invitation 65411, a WeChat ID
already working for the account 65407, already invited to another account 65408. A session needs an
online account (65415); the follower may be served by one account at a time (65414); closing one
that does not exist is 65413. The chat record is read 24 h at a time (65417), 10,000 records at most
(65416). "Typing" needs an exchange with the follower in the last 30 s (45080), lasts 15 s and is not
sent twice meanwhile (45081); the command is Typing or CancelTyping (45072).

What the fake cannot know comes from the control API: a worker accepting (or refusing) an invitation,
an account going online, followers waiting, the exchanges and the records of the chat.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import integer
from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_ACCOUNTS, NICKNAME_CHARS, MAX_RECORDS, RECORD_SPAN = 100, 16, 10_000, 24 * 3600
WAITCASES_SHOWN, INVITATION_SECONDS = 100, 7 * 24 * 3600
TYPING_SECONDS, INTERACTION_SECONDS = 15, 30
FIRST_KF_ID = 1001
_ACCOUNT = re.compile(r"^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$")
_WECHAT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{5,19}$")
HEADIMG_HOST = "https://mmbiz.qpic.cn/mmbiz_jpg/"


@dataclass
class KfAccount:
    kf_account: str
    kf_nick: str
    kf_id: str
    kf_headimgurl: str = ""
    kf_wx: str | None = None
    invite_wx: str | None = None
    invite_expire_time: int = 0
    invite_status: str | None = None  # waiting, rejected, expired
    online: bool = False

    def listing(self, now: float) -> dict[str, Any]:
        item: dict[str, Any] = {
            "kf_account": self.kf_account, "kf_headimgurl": self.kf_headimgurl, "kf_id": self.kf_id,
            "kf_nick": self.kf_nick,
        }  # fmt: skip
        if self.kf_wx is not None:
            return item | {"kf_wx": self.kf_wx}
        if self.invite_wx is not None:
            expired = self.invite_status == "waiting" and now > self.invite_expire_time
            item |= {
                "invite_wx": self.invite_wx,
                "invite_expire_time": self.invite_expire_time,
                "invite_status": "expired" if expired else self.invite_status,
            }
        return item

    def pending(self, now: float) -> bool:
        return self.invite_status == "waiting" and now <= self.invite_expire_time


@dataclass
class KfTeam:
    """One official account's customer service."""

    accounts: dict[str, KfAccount] = field(default_factory=dict)
    sessions: dict[str, tuple[str, int]] = field(default_factory=dict)  # openid -> (kf_account, createtime)
    waiting: dict[str, int] = field(default_factory=dict)  # openid -> latest_time, in order of arrival
    records: list[dict[str, Any]] = field(default_factory=list)  # msgid i+1 is records[i]
    interactions: dict[str, float] = field(default_factory=dict)  # openid -> when last exchanged with
    typing_until: dict[str, float] = field(default_factory=dict)
    next_kf_id: int = FIRST_KF_ID

    # -- accounts --------------------------------------------------------------------------------

    def account(self, kf_account: object) -> KfAccount:
        found = self.accounts.get(kf_account) if isinstance(kf_account, str) else None
        if found is None:
            raise ApiError(ErrCode.INVALID_KF_ACCOUNT)
        return found

    def bound(self, kf_account: object) -> KfAccount:
        account = self.account(kf_account)
        if account.kf_wx is None:
            raise ApiError(ErrCode.KF_ACCOUNT_NOT_BOUND)
        return account

    def add(self, kf_account: object, nickname: object) -> KfAccount:
        if not isinstance(kf_account, str) or not _ACCOUNT.match(kf_account):
            raise ApiError(ErrCode.ILLEGAL_KF_ACCOUNT)
        nick = _nickname(nickname)
        if kf_account in self.accounts:
            raise ApiError(ErrCode.KF_ACCOUNT_EXISTS)
        if len(self.accounts) >= MAX_ACCOUNTS:
            raise ApiError(ErrCode.KF_ACCOUNT_LIMIT)
        account = self.accounts[kf_account] = KfAccount(kf_account, nick, str(self.next_kf_id))
        self.next_kf_id += 1
        return account

    def update(self, kf_account: object, nickname: object) -> None:
        account = self.account(kf_account)
        account.kf_nick = _nickname(nickname)

    def delete(self, kf_account: object) -> None:
        account = self.account(kf_account)
        del self.accounts[account.kf_account]
        for openid in [o for o, (kf, _) in self.sessions.items() if kf == account.kf_account]:
            del self.sessions[openid]

    def set_headimg(self, kf_account: object, name: str) -> None:
        self.account(kf_account).kf_headimgurl = f"{HEADIMG_HOST}{name}/0"

    def invite(self, kf_account: object, invite_wx: object, now: float) -> None:
        account = self.account(kf_account)
        if not isinstance(invite_wx, str) or not _WECHAT_ID.match(invite_wx):
            raise ApiError(ErrCode.INVALID_WECHAT_ID)
        if account.kf_wx is not None:
            raise ApiError(ErrCode.KF_ACCOUNT_ALREADY_BOUND)
        if any(other.kf_wx == invite_wx for other in self.accounts.values()):
            raise ApiError(ErrCode.ALREADY_A_WORKER)
        if account.pending(now):
            raise ApiError(ErrCode.INVITATION_PENDING)
        if any(other.invite_wx == invite_wx and other.pending(now) for other in self.accounts.values()):
            raise ApiError(ErrCode.ALREADY_INVITED)
        account.invite_wx, account.invite_status = invite_wx, "waiting"
        account.invite_expire_time = int(now + INVITATION_SECONDS)

    def answer_invitation(self, kf_account: str, accept: bool, now: float) -> KfAccount:
        """The invited worker accepts (the account is bound to them) or refuses; ``ValueError`` without one."""
        account = self.account(kf_account)
        if not account.pending(now) or account.invite_wx is None:
            raise ValueError(f"{kf_account} has no pending invitation")
        if accept:
            account.kf_wx, account.invite_wx, account.invite_status = account.invite_wx, None, None
        else:
            account.invite_status = "rejected"
        return account

    def listing(self, now: float) -> list[dict[str, Any]]:
        return [account.listing(now) for account in self.accounts.values()]

    def online_listing(self) -> list[dict[str, Any]]:
        return [
            {"kf_account": a.kf_account, "status": 1, "kf_id": a.kf_id, "accepted_case": self._served(a.kf_account)}
            for a in self.accounts.values()
            if a.online and a.kf_wx is not None
        ]

    def _served(self, kf_account: str) -> int:
        return sum(kf == kf_account for kf, _ in self.sessions.values())

    # -- sessions --------------------------------------------------------------------------------

    def create_session(self, kf_account: object, openid: str, now: float) -> None:
        account = self.bound(kf_account)
        if not account.online:
            raise ApiError(ErrCode.KF_NOT_ONLINE)
        current = self.sessions.get(openid)
        if current is not None and current[0] != account.kf_account:
            raise ApiError(ErrCode.SERVED_BY_ANOTHER_KF)
        if current is None:
            self.sessions[openid] = (account.kf_account, int(now))
        self.waiting.pop(openid, None)

    def close_session(self, kf_account: object, openid: str) -> None:
        account = self.bound(kf_account)
        current = self.sessions.get(openid)
        if current is None:
            raise ApiError(ErrCode.NO_SESSION)
        if current[0] != account.kf_account:
            raise ApiError(ErrCode.SERVED_BY_ANOTHER_KF)
        del self.sessions[openid]

    def session_of(self, openid: str) -> dict[str, Any]:
        kf_account, createtime = self.sessions.get(openid, ("", 0))
        return {"createtime": createtime, "kf_account": kf_account}

    def sessions_of(self, kf_account: object) -> list[dict[str, Any]]:
        account = self.bound(kf_account)
        return [
            {"createtime": created, "openid": openid}
            for openid, (kf, created) in self.sessions.items()
            if kf == account.kf_account
        ]

    def wait_cases(self) -> dict[str, Any]:
        shown = list(self.waiting.items())[:WAITCASES_SHOWN]
        return {"count": len(self.waiting), "waitcaselist": [{"latest_time": t, "openid": o} for o, t in shown]}

    # -- the chat record and typing --------------------------------------------------------------

    def record(self, openid: str, worker: str, text: str, *, from_worker: bool, time: int) -> int:
        """One line of the chat: 2002 the worker sent it, 2003 the worker received it; its msgid."""
        opercode = 2002 if from_worker else 2003
        self.records.append({"openid": openid, "opercode": opercode, "text": text, "time": time, "worker": worker})
        return len(self.records)

    def record_page(self, body: dict[str, Any]) -> dict[str, Any]:
        start, end = integer(body, "starttime"), integer(body, "endtime")
        msgid, number = integer(body, "msgid", 1), integer(body, "number", MAX_RECORDS)
        if end < start or msgid < 1 or not 1 <= number <= MAX_RECORDS:
            raise ApiError(ErrCode.KF_PARAM_INVALID)
        if end - start > RECORD_SPAN:
            raise ApiError(ErrCode.KF_TIME_RANGE_TOO_LONG)
        found = [(i, r) for i, r in enumerate(self.records[msgid - 1 :], msgid) if start <= r["time"] <= end]
        page = found[:number]
        next_msgid = page[-1][0] + 1 if page else msgid
        return {"recordlist": [record for _, record in page], "number": len(page), "msgid": next_msgid}

    def typing(self, openid: str, command: object, now: float) -> None:
        if command not in ("Typing", "CancelTyping"):
            raise ApiError(ErrCode.INVALID_TYPING_COMMAND)
        if command == "CancelTyping":
            self.typing_until.pop(openid, None)
            return
        if now - self.interactions.get(openid, float("-inf")) > INTERACTION_SECONDS:
            raise ApiError(ErrCode.TYPING_NEEDS_INTERACTION)
        if self.typing_until.get(openid, float("-inf")) > now:
            raise ApiError(ErrCode.ALREADY_TYPING)
        self.typing_until[openid] = now + TYPING_SECONDS

    def describe(self, now: float) -> dict[str, Any]:
        return {
            "accounts": [a.listing(now) | {"online": a.online} for a in self.accounts.values()],
            "sessions": {openid: {"kf_account": kf, "createtime": t} for openid, (kf, t) in self.sessions.items()},
            "waiting": dict(self.waiting),
            "records": len(self.records),
        }


def _nickname(value: object) -> str:
    if not isinstance(value, str) or not 1 <= len(value) <= NICKNAME_CHARS:
        raise ApiError(ErrCode.ILLEGAL_KF_NICKNAME)
    return value
