"""Broadcasts (群发) with no I/O: jobs, their de-duplication, previews, deletion, speed, and the
``MASSSENDJOBFINISH`` report WeChat pushes when a job ends.

A broadcast goes to every follower (``is_to_all``), a tag (40152 "invalid group id" for a tag the
account lacks), or 2–10,000 openids (40130 under two, 40032 over 10,000). Its content is checked as
WeChat does: the msgtype (40008), a draft for ``mpnews``, an image or voice of the account, the video
``media/uploadvideo`` made (40007 otherwise), text not empty (44003 … the fake answers 47001 for a
malformed body). A job is "SENDING" until ``mass_seconds`` of the fake's clock pass or the control API
ends it, then counts its audience: ``TotalCount`` everyone named, ``FilterCount`` those still
following and not blacklisted, ``SentCount`` those minus the errors.

De-duplication (使用 clientmsgid 参数，避免重复推送): within 24 h the same ``clientmsgid`` — or, without
one, the same audience and content — is not sent again: within a minute WeChat answers 45066 (retry
too fast), later 45065 with the first job's ``msg_id``. A ``clientmsgid`` past 64 bytes is 45067.
"""

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sandbox.fake_wechat.body_fields import integer
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.quota import quota_day

FIRST_MSG_ID, FIRST_MSG_DATA_ID = 3_147_483_650, 2_247_583_649
MIN_OPENIDS, MAX_OPENIDS, CLIENTMSGID_BYTES = 2, 10_000, 64
DEDUP_SECONDS, RETRY_TOO_FAST_SECONDS = 24 * 3600, 60
DEFAULT_MASS_SECONDS = 3.0
REALSPEED = {0: 80, 1: 60, 2: 45, 3: 30, 4: 10}  # 万 a minute
MSGTYPES = frozenset({"mpnews", "text", "voice", "image", "mpvideo", "wxcard"})
DELETABLE = frozenset({"mpnews", "mpvideo"})
ARTICLE_HOST = "https://mp.weixin.qq.com/s/"


class MassStatus(StrEnum):
    SENDING = "SENDING"
    SEND_SUCCESS = "SEND_SUCCESS"
    SEND_FAIL = "SEND_FAIL"
    DELETE = "DELETE"


@dataclass(frozen=True, slots=True)
class MassReport:
    """What ``MASSSENDJOBFINISH`` tells the account's server about an ended job."""

    app_id: str
    msg_id: int
    status: str  # "send success", "send fail", "err(N)"
    total: int
    filtered: int
    sent: int
    errors: int
    check_state: int  # 1 not a reprint, 2 a reprint that may go, 3 a reprint that may not
    article_urls: tuple[str, ...]
    finished_at: int


@dataclass
class MassJob:
    msg_id: int
    msg_data_id: int | None
    app_id: str
    msgtype: str
    body: dict[str, Any]
    audience: str
    total: int
    eligible: int
    submitted_at: int
    due_at: float
    articles: int = 0
    status: MassStatus = MassStatus.SENDING
    errors: int = 0
    article_urls: list[str] = field(default_factory=list)
    deleted: set[int] = field(default_factory=set)

    def describe(self) -> dict[str, Any]:
        return {
            "msg_id": self.msg_id, "msg_data_id": self.msg_data_id, "msgtype": self.msgtype,
            "audience": self.audience, "status": str(self.status), "total": self.total, "filtered": self.eligible,
            "errors": self.errors, "submitted_at": self.submitted_at, "due_at": self.due_at, "body": self.body,
            "article_urls": list(self.article_urls), "deleted_articles": sorted(self.deleted),
        }  # fmt: skip


