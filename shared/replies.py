"""Passive replies: typed models rendered to WeChat's reply XML through one table.

A reply is answered to the follower who wrote (``to_user``) from the account
(``from_user``), the reverse of the callback's ToUserName/FromUserName.
"""

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from shared.xml import render_xml

SUCCESS = b"success"


class _Reply(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextReply(_Reply):
    type: Literal["text"] = "text"
    content: str


class ImageReply(_Reply):
    type: Literal["image"] = "image"
    media_id: str


class VoiceReply(_Reply):
    type: Literal["voice"] = "voice"
    media_id: str


class VideoReply(_Reply):
    type: Literal["video"] = "video"
    media_id: str
    title: str = ""
    description: str = ""


class MusicReply(_Reply):
    type: Literal["music"] = "music"
    title: str = ""
    description: str = ""
    music_url: str = ""
    hq_music_url: str = ""
    thumb_media_id: str


class Article(_Reply):
    title: str
    description: str = ""
    pic_url: str = ""
    url: str = ""


class NewsReply(_Reply):
    type: Literal["news"] = "news"
    # WeChat shows one article per passive reply since 2018 (it accepted up to 8 before).
    articles: list[Article] = Field(min_length=1, max_length=8)


class TransferCustomerServiceReply(_Reply):
    type: Literal["transfer_customer_service"] = "transfer_customer_service"
    kf_account: str | None = None


Reply = Annotated[
    TextReply | ImageReply | VoiceReply | VideoReply | MusicReply | NewsReply | TransferCustomerServiceReply,
    Field(discriminator="type"),
]
REPLY_ADAPTER: TypeAdapter[Reply] = TypeAdapter(Reply)


def _news_body(reply: NewsReply) -> dict[str, Any]:
    articles = [
        {"Title": a.title, "Description": a.description, "PicUrl": a.pic_url, "Url": a.url} for a in reply.articles
    ]
    return {"ArticleCount": len(articles), "Articles": articles}


def _transfer_body(reply: TransferCustomerServiceReply) -> dict[str, Any]:
    return {"TransInfo": {"KfAccount": reply.kf_account}} if reply.kf_account else {}


# type → the fields that follow MsgType in the reply XML.
_BODIES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "text": lambda r: {"Content": r.content},
    "image": lambda r: {"Image": {"MediaId": r.media_id}},
    "voice": lambda r: {"Voice": {"MediaId": r.media_id}},
    "video": lambda r: {"Video": {"MediaId": r.media_id, "Title": r.title, "Description": r.description}},
    "music": lambda r: {
        "Music": {
            "Title": r.title,
            "Description": r.description,
            "MusicUrl": r.music_url,
            "HQMusicUrl": r.hq_music_url,
            "ThumbMediaId": r.thumb_media_id,
        }
    },
    "news": _news_body,
    "transfer_customer_service": _transfer_body,
}


# type → the customer-service message body (message/custom/send) carrying the same content.
_CUSTOM: dict[str, Callable[[Any], dict[str, Any]]] = {
    "text": lambda r: {"text": {"content": r.content}},
    "image": lambda r: {"image": {"media_id": r.media_id}},
    "voice": lambda r: {"voice": {"media_id": r.media_id}},
    "video": lambda r: {"video": {"media_id": r.media_id, "title": r.title, "description": r.description}},
    "music": lambda r: {
        "music": {
            "title": r.title,
            "description": r.description,
            "musicurl": r.music_url,
            "hqmusicurl": r.hq_music_url,
            "thumb_media_id": r.thumb_media_id,
        }
    },
    "news": lambda r: {
        "news": {
            "articles": [
                {"title": a.title, "description": a.description, "url": a.url, "picurl": a.pic_url} for a in r.articles
            ]
        }
    },
}


def to_custom_message(reply: Reply, *, to_user: str) -> dict[str, Any] | None:
    """The customer-service message that delivers ``reply`` after the passive-reply window,
    or None for a reply that has no such form (transfer_customer_service)."""
    body = _CUSTOM.get(reply.type)
    return None if body is None else {"touser": to_user, "msgtype": reply.type, **body(reply)}


def render_reply(reply: Reply, *, to_user: str, from_user: str, create_time: int) -> str:
    """The plaintext reply XML for ``reply``."""
    head = {"ToUserName": to_user, "FromUserName": from_user, "CreateTime": create_time, "MsgType": reply.type}
    return render_xml(head | _BODIES[reply.type](reply))
