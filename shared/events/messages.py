"""The seven normal message types WeChat pushes."""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.registry import message


class NormalMessage(WeChatEvent):
    answerable: ClassVar[bool] = True


@message("text")
class TextMessage(NormalMessage):
    content: str = ""


@message("image")
class ImageMessage(NormalMessage):
    pic_url: str
    media_id: str


@message("voice")
class VoiceMessage(NormalMessage):
    media_id: str
    format: str
    recognition: str | None = None


@message("video")
class VideoMessage(NormalMessage):
    media_id: str
    thumb_media_id: str


@message("shortvideo")
class ShortVideoMessage(NormalMessage):
    media_id: str
    thumb_media_id: str


@message("location")
class LocationMessage(NormalMessage):
    location_x: float
    location_y: float
    scale: int
    label: str = ""


@message("link")
class LinkMessage(NormalMessage):
    title: str = ""
    description: str = ""
    url: str
