"""Publishing (发布能力), with no I/O: publish jobs, the articles they publish, and the reports WeChat
pushes when a job ends (``PUBLISHJOBFINISH``).

A submitted job is "publishing" (1) until it ends: at its due time by the fake's clock (the next
call that looks, or the sandbox's reporter) or when the control API ends it with any outcome. Its
``publish_status`` follows the official "发布状态轮询" page: 0 success, 1 publishing, 2 original
(原创) check failed, 3 normal failure, 4 audit not passed, 5 every article deleted after success,
6 every article banned after success; ``fail_idx`` numbers failed articles from 1.
"""

import itertools
import secrets
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

# WeChat's publish_id and msg_data_id are 10-digit numbers of this size.
FIRST_PUBLISH_ID = 2_247_503_051
FIRST_MSG_DATA_ID = 2_247_483_649
ARTICLE_HOST = "https://mp.weixin.qq.com"


class PublishStatus(IntEnum):
    SUCCESS = 0
    PUBLISHING = 1
    ORIGINAL_FAILED = 2
    FAILED = 3
    AUDIT_FAILED = 4
    DELETED = 5
    BANNED = 6


# How a job can end; 5 and 6 only come later, to a published one.
OUTCOMES = frozenset(
    {PublishStatus.SUCCESS, PublishStatus.ORIGINAL_FAILED, PublishStatus.FAILED, PublishStatus.AUDIT_FAILED}
)


@dataclass(frozen=True, slots=True)
class JobReport:
    """What the ``PUBLISHJOBFINISH`` event of an ended job tells the account's server."""

    app_id: str
    publish_id: str
    publish_status: int
    article_id: str | None
    article_urls: tuple[str, ...]
    fail_idx: tuple[int, ...]
    finished_at: int


@dataclass
class PublishedArticle:
    article: dict[str, Any]
    url: str
    deleted: bool = False

    def news_item(self, *, no_content: bool = False) -> dict[str, Any]:
        item = {**self.article, "url": self.url, "is_deleted": self.deleted}
        return {k: v for k, v in item.items() if k != "content"} if no_content else item


@dataclass
class PublishJob:
    publish_id: str
    msg_data_id: int
    app_id: str
    draft_media_id: str
    articles: list[dict[str, Any]]
    submitted_at: int
    due_at: float
    status: PublishStatus = PublishStatus.PUBLISHING
    article_id: str | None = None
    items: list[PublishedArticle] = field(default_factory=list)
    fail_idx: list[int] = field(default_factory=list)
    update_time: int = 0

    def article_detail(self) -> dict[str, Any]:
        listed = [{"idx": n, "article_url": item.url} for n, item in enumerate(self.items, 1)]
        return {"count": len(listed), "item": listed}

    def answer(self) -> dict[str, Any]:
        """``freepublish/get``: the article and its URLs once published, the failed ones otherwise."""
        answer: dict[str, Any] = {"publish_id": self.publish_id, "publish_status": int(self.status)}
        if self.article_id is not None:
            answer |= {"article_id": self.article_id, "article_detail": self.article_detail()}
        return answer | {"fail_idx": list(self.fail_idx)}

    def news_item(self, *, no_content: bool = False) -> list[dict[str, Any]]:
        return [item.news_item(no_content=no_content) for item in self.items]

    def describe(self) -> dict[str, Any]:
        return self.answer() | {
            "msg_data_id": self.msg_data_id,
            "draft_media_id": self.draft_media_id,
            "submitted_at": self.submitted_at,
            "due_at": self.due_at,
            "titles": [article["title"] for article in self.articles],
        }

    def report(self) -> JobReport:
        urls = tuple(item.url for item in self.items)
        return JobReport(
            self.app_id,
            self.publish_id,
            int(self.status),
            self.article_id,
            urls,
            tuple(self.fail_idx),
            self.update_time,
        )


def _article_url() -> str:
    return f"{ARTICLE_HOST}/s/{secrets.token_urlsafe(16)}"


