"""The fake's content library: temporary media, permanent materials, drafts, publish jobs, comments.

The stores live in their own modules (media_store, drafts, publishing, comments); this class holds
them and what ties them together: a draft's cover must be a permanent image, a published draft
leaves the draft box, comments belong to a published article. No I/O; every method takes ``now``.
"""

from functools import partial
from typing import Any

from sandbox.fake_wechat import body_fields
from sandbox.fake_wechat.comments import Comments, Thread
from sandbox.fake_wechat.drafts import Draft, Drafts
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.media_store import MediaStore
from sandbox.fake_wechat.publishing import Publishing, PublishJob, PublishStatus

# Seconds (of the fake's clock) a publish job takes before it succeeds on its own.
DEFAULT_PUBLISH_SECONDS = 3.0


class Library:
    def __init__(self, publish_seconds: float = DEFAULT_PUBLISH_SECONDS) -> None:
        self.media = MediaStore()
        self.drafts = Drafts()
        self.publishing = Publishing()
        self.comments = Comments()
        self.publish_seconds = publish_seconds

    # -- drafts ------------------------------------------------------------------------------

    def add_draft(self, app_id: str, body: dict[str, Any], now: float) -> Draft:
        return self.drafts.add(app_id, body.get("articles"), partial(self.media.is_cover, app_id), now)

    def update_draft(self, app_id: str, body: dict[str, Any], now: float) -> None:
        index = body_fields.integer(body, "index")
        is_cover = partial(self.media.is_cover, app_id)
        self.drafts.update(app_id, body.get("media_id"), index, body.get("articles"), is_cover, now)

    # -- publishing --------------------------------------------------------------------------

    def submit(self, app_id: str, media_id: object, now: float) -> PublishJob:
        draft = self.drafts.get(app_id, media_id)
        return self.publishing.submit(app_id, draft.media_id, draft.articles, now, self.publish_seconds)

    def end(self, job: PublishJob, status: PublishStatus, now: float, fail_idx: list[int] | None = None) -> None:
        self.publishing.end(job, status, now, fail_idx)
        if status is PublishStatus.SUCCESS:
            self.drafts.discard(job.draft_media_id)

    def settle(self, now: float) -> list[PublishJob]:
        """Jobs whose time has come succeed; the ones that did."""
        ended = self.publishing.due(now)
        for job in ended:
            self.end(job, PublishStatus.SUCCESS, now)
        return ended

    def job(self, app_id: str, publish_id: object, now: float) -> PublishJob:
        self.settle(now)
        return self.publishing.job(app_id, publish_id)

    # -- comments ----------------------------------------------------------------------------

    def thread(self, app_id: str, body: dict[str, Any]) -> Thread:
        """The comments of article ``index`` (from 0) of a published ``msg_data_id``; 88001 when the
        account has no such article (never published, deleted, or an index past its last)."""
        index = body_fields.integer(body, "index", 0)
        job = self.publishing.by_msg_data_id(app_id, body.get("msg_data_id"))
        if job is None or job.status is not PublishStatus.SUCCESS or not 0 <= index < len(job.items):
            raise ApiError(ErrCode.MSG_DATA_NOT_EXISTS)
        if job.items[index].deleted:
            raise ApiError(ErrCode.MSG_DATA_NOT_EXISTS)
        opened = bool(job.items[index].article.get("need_open_comment"))
        return self.comments.thread((app_id, job.msg_data_id, index), open_by_default=opened)

    # -- the control API ---------------------------------------------------------------------

    def describe(self, app_id: str, now: float) -> dict[str, Any]:
        return {
            **self.media.describe(app_id, now),
            "drafts": [
                {"media_id": d.media_id, "update_time": d.update_time, "news_item": d.news_item()}
                for d in self.drafts.of_app(app_id)
            ],
            "publish_jobs": [job.describe() for job in self.publishing.of(app_id)],
            "comments": self.comments.describe(app_id),
            "publish_seconds": self.publish_seconds,
        }