def dedup_key(body: dict[str, Any]) -> str:
    """The job's ``clientmsgid`` (45067 past 64 bytes), else WeChat's digest of its audience and content."""
    client = body.get("clientmsgid")
    if client is not None:
        if not isinstance(client, str) or not client:
            raise ApiError(ErrCode.DATA_FORMAT_ERROR)
        if len(client.encode()) > CLIENTMSGID_BYTES:
            raise ApiError(ErrCode.CLIENTMSGID_TOO_LONG)
        return client
    scope = {k: v for k, v in body.items() if k not in ("clientmsgid", "send_ignore_reprint")}
    return "digest:" + hashlib.sha256(json.dumps(scope, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def openid_list(value: object) -> list[str]:
    """``touser`` of ``mass/send``: 2–10,000 openids (40130 fewer, 40032 more, 40003 one not an openid)."""
    if not isinstance(value, list):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    if not all(isinstance(v, str) and v.startswith("o") for v in value):
        raise ApiError(ErrCode.INVALID_OPENID)
    if len(set(value)) < MIN_OPENIDS:
        raise ApiError(ErrCode.INVALID_OPENID_COUNT)
    if len(value) > MAX_OPENIDS:
        raise ApiError(ErrCode.INVALID_OPENID_LIST_SIZE)
    return list(value)


@dataclass
class MassDesk:
    jobs: dict[int, MassJob] = field(default_factory=dict)
    seen: dict[tuple[str, str], tuple[int, float]] = field(default_factory=dict)  # (app, key) -> (msg_id, when)
    previews: list[dict[str, Any]] = field(default_factory=list)
    speeds: dict[str, int] = field(default_factory=dict)
    videos: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # mpvideo media_id -> app, video
    daily_quota: dict[str, int] = field(default_factory=dict)  # app -> broadcasts a (Beijing) day
    sent_today: dict[tuple[str, int], int] = field(default_factory=dict)
    reports: list[MassReport] = field(default_factory=list)  # append-only: the sandbox reports each
    mass_seconds: float = DEFAULT_MASS_SECONDS
    _ids: Any = field(default_factory=lambda: itertools.count(FIRST_MSG_ID))
    _data_ids: Any = field(default_factory=lambda: itertools.count(FIRST_MSG_DATA_ID))

    # -- submitting ------------------------------------------------------------------------------

    def check_repeat(self, app_id: str, key: str, now: float) -> None:
        """45066 / 45065 when ``key`` was broadcast in the last 24 h."""
        seen = self.seen.get((app_id, key))
        if seen is None or now - seen[1] >= DEDUP_SECONDS:
            return
        if now - seen[1] < RETRY_TOO_FAST_SECONDS:
            raise ApiError(ErrCode.CLIENTMSGID_TOO_FAST)
        raise RepeatedBroadcast(seen[0])

    def check_quota(self, app_id: str, now: float) -> None:
        limit = self.daily_quota.get(app_id)
        if limit is not None and self.sent_today.get((app_id, quota_day(now)), 0) >= limit:
            raise ApiError(ErrCode.NO_MASSSEND_QUOTA)

    def submit(
        self, app_id: str, body: dict[str, Any], key: str, audience: str, recipients: tuple[int, int], articles: int,
        now: float,
    ) -> MassJob:  # fmt: skip
        msgtype = str(body["msgtype"])
        data_id = next(self._data_ids) if msgtype == "mpnews" else None
        job = MassJob(
            next(self._ids), data_id, app_id, msgtype, body, audience, recipients[0], recipients[1], int(now),
            now + self.mass_seconds, articles,
        )  # fmt: skip
        self.jobs[job.msg_id] = job
        self.seen[(app_id, key)] = (job.msg_id, now)
        day = (app_id, quota_day(now))
        self.sent_today[day] = self.sent_today.get(day, 0) + 1
        return job

    def preview(self, app_id: str, body: dict[str, Any], now: float) -> int:
        msg_id: int = next(self._ids)
        self.previews.append({"app_id": app_id, "msg_id": msg_id, "body": body, "at": int(now)})
        return msg_id

    # -- jobs ------------------------------------------------------------------------------------

    def job(self, app_id: str, msg_id: object) -> MassJob:
        number = integer({"msg_id": msg_id}, "msg_id")
        job = self.jobs.get(number)
        if job is None or job.app_id != app_id:
            raise ApiError(ErrCode.INVALID_ARGS)
        return job

    def end(self, job: MassJob, now: float, *, status: str = "send success", errors: int = 0,
            check_state: int = 1) -> None:  # fmt: skip
        if job.status is not MassStatus.SENDING:
            raise ValueError(f"job {job.msg_id} already ended ({job.status})")
        failed = status != "send success"
        job.status = MassStatus.SEND_FAIL if failed else MassStatus.SEND_SUCCESS
        job.errors = job.eligible if failed else min(errors, job.eligible)
        if not failed and job.msgtype == "mpnews":
            job.article_urls = [f"{ARTICLE_HOST}{job.msg_data_id}_{n}" for n in range(1, job.articles + 1)]
        sent = job.eligible - job.errors
        self.reports.append(MassReport(
            job.app_id, job.msg_id, status, job.total, job.eligible, sent, job.errors, check_state,
            tuple(job.article_urls), int(now),
        ))  # fmt: skip

    def settle(self, now: float) -> list[MassJob]:
        """Jobs whose time has come end as sent; the ones that did."""
        due = [job for job in self.jobs.values() if job.status is MassStatus.SENDING and job.due_at <= now]
        for job in due:
            self.end(job, now)
        return due

    def pending(self, app_id: str | None = None, msg_id: int | None = None) -> list[MassJob]:
        return [
            job for job in self.jobs.values()
            if job.status is MassStatus.SENDING and app_id in (None, job.app_id) and msg_id in (None, job.msg_id)
        ]  # fmt: skip

    def delete(self, app_id: str, body: dict[str, Any]) -> None:
        job = self.job(app_id, body.get("msg_id"))
        if job.msgtype not in DELETABLE:
            raise ApiError(ErrCode.INVALID_MESSAGE_TYPE)
        if job.status is not MassStatus.SEND_SUCCESS:
            raise ApiError(ErrCode.INVALID_ARGS)
        index = integer(body, "article_idx", 0)
        count = max(job.articles, 1)
        if not 0 <= index <= count:
            raise ApiError(ErrCode.INVALID_ARTICLE_IDX)
        job.deleted |= set(range(1, count + 1)) if index == 0 else {index}
        if len(job.deleted) >= count:
            job.status = MassStatus.DELETE

    def speed(self, app_id: str) -> dict[str, int]:
        speed = self.speeds.get(app_id, 0)
        return {"speed": speed, "realspeed": REALSPEED[speed]}

    def set_speed(self, app_id: str, body: dict[str, Any]) -> None:
        speed = integer(body, "speed")
        if speed not in REALSPEED:
            raise ApiError(ErrCode.INVALID_ARGS)
        self.speeds[app_id] = speed

    def of(self, app_id: str) -> list[MassJob]:
        return [job for job in self.jobs.values() if job.app_id == app_id]


class RepeatedBroadcast(ApiError):
    """45065: the broadcast was sent in the last 24 h; WeChat names the job that sent it."""

    def __init__(self, msg_id: int) -> None:
        super().__init__(ErrCode.CLIENTMSGID_EXISTS)
        self.msg_id = msg_id

    def body(self) -> dict[str, int | str]:
        return {**super().body(), "msg_id": self.msg_id}
