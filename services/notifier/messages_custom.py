"""Customer-service messages (``/cgi-bin/message/custom/send``): one body, named by ``msgtype``.

The types of WeChat's page (客服接口-发消息) but ``mpnews``, which WeChat stopped when drafts and
publishing replaced the old material articles: an article goes out as ``mpnewsarticle`` with the
``article_id`` of a published article (``freepublish``). ``customservice.kf_account`` sends as a
customer-service account: ``prefix@account_wechat_id`` (kfaccount/add's format).
"""

import re
from collections.abc import Mapping
from typing import Any, Literal, get_args

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from services.notifier.messages_errors import refuse
from services.notifier.messages_fields import ClientId, HttpUrl, Model, NonEmpty, OpenId

MsgType = Literal[
    "text", "image", "voice", "video", "music", "news", "mpnewsarticle", "msgmenu", "wxcard", "miniprogrampage"
]
MSGTYPES: tuple[str, ...] = get_args(MsgType)
# msgtype → why WeChat no longer takes it, and what to send instead (no braces: a refusal's text).
RETIRED: Mapping[str, str] = {
    "mpnews": "WeChat stopped mpnews customer-service messages: send msgtype mpnewsarticle "
    "with the article_id of a published article instead",
}
_KF_ACCOUNT = re.compile(r"[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}")
KF_ACCOUNT_RULE = (
    "must be prefix@wechat_id: a prefix of at most 10 letters, digits or _, "
    "then the account's WeChat ID (at most 30 characters)"
)


class TextBody(Model):
    content: NonEmpty


class MediaBody(Model):  # image, voice
    media_id: NonEmpty


class VideoBody(Model):
    media_id: NonEmpty
    thumb_media_id: NonEmpty | None = None
    title: str | None = None
    description: str | None = None


class MusicBody(Model):
    title: str | None = None
    description: str | None = None
    musicurl: HttpUrl
    hqmusicurl: HttpUrl
    thumb_media_id: NonEmpty


class Article(Model):
    title: NonEmpty
    description: str | None = None
    url: HttpUrl
    picurl: HttpUrl | None = None


class NewsBody(Model):
    # Since 2018 a customer-service news message carries exactly one article.
    articles: list[Article] = Field(min_length=1, max_length=1)


class MenuItem(Model):
    id: NonEmpty
    content: NonEmpty


class MenuBody(Model):
    model_config = ConfigDict(serialize_by_alias=True)  # "list" on the wire, whoever dumps it

    head_content: str
    items: list[MenuItem] = Field(alias="list", min_length=1, max_length=10)
    tail_content: str


class ArticleBody(Model):  # mpnewsarticle: a published article
    article_id: NonEmpty


class CardBody(Model):  # wxcard
    card_id: NonEmpty


class MiniProgramPageBody(Model):
    title: NonEmpty
    appid: NonEmpty
    pagepath: NonEmpty
    thumb_media_id: NonEmpty


class CustomService(Model):
    kf_account: str

    @field_validator("kf_account")
    @classmethod
    def _kf_account(cls, value: str) -> str:
        if not _KF_ACCOUNT.fullmatch(value):
            raise refuse(KF_ACCOUNT_RULE)
        return value


class CustomMessage(Model):
    """A customer-service message: ``touser``, ``msgtype`` and the body named by it, nothing else.
    ``client_msg_id`` is the notifier's own idempotency key; WeChat never sees it."""

    model_config = ConfigDict(validate_default=True)  # so a missing body reaches the check below

    touser: OpenId
    msgtype: MsgType
    text: TextBody | None = None
    image: MediaBody | None = None
    voice: MediaBody | None = None
    video: VideoBody | None = None
    music: MusicBody | None = None
    news: NewsBody | None = None
    mpnewsarticle: ArticleBody | None = None
    msgmenu: MenuBody | None = None
    wxcard: CardBody | None = None
    miniprogrampage: MiniProgramPageBody | None = None
    mpnews: Any = Field(default=None, exclude=True)  # retired: refused below, never sent
    customservice: CustomService | None = None
    client_msg_id: ClientId | None = None

    @field_validator("msgtype", mode="before")
    @classmethod
    def _not_retired(cls, msgtype: object) -> object:
        if isinstance(msgtype, str) and msgtype in RETIRED:
            raise refuse(RETIRED[msgtype])
        return msgtype

    @field_validator(*RETIRED)
    @classmethod
    def _retired_body(cls, body: object, info: ValidationInfo) -> object:
        if body is not None and "msgtype" in info.data:  # with msgtype mpnews itself, that says it already
            raise refuse(RETIRED[info.field_name or ""])
        return body

    @field_validator(*MSGTYPES, mode="before")
    @classmethod
    def _body_of_msgtype(cls, body: object, info: ValidationInfo) -> object:
        msgtype = info.data.get("msgtype")  # absent when msgtype itself was refused
        if msgtype is not None and info.field_name == msgtype and body is None:
            raise refuse(f"required for msgtype {msgtype}")
        if msgtype is not None and info.field_name != msgtype and body is not None:
            raise refuse(f"not allowed with msgtype {msgtype}")
        return body

    @property
    def body(self) -> Model:
        body: Model = getattr(self, self.msgtype)
        return body

    def wechat_body(self) -> dict[str, Any]:
        """The JSON that ``message/custom/send`` takes."""
        message: dict[str, Any] = {
            "touser": self.touser,
            "msgtype": self.msgtype,
            self.msgtype: self.body.model_dump(by_alias=True, exclude_none=True),
        }
        if self.customservice is not None:
            message["customservice"] = {"kf_account": self.customservice.kf_account}
        return message
