"""Job reports: how a template message, a broadcast (群发) and a publish job (发布) ended.

WeChat sends them from the account's helper (``mphelper``), so two jobs that end in the
same second differ only by what they report on: MsgID, or the publish job (``DEDUP_FIELDS``).
"""

from typing import ClassVar

from pydantic import Field

from shared.events.base import CallbackFields, WeChatEvent
from shared.events.lenient import OrAsSent, Repeated
from shared.events.registry import event


@event("templatesendjobfinish")
class TemplateSendJobFinishEvent(WeChatEvent):
    """The outcome of a template message: ``status`` success, failed:user block, failed: system failed."""

    status: OrAsSent[str] | None


class CopyrightCheckItem(CallbackFields):
    """One article's original-content check (原创校验), ``CopyrightCheckResult/ResultList/item``."""

    article_idx: OrAsSent[int] | None
    user_declare_state: OrAsSent[int] | None
    audit_state: OrAsSent[int] | None
    original_article_url: OrAsSent[str] | None = None
    original_article_type: OrAsSent[int] | None = None
    can_reprint: OrAsSent[int] | None = None
    need_replace_content: OrAsSent[int] | None = None
    need_show_reprint_source: OrAsSent[int] | None = None


class CopyrightCheckResult(CallbackFields):
    """``check_state`` 1 not judged a reprint, 2 a reprint that may be sent, 3 a reprint that may not."""

    count: OrAsSent[int] | None
    result_list: OrAsSent[Repeated[CopyrightCheckItem]] = Field(default_factory=list)
    check_state: OrAsSent[int] | None


class ArticleUrl(CallbackFields):
    article_idx: OrAsSent[int] | None
    article_url: OrAsSent[str] | None


class ArticleUrlResult(CallbackFields):
    count: OrAsSent[int] | None
    result_list: OrAsSent[Repeated[ArticleUrl]] = Field(default_factory=list)


@event("masssendjobfinish")
class MassSendJobFinishEvent(WeChatEvent):
    """A broadcast's end: ``status`` send success, send fail or err(code); the counts; the
    original-content check of each article and the URL of each article sent."""

    status: OrAsSent[str] | None
    total_count: OrAsSent[int] = 0
    filter_count: OrAsSent[int] = 0
    sent_count: OrAsSent[int] = 0
    error_count: OrAsSent[int] = 0
    copyright_check_result: OrAsSent[CopyrightCheckResult] | None = None
    article_url_result: OrAsSent[ArticleUrlResult] | None = None


class PublishedArticle(CallbackFields):
    idx: OrAsSent[int] | None
    article_url: OrAsSent[str] | None


class ArticleDetail(CallbackFields):
    count: OrAsSent[int] | None
    item: OrAsSent[Repeated[PublishedArticle]] = Field(default_factory=list)


class PublishEventInfo(CallbackFields):
    """``publish_status`` 0 published, 1 publishing, 2 original-content check failed, 3 failed,
    4 refused by review, 5 deleted by the user, 6 banned; ``fail_idx`` the articles that failed.
    ``publish_id`` is text, as the publishing API answers it (``freepublish/submit``)."""

    publish_id: OrAsSent[str] | None
    publish_status: OrAsSent[int] | None
    article_id: OrAsSent[str] | None = None
    article_detail: OrAsSent[ArticleDetail] | None = None
    fail_idx: OrAsSent[Repeated[int]] = Field(default_factory=list)


@event("publishjobfinish")
class PublishJobFinishEvent(WeChatEvent):
    """A job's later states (5: the user deleted every article, 6: banned) are reported for the
    same publish_id: its status joins the key too."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("publish_event_info.publish_id", "publish_event_info.publish_status")

    publish_event_info: OrAsSent[PublishEventInfo] | None
