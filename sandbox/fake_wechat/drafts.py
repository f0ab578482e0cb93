"""The draft box (草稿箱), with no I/O: drafts of 1–8 articles, checked as WeChat checks them.

Limits from the official "新增草稿" page: title ≤ 32 characters, author ≤ 16, digest ≤ 128,
content under 20,000 characters and 1 MB, content_source_url ≤ 1 KB, and a news article's
thumb_media_id a permanent image. Errors: 44003 "empty news data" (no articles, or an article
without its title or content), 45003/45110/45004/45002/45005 for a field over its limit, 40007 for
a cover that is not a permanent image of the account, 45008 past 8 articles.
"""

import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat import body_fields
from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_ARTICLES = 8
TITLE_MAX, AUTHOR_MAX, DIGEST_MAX = 32, 16, 128
# Content "必须少于2万字符，小于1M": fewer than 20,000 characters and under 1 MB.
CONTENT_MAX_CHARS, CONTENT_MAX_BYTES, SOURCE_URL_MAX_BYTES = 19_999, 1024 * 1024, 1024
DIGEST_FROM_CONTENT = 54  # WeChat fills an absent digest of a single article with the content's first 54 characters
ARTICLE_TYPES = ("news", "newspic")
PREVIEW_HOST = "https://mp.weixin.qq.com"
_TAG = re.compile(r"<[^>]*>")

# Whether a media_id is a permanent image (or thumb) of the account: a valid cover.
IsCover = Callable[[object], bool]


def _limited(article: dict[str, Any], name: str, limit: int, errcode: ErrCode, *, by_bytes: bool = False) -> str:
    value = body_fields.text(article, name) or ""
    size = len(value.encode("utf-8")) if by_bytes else len(value)
    if size > limit:
        raise ApiError(errcode)
    return value


def _digest(content: str) -> str:
    return html.unescape(_TAG.sub("", content)).strip()[:DIGEST_FROM_CONTENT]


def _newspic_images(article: dict[str, Any], is_cover: IsCover) -> dict[str, Any]:
    info = article.get("image_info")
    images = info.get("image_list") if isinstance(info, dict) else None
    if not isinstance(images, list) or not images:
        raise ApiError(ErrCode.EMPTY_NEWS_DATA)
    for image in images:
        if not isinstance(image, dict) or not is_cover(image.get("image_media_id")):
            raise ApiError(ErrCode.INVALID_MEDIA_ID)
    return {"image_list": [{"image_media_id": image["image_media_id"]} for image in images]}


def check_article(article: object, is_cover: IsCover, *, single: bool) -> dict[str, Any]:
    """One article as WeChat stores it (defaults filled in), or WeChat's error for it."""
    if not isinstance(article, dict):
        raise ApiError(ErrCode.EMPTY_NEWS_DATA)
    article_type = body_fields.text(article, "article_type") or "news"
    if article_type not in ARTICLE_TYPES:
        raise ApiError(ErrCode.INVALID_ARGS)
    title = _limited(article, "title", TITLE_MAX, ErrCode.TITLE_SIZE_OUT_OF_LIMIT)
    content = _limited(article, "content", CONTENT_MAX_CHARS, ErrCode.CONTENT_SIZE_OUT_OF_LIMIT)
    if not title or (article_type == "news" and not content):
        raise ApiError(ErrCode.EMPTY_NEWS_DATA)
    if len(content.encode("utf-8")) >= CONTENT_MAX_BYTES:
        raise ApiError(ErrCode.CONTENT_SIZE_OUT_OF_LIMIT)
    stored: dict[str, Any] = {
        "article_type": article_type,
        "title": title,
        "author": _limited(article, "author", AUTHOR_MAX, ErrCode.AUTHOR_SIZE_OUT_OF_LIMIT),
        "digest": _limited(article, "digest", DIGEST_MAX, ErrCode.DESCRIPTION_SIZE_OUT_OF_LIMIT),
        "content": content,
        "content_source_url": _limited(
            article, "content_source_url", SOURCE_URL_MAX_BYTES, ErrCode.URL_SIZE_OUT_OF_LIMIT, by_bytes=True
        ),
        "thumb_media_id": body_fields.text(article, "thumb_media_id") or "",
        "show_cover_pic": int(body_fields.flag(article, "show_cover_pic")),
        "need_open_comment": int(body_fields.flag(article, "need_open_comment")),
        "only_fans_can_comment": int(body_fields.flag(article, "only_fans_can_comment")),
    }
    if article_type == "news" and not is_cover(stored["thumb_media_id"]):
        raise ApiError(ErrCode.INVALID_MEDIA_ID)
    if article_type == "newspic":
        stored["image_info"] = _newspic_images(article, is_cover)
    if "digest" not in article and single:
        stored["digest"] = _digest(content)
    for crop in ("pic_crop_235_1", "pic_crop_1_1"):
        if (value := body_fields.text(article, crop)) is not None:
            stored[crop] = value
    return stored


