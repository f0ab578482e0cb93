"""Broadcasts (群发, ``mass/sendall`` and ``mass/send``), validated before a job is created (pure, no I/O).

The body is WeChat's: the audience — ``filter`` (``{"is_to_all": true}`` or ``{"tag_id": N}``) or
``touser`` (2 to 10,000 different openids) — then ``msgtype`` and its content: ``mpnews`` (a
draft's ``media_id``), ``text``, ``voice``, ``image`` (as ``images.media_ids``), ``mpvideo`` (the
media_id ``media/uploadvideo`` answers) or ``wxcard``; ``send_ignore_reprint`` for articles. The
notifier's own fields: ``preview`` (``{"touser"}`` or ``{"towxname"}``: shown to that one person
before the broadcast goes) and ``client_msg_id`` (idempotency; it is also the job's ``clientmsgid``).
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, StrictInt, ValidationInfo, field_validator

from services.notifier.messages_errors import refuse
from services.notifier.messages_fields import ClientId, Model, NonEmpty, OpenId, distinct_openids
from shared.wechat.models import mass as wechat

MassType = Literal["mpnews", "text", "voice", "image", "mpvideo", "wxcard"]
# msgtype → the field its content is in (WeChat names the pictures "images").
CONTENT_FIELDS = {"mpnews": "mpnews", "text": "text", "voice": "voice", "image": "images", "mpvideo": "mpvideo",
                  "wxcard": "wxcard"}  # fmt: skip
# msgtypes of other APIs a caller may reach for, and what a broadcast takes instead (no braces).
OTHER_TYPES = {
    "video": "a broadcast sends a video as mpvideo, with the media_id media/uploadvideo answers",
    "mpnewsarticle": "a broadcast sends articles as mpnews, with the media_id of a draft",
    "news": "a broadcast sends articles as mpnews, with the media_id of a draft",
}
MIN_OPENIDS, MAX_OPENIDS = wechat.MIN_OPENIDS, wechat.MAX_OPENIDS
AUDIENCE_RULE = "a broadcast goes to a tag or to everyone (filter) or to 2 to 10,000 openids (touser), one of them"


def _no_space(value: str) -> str:
    if any(char.isspace() for char in value):
        raise refuse("must not contain whitespace")
    return value


MediaId = Annotated[str, Field(min_length=1), AfterValidator(_no_space)]
Follower = Annotated[OpenId, AfterValidator(_no_space)]
Flag = Literal[0, 1]


class MassFilter(Model):
    model_config = ConfigDict(validate_default=True)

    is_to_all: StrictBool = False
    tag_id: Annotated[StrictInt, Field(ge=0)] | None = None

    @field_validator("tag_id")
    @classmethod
    def _one_of(cls, tag_id: int | None, info: ValidationInfo) -> int | None:
        to_all = info.data.get("is_to_all")
        if to_all is True and tag_id is not None:
            raise refuse("not allowed with is_to_all true")
        if to_all is False and tag_id is None:
            raise refuse("required unless is_to_all is true")
        return tag_id


class MediaRef(Model):  # mpnews (a draft), voice
    media_id: MediaId


class TextContent(Model):
    content: NonEmpty


class ImagesContent(Model):
    media_ids: list[MediaId] = Field(min_length=1)
    recommend: str | None = None
    need_open_comment: Flag = 0
    only_fans_can_comment: Flag = 0


class VideoContent(Model):
    media_id: MediaId
    title: str | None = None
    description: str | None = None


class CardContent(Model):
    card_id: NonEmpty


class PreviewTarget(Model):
    """Who sees the broadcast first: one follower (``touser``) or one WeChat ID (``towxname``)."""

    model_config = ConfigDict(validate_default=True)

    touser: Follower | None = None
    towxname: Annotated[str, Field(min_length=1), AfterValidator(_no_space)] | None = None

    @field_validator("towxname")
    @classmethod
    def _exactly_one(cls, towxname: str | None, info: ValidationInfo) -> str | None:
        if "touser" not in info.data:  # touser itself was refused
            return towxname
        if (info.data["touser"] is None) == (towxname is None):
            raise refuse("a preview goes to touser (an openid) or towxname (a WeChat ID): exactly one")
        return towxname


Openids = Annotated[
    list[Follower], Field(min_length=MIN_OPENIDS, max_length=MAX_OPENIDS), AfterValidator(distinct_openids)
]


class MassMessage(Model):
    """One broadcast job's request. Field order matters: the audience and msgtype are validated
    before the fields that depend on them."""

    model_config = ConfigDict(validate_default=True)

    filter: MassFilter | None = None
    touser: Openids | None = None
    msgtype: MassType
    mpnews: MediaRef | None = None
    text: TextContent | None = None
    voice: MediaRef | None = None
    images: ImagesContent | None = None
    mpvideo: VideoContent | None = None
    wxcard: CardContent | None = None
    send_ignore_reprint: Flag = 0
    preview: PreviewTarget | None = None
    client_msg_id: ClientId | None = None

    @field_validator("touser")
    @classmethod
    def _one_audience(cls, touser: list[str] | None, info: ValidationInfo) -> list[str] | None:
        if "filter" not in info.data:  # filter itself was refused
            return touser
        if info.data["filter"] is not None and touser is not None:
            raise refuse("not allowed with filter: " + AUDIENCE_RULE)
        if info.data["filter"] is None and touser is None:
            raise refuse("required without filter: " + AUDIENCE_RULE)
        return touser

    @field_validator("msgtype", mode="before")
    @classmethod
    def _other_api(cls, msgtype: object) -> object:
        if isinstance(msgtype, str) and msgtype in OTHER_TYPES:
            raise refuse(OTHER_TYPES[msgtype])
        return msgtype

    @field_validator(*CONTENT_FIELDS.values())
    @classmethod
    def _content_of_msgtype(cls, content: object, info: ValidationInfo) -> object:
        msgtype = info.data.get("msgtype")  # absent when msgtype itself was refused
        if msgtype is None:
            return content
        wanted = CONTENT_FIELDS[msgtype]
        if info.field_name == wanted and content is None:
            raise refuse(f"required for msgtype {msgtype}")
        if info.field_name != wanted and content is not None:
            raise refuse(f"not allowed with msgtype {msgtype}")
        return content

    # -- what WeChat takes ---------------------------------------------------------------------

    def content(self) -> wechat.MpNews | wechat.Text | wechat.Voice | wechat.Images | wechat.MpVideo | wechat.WxCard:
        """The content as the typed client's model."""
        if self.mpnews is not None:
            return wechat.MpNews(media_id=self.mpnews.media_id)
        if self.text is not None:
            return wechat.Text(content=self.text.content)
        if self.voice is not None:
            return wechat.Voice(media_id=self.voice.media_id)
        if self.images is not None:
            return wechat.Images(**self.images.model_dump(exclude_none=True))
        if self.mpvideo is not None:
            return wechat.MpVideo(**self.mpvideo.model_dump(exclude_none=True))
        if self.wxcard is not None:
            return wechat.WxCard(card_id=self.wxcard.card_id)
        raise ValueError("a validated broadcast has its content")  # unreachable after validation

    def broadcast(self, clientmsgid: str) -> wechat.Broadcast:
        """The ``mass/sendall`` or ``mass/send`` request, with the job's ``clientmsgid``."""
        audience: dict[str, Any] = {"openids": list(self.touser)} if self.touser is not None else {}
        if self.filter is not None:
            audience = {"to_all": True} if self.filter.is_to_all else {"tag_id": self.filter.tag_id}
        return wechat.Broadcast(
            content=self.content(), clientmsgid=clientmsgid, send_ignore_reprint=self.send_ignore_reprint, **audience
        )

    def preview_request(self) -> wechat.Preview | None:
        """The ``mass/preview`` request (a picture broadcast previews its first picture), if one was asked for."""
        if self.preview is None:
            return None
        content = self.content()
        if isinstance(content, wechat.Images):
            content = wechat.Images(media_ids=content.media_ids[:1])
        return wechat.Preview(content=content, openid=self.preview.touser, wxname=self.preview.towxname)
