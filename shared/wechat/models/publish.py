"""Publishing (发布能力): a publish job's status as ``freepublish/get`` answers it."""

import enum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class PublishState(enum.IntEnum):
    SUCCEEDED = 0
    PUBLISHING = 1
    ORIGINALITY_FAILED = 2
    FAILED = 3
    REJECTED = 4  # the platform's review refused it
    DELETED_BY_USER = 5  # published, then every article deleted
    BANNED = 6  # published, then every article banned by the platform


class PublishJob(BaseModel):
    """``freepublish/submit``'s answer: the job to follow, and the ``msg_data_id`` its comments are under."""

    model_config = ConfigDict(extra="allow", frozen=True)

    publish_id: str
    msg_data_id: int | None = None

    @field_validator("publish_id", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class PublishedArticle(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    idx: int
    article_url: str


class ArticleDetail(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    count: int = 0
    item: list[PublishedArticle] = Field(default_factory=list)


class PublishStatus(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    publish_id: str
    publish_status: int  # a PublishState; kept as an int so a state WeChat adds later still reads
    article_id: str | None = None
    article_detail: ArticleDetail | None = None
    fail_idx: list[int] = Field(default_factory=list)

    @field_validator("publish_id", "article_id", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @property
    def state(self) -> PublishState | None:
        try:
            return PublishState(self.publish_status)
        except ValueError:
            return None

    @property
    def finished(self) -> bool:
        """Whether the job is over (any state but publishing)."""
        return self.publish_status != PublishState.PUBLISHING

    @property
    def succeeded(self) -> bool:
        return self.publish_status == PublishState.SUCCEEDED

    @property
    def urls(self) -> list[str]:
        return [item.article_url for item in self.article_detail.item] if self.article_detail else []