class Publishing:
    def __init__(self) -> None:
        self._jobs: dict[str, PublishJob] = {}
        self._by_article: dict[str, PublishJob] = {}
        self._publish_ids = itertools.count(FIRST_PUBLISH_ID)
        self._msg_data_ids = itertools.count(FIRST_MSG_DATA_ID)
        # Append-only: one report for every job that ended, in order (the sandbox delivers them).
        self.reports: list[JobReport] = []

    def submit(
        self, app_id: str, draft_media_id: str, articles: list[dict[str, Any]], now: float, delay: float
    ) -> PublishJob:
        job = PublishJob(
            str(next(self._publish_ids)), next(self._msg_data_ids), app_id, draft_media_id,
            [dict(article) for article in articles], int(now), now + delay, update_time=int(now),
        )  # fmt: skip
        self._jobs[job.publish_id] = job
        return job

    def pending(self, app_id: str | None = None, publish_id: str | None = None) -> list[PublishJob]:
        return [
            job
            for job in self._jobs.values()
            if job.status is PublishStatus.PUBLISHING
            and (app_id is None or job.app_id == app_id)
            and (publish_id is None or job.publish_id == publish_id)
        ]

    def end(self, job: PublishJob, status: PublishStatus, now: float, fail_idx: list[int] | None = None) -> None:
        """End a publishing job: published (an article_id and a URL per article) or failed (``fail_idx``,
        every article by default)."""
        if job.status is not PublishStatus.PUBLISHING or status not in OUTCOMES:
            raise ValueError(f"job {job.publish_id} cannot end as {status!r} from {job.status!r}")
        job.status, job.update_time = status, int(now)
        if status is PublishStatus.SUCCESS:
            job.article_id = secrets.token_urlsafe(32)
            job.items = [PublishedArticle(article, _article_url()) for article in job.articles]
            self._by_article[job.article_id] = job
        else:
            job.fail_idx = list(fail_idx) if fail_idx else list(range(1, len(job.articles) + 1))
        self.reports.append(job.report())

    def due(self, now: float) -> list[PublishJob]:
        return [job for job in self.pending() if job.due_at <= now]

    def job(self, app_id: str, publish_id: object) -> PublishJob:
        """A job of the account; 40097 for a publish_id it never got."""
        job = self._jobs.get(str(publish_id)) if isinstance(publish_id, str | int) else None
        if job is None or job.app_id != app_id:
            raise ApiError(ErrCode.INVALID_ARGS)
        return job

    def published(self, app_id: str, article_id: object) -> PublishJob:
        """The published article group; 53600 for an article_id the account does not have."""
        job = self._by_article.get(article_id) if isinstance(article_id, str) else None
        if job is None or job.app_id != app_id:
            raise ApiError(ErrCode.INVALID_ARTICLE_ID)
        return job

    def delete(self, app_id: str, article_id: object, index: int, now: float) -> None:
        """``freepublish/delete``: article ``index`` (from 1), or every article for 0; when none is
        left the job reads 5 (deleted)."""
        job = self.published(app_id, article_id)
        if not 0 <= index <= len(job.items):
            raise ApiError(ErrCode.INVALID_ARTICLE_IDX)
        for item in job.items if index == 0 else [job.items[index - 1]]:
            item.deleted = True
        job.update_time = int(now)
        if all(item.deleted for item in job.items):
            job.status = PublishStatus.DELETED

    def of_app(self, app_id: str) -> list[PublishJob]:
        """The account's published article groups with an article left, newest first."""
        live = [
            job for job in self._by_article.values() if job.app_id == app_id and job.status is PublishStatus.SUCCESS
        ]
        return sorted(reversed(live), key=lambda job: -job.update_time)

    def by_msg_data_id(self, app_id: str, msg_data_id: object) -> PublishJob | None:
        for job in self._by_article.values():
            if job.app_id == app_id and str(job.msg_data_id) == str(msg_data_id):
                return job
        return None

    def of(self, app_id: str) -> list[PublishJob]:
        return [job for job in self._jobs.values() if job.app_id == app_id]