def check_articles(articles: object, is_cover: IsCover) -> list[dict[str, Any]]:
    """``draft/add``'s ``articles``: 1 to 8 of them."""
    if not isinstance(articles, list) or not articles:
        raise ApiError(ErrCode.EMPTY_NEWS_DATA)
    if len(articles) > MAX_ARTICLES:
        raise ApiError(ErrCode.ARTICLE_SIZE_OUT_OF_LIMIT)
    return [check_article(article, is_cover, single=len(articles) == 1) for article in articles]


@dataclass
class Draft:
    media_id: str
    app_id: str
    articles: list[dict[str, Any]]
    update_time: int
    # WeChat's temporary preview link of each article.
    urls: list[str] = field(default_factory=list)

    def news_item(self, *, no_content: bool = False) -> list[dict[str, Any]]:
        items = [{**article, "url": url} for article, url in zip(self.articles, self.urls, strict=True)]
        return [{k: v for k, v in item.items() if k != "content"} for item in items] if no_content else items


def _preview_url() -> str:
    return f"{PREVIEW_HOST}/s?__biz={secrets.token_urlsafe(9)}&tempkey={secrets.token_urlsafe(24)}"


class Drafts:
    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}

    def add(self, app_id: str, articles: object, is_cover: IsCover, now: float) -> Draft:
        checked = check_articles(articles, is_cover)
        draft = Draft(secrets.token_urlsafe(32), app_id, checked, int(now), [_preview_url() for _ in checked])
        self._drafts[draft.media_id] = draft
        return draft

    def get(self, app_id: str, media_id: object) -> Draft:
        draft = self._drafts.get(media_id) if isinstance(media_id, str) else None
        if draft is None or draft.app_id != app_id:
            raise ApiError(ErrCode.INVALID_MEDIA_ID)
        return draft

    def delete(self, app_id: str, media_id: object) -> None:
        del self._drafts[self.get(app_id, media_id).media_id]

    def discard(self, media_id: str) -> None:
        """A published draft leaves the draft box."""
        self._drafts.pop(media_id, None)

    def update(self, app_id: str, media_id: object, index: int, article: object, is_cover: IsCover, now: float) -> None:
        """``draft/update``: replace the article at ``index`` (from 0); 40060 past the last one."""
        draft = self.get(app_id, media_id)
        if not 0 <= index < len(draft.articles):
            raise ApiError(ErrCode.INVALID_ARTICLE_IDX)
        draft.articles[index] = check_article(article, is_cover, single=len(draft.articles) == 1)
        draft.update_time = int(now)

    def of_app(self, app_id: str) -> list[Draft]:
        """Newest first, as draft/batchget lists them."""
        latest_first = reversed([d for d in self._drafts.values() if d.app_id == app_id])
        return sorted(latest_first, key=lambda d: -d.update_time)
