"""Broadcasts (群发): the audience, the content, and what a job answers.

The audience is everyone (``is_to_all``), one tag, or 2–10,000 openids; a preview goes to one openid
or one WeChat ID. The content is one of WeChat's broadcast types: ``mpnews`` (a draft's media_id;
``send_ignore_reprint`` decides whether an article judged a reprint still goes), ``text``,
``voice``, ``image`` (``images.media_ids``, a preview takes one ``image.media_id``), ``mpvideo``
(the media_id ``media/uploadvideo`` answers) and ``wxcard``. ``clientmsgid`` (≤ 64 bytes) is what
WeChat de-duplicates a broadcast by for 24 hours.
"""

import enum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.wechat.models.users import OpenId

MIN_OPENIDS, MAX_OPENIDS, CLIENTMSGID_BYTES = 2, 10_000, 64
MediaId = Annotated[str, StringConstraints(min_length=1, pattern=r"^\S+$")]


def _clientmsgid(value: str) -> str:
    size = len(value.encode())
    if size > CLIENTMSGID_BYTES:
        raise ValueError(f"clientmsgid is at most {CLIENTMSGID_BYTES} bytes (this is {size})")
    return value


ClientMsgId = Annotated[str, StringConstraints(min_length=1), AfterValidator(_clientmsgid)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- content -------------------------------------------------------------------------------------


class MpNews(_Model):
    """Articles: a draft's media_id."""

    msgtype: Literal["mpnews"] = "mpnews"
    media_id: MediaId

    def part(self) -> dict[str, Any]:
        return {"mpnews": {"media_id": self.media_id}}


class Text(_Model):
    msgtype: Literal["text"] = "text"
    content: Annotated[str, StringConstraints(min_length=1)]

    def part(self) -> dict[str, Any]:
        return {"text": {"content": self.content}}


class Voice(_Model):
    msgtype: Literal["voice"] = "voice"
    media_id: MediaId

    def part(self) -> dict[str, Any]:
        return {"voice": {"media_id": self.media_id}}


class Images(_Model):
    """Pictures (``msgtype`` image): their media_ids, a recommendation, comments open or not."""

    msgtype: Literal["image"] = "image"
    media_ids: Annotated[list[MediaId], Field(min_length=1)]
    recommend: str | None = None
    need_open_comment: Literal[0, 1] = 0
    only_fans_can_comment: Literal[0, 1] = 0

    def part(self) -> dict[str, Any]:
        images = self.model_dump(exclude={"msgtype"}, exclude_none=True)
        return {"images": images}


class MpVideo(_Model):
    """A video: the media_id ``media/uploadvideo`` answered (a send to openids may add title and description)."""

    msgtype: Literal["mpvideo"] = "mpvideo"
    media_id: MediaId
    title: str | None = None
    description: str | None = None

    def part(self) -> dict[str, Any]:
        return {"mpvideo": self.model_dump(exclude={"msgtype"}, exclude_none=True)}


class WxCard(_Model):
    msgtype: Literal["wxcard"] = "wxcard"
    card_id: Annotated[str, StringConstraints(min_length=1)]

    def part(self) -> dict[str, Any]:
        return {"wxcard": {"card_id": self.card_id}}


Content = Annotated[MpNews | Text | Voice | Images | MpVideo | WxCard, Field(discriminator="msgtype")]


class ContentOf(_Model):
    """Reads a content from a plain mapping: ``ContentOf(content={"msgtype": "text", "content": "hi"})``."""

    content: Content


# -- audiences and requests ----------------------------------------------------------------------


class Broadcast(_Model):
    """``mass/sendall`` (``tag_id`` or everyone) or ``mass/send`` (``openids``): exactly one audience."""

    content: Content
    to_all: bool = False
    tag_id: Annotated[int, Field(strict=True, ge=0)] | None = None
    openids: Annotated[list[OpenId], Field(min_length=MIN_OPENIDS, max_length=MAX_OPENIDS)] | None = None
    clientmsgid: ClientMsgId | None = None
    send_ignore_reprint: Literal[0, 1] = 0

    @model_validator(mode="after")
    def _one_audience(self) -> "Broadcast":
        chosen = [self.to_all, self.tag_id is not None, self.openids is not None]
        if sum(chosen) != 1:
            raise ValueError("a broadcast goes to everyone, to one tag or to a list of openids: exactly one")
        if self.openids is not None and len(set(self.openids)) < MIN_OPENIDS:
            raise ValueError(f"a broadcast to openids names at least {MIN_OPENIDS} different followers")
        return self

    @property
    def path(self) -> str:
        return "cgi-bin/message/mass/send" if self.openids is not None else "cgi-bin/message/mass/sendall"

    def body(self) -> dict[str, Any]:
        audience: dict[str, Any]
        if self.openids is not None:
            audience = {"touser": list(self.openids)}
        elif self.to_all:
            audience = {"filter": {"is_to_all": True}}
        else:
            audience = {"filter": {"is_to_all": False, "tag_id": self.tag_id}}
        body = {**audience, **self.content.part(), "msgtype": self.content.msgtype}
        if isinstance(self.content, MpNews):
            body["send_ignore_reprint"] = self.send_ignore_reprint
        if self.clientmsgid is not None:
            body["clientmsgid"] = self.clientmsgid
        return body


class Preview(_Model):
    """``mass/preview``: to one follower's openid or one WeChat ID (``towxname``)."""

    content: Content
    openid: OpenId | None = None
    wxname: Annotated[str, StringConstraints(min_length=1, pattern=r"^\S+$")] | None = None

    @model_validator(mode="after")
    def _one_person(self) -> "Preview":
        if (self.openid is None) == (self.wxname is None):
            raise ValueError("a preview goes to one openid or one WeChat ID (towxname): exactly one")
        if isinstance(self.content, Images) and len(self.content.media_ids) != 1:
            raise ValueError("a preview shows one picture")
        return self

    def body(self) -> dict[str, Any]:
        person = {"touser": self.openid} if self.openid is not None else {"towxname": self.wxname}
        part = self.content.part()
        if isinstance(self.content, Images):
            part = {"image": {"media_id": self.content.media_ids[0]}}
        return {**person, **part, "msgtype": self.content.msgtype}


class Deletion(_Model):
    """``mass/delete``: one article (``article_idx`` from 1) or every one (0)."""

    msg_id: Annotated[int, Field(strict=True, ge=1)]
    article_idx: Annotated[int, Field(strict=True, ge=0)] = 0

    def body(self) -> dict[str, Any]:
        return self.model_dump()


class VideoForBroadcast(_Model):
    """``media/uploadvideo``: a video's media_id (temporary or permanent), titled for the broadcast."""

    media_id: MediaId
    title: Annotated[str, StringConstraints(min_length=1)]
    description: str = ""

    def body(self) -> dict[str, Any]:
        return self.model_dump()


class Speed(enum.IntEnum):
    """Broadcast speeds, 万 messages a minute: 0 → 80, 1 → 60, 2 → 45, 3 → 30, 4 → 10."""

    FASTEST = 0
    FAST = 1
    MEDIUM = 2
    SLOW = 3
    SLOWEST = 4


# -- answers -------------------------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class MassJob(_Answer):
    """A broadcast or preview accepted: its ``msg_id`` (and, for articles, ``msg_data_id``)."""

    msg_id: int
    msg_data_id: int | None = None


class MassStatus(_Answer):
    """``mass/get``: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE."""

    msg_id: int
    msg_status: str


class MassSpeed(_Answer):
    speed: int
    realspeed: int
