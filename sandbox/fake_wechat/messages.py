"""The rules a template or customer-service message must pass before WeChat accepts it."""

from typing import Any

from sandbox.fake_wechat.audience import Audience, Group
from sandbox.fake_wechat.errors import ApiError, ErrCode

# msgtype -> the fields its object must carry (non-empty), per WeChat's custom/send documentation.
CUSTOM_MESSAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("content",),
    "image": ("media_id",),
    "voice": ("media_id",),
    "video": ("media_id",),
    "music": ("musicurl", "hqmusicurl", "thumb_media_id"),
    "news": ("articles",),
    "mpnews": ("media_id",),
    "mpnewsarticle": ("article_id",),
    "msgmenu": ("list",),
    "wxcard": ("card_id",),
    "miniprogrampage": ("title", "appid", "pagepath", "thumb_media_id"),
}
MAX_CUSTOM_NEWS_ARTICLES = 1  # since 2018 a customer-service news message carries one article


def _is_template_data(data: object) -> bool:
    return isinstance(data, dict) and all(isinstance(v, dict) and "value" in v for v in data.values())


def check_template(audience: Audience, app_id: str, body: dict[str, Any]) -> str:
    """Validate a template message; returns the recipient's openid."""
    openid = audience.openid(app_id, body.get("touser"))
    audience.template_id(app_id, body.get("template_id"))
    if audience.has(app_id, Group.UNSUBSCRIBED, openid):
        raise ApiError(ErrCode.REQUIRE_SUBSCRIBE)
    url, miniprogram = body.get("url"), body.get("miniprogram")
    if url is not None and not isinstance(url, str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    if miniprogram is not None and not (isinstance(miniprogram, dict) and isinstance(miniprogram.get("appid"), str)):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    if not _is_template_data(body.get("data", {})):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return openid


def check_custom(audience: Audience, app_id: str, body: dict[str, Any]) -> str:
    """Validate a customer-service message; returns the recipient's openid."""
    openid = audience.openid(app_id, body.get("touser"))
    msgtype = body.get("msgtype")
    if not isinstance(msgtype, str) or msgtype not in CUSTOM_MESSAGE_FIELDS:
        raise ApiError(ErrCode.INVALID_MESSAGE_TYPE)
    content = body.get(msgtype)
    if not isinstance(content, dict) or not all(content.get(field) for field in CUSTOM_MESSAGE_FIELDS[msgtype]):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    if msgtype == "news":
        if not isinstance(content["articles"], list):
            raise ApiError(ErrCode.DATA_FORMAT_ERROR)
        if len(content["articles"]) > MAX_CUSTOM_NEWS_ARTICLES:
            raise ApiError(ErrCode.ARTICLE_SIZE_OUT_OF_LIMIT)
    # "response out of time limit or subscription is canceled": both end the 48-hour window.
    if audience.has(app_id, Group.OUTSIDE_WINDOW, openid) or audience.has(app_id, Group.UNSUBSCRIBED, openid):
        raise ApiError(ErrCode.OUT_OF_RESPONSE_WINDOW)
    return openid
