"""Articles as ``draft/add`` and ``draft/update`` accept them (新增草稿).

A draft holds 1–8 articles. An article's title is at most 32 characters, its author 16, its
digest 128; its content (HTML) is required and under 20,000 characters (WeChat also says
under 1 MB, which 20,000 characters of UTF-8 never reach); the "read more" URL at most
1 KB. A news article (the default type) needs its cover, ``thumb_media_id``, a permanent
material; a picture post (``newspic``) needs its pictures, ``image_info.image_list``, and
its content is optional; ``need_open_comment`` and ``only_fans_can_comment`` are 0 or 1.
"""

from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

TITLE_CHARS, AUTHOR_CHARS, DIGEST_CHARS = 32, 16, 128
CONTENT_CHARS, SOURCE_URL_BYTES = 20_000, 1024
MAX_ARTICLES = 8


def _content(value: str) -> str:
    if len(value) >= CONTENT_CHARS:
        raise ValueError(f"content is under {CONTENT_CHARS:,} characters (this is {len(value):,})")
    return value


def _url(value: str) -> str:
    if len(value.encode()) > SOURCE_URL_BYTES:
        raise ValueError(f"at most {SOURCE_URL_BYTES} bytes")
    return value


Flag = Literal[0, 1]


class Picture(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    image_media_id: Annotated[str, Field(min_length=1)]  # a permanent image material


class PictureList(BaseModel):
    """A picture post's pictures (the first is its cover)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    image_list: Annotated[list[Picture], Field(min_length=1)]


class Article(BaseModel):
    """One article of a draft; fields WeChat adds later (cover crops, product cards) pass through as given."""

    model_config = ConfigDict(extra="allow", frozen=True)

    article_type: Literal["news", "newspic"] | None = None
    title: Annotated[str, Field(min_length=1, max_length=TITLE_CHARS)]
    author: Annotated[str, Field(max_length=AUTHOR_CHARS)] | None = None
    digest: Annotated[str, Field(max_length=DIGEST_CHARS)] | None = None
    content: Annotated[str, AfterValidator(_content)] | None = None
    content_source_url: Annotated[str, AfterValidator(_url)] | None = None
    thumb_media_id: str | None = None
    need_open_comment: Flag | None = None
    only_fans_can_comment: Flag | None = None
    image_info: PictureList | None = None

    @model_validator(mode="after")
    def _what_its_type_needs(self) -> Self:
        if self.article_type == "newspic":
            if self.image_info is None:
                raise ValueError("a picture post (newspic) needs image_info.image_list")
            return self
        if not self.content:
            raise ValueError("a news article needs its content")
        if not self.thumb_media_id:
            raise ValueError("a news article needs thumb_media_id (a permanent image material)")
        return self

    def body(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class Draft(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    articles: Annotated[list[Article], Field(min_length=1, max_length=MAX_ARTICLES)]

    def body(self) -> dict[str, Any]:
        return {"articles": [article.body() for article in self.articles]}
