"""The normal messages a follower sends: the seven WeChat documents, and mini program cards.

Every declared field is ``OrAsSent``: a value that does not fit its type is kept
as sent; the required ones (``| None``) are those WeChat usually sends, null when absent.
"""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import message


class NormalMessage(WeChatEvent):
    answerable: ClassVar[bool] = True


@message("text")
class TextMessage(NormalMessage):
    content: OrAsSent[str] = ""


@message("image")
class ImageMessage(NormalMessage):
    pic_url: OrAsSent[str] | None
    media_id: OrAsSent[str] | None


@message("voice")
class VoiceMessage(NormalMessage):
    media_id: OrAsSent[str] | None
    format: OrAsSent[str] | None
    recognition: OrAsSent[str] | None = None


@message("video")
class VideoMessage(NormalMessage):
    media_id: OrAsSent[str] | None
    thumb_media_id: OrAsSent[str] | None


@message("shortvideo")
class ShortVideoMessage(NormalMessage):
    media_id: OrAsSent[str] | None
    thumb_media_id: OrAsSent[str] | None


@message("location")
class LocationMessage(NormalMessage):
    location_x: OrAsSent[float] | None
    location_y: OrAsSent[float] | None
    scale: OrAsSent[int] | None
    label: OrAsSent[str] = ""


@message("link")
class LinkMessage(NormalMessage):
    title: OrAsSent[str] = ""
    description: OrAsSent[str] = ""
    url: OrAsSent[str] | None


@message("miniprogrampage")
class MiniProgramPageMessage(NormalMessage):
    """A mini program card; the mini program's AppId is ``wechat_app_id`` (``app_id`` is the account's)."""

    title: OrAsSent[str] = ""
    wechat_app_id: OrAsSent[str] | None
    page_path: OrAsSent[str] | None
    thumb_url: OrAsSent[str] | None = None
    thumb_media_id: OrAsSent[str] | None = None
