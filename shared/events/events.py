"""Events (``MsgType`` event): subscriptions, scans, location and the menu pushes.

The other events have modules of their own: job reports (``jobs``), customer-service
sessions, subscription notices, cards, invoices, stores and Wi-Fi, products, verification.

Every declared field is ``OrAsSent``: a value that does not fit its type is kept
as sent (WeChat documents VIEW's ``<MenuId>MENUID</MenuId>``); the required ones
(``| None``) are those WeChat usually sends, null when absent.
"""

from typing import ClassVar

from pydantic import Field

from shared.events.base import CallbackFields, WeChatEvent
from shared.events.jobs import MassSendJobFinishEvent as MassSendJobFinishEvent  # lived here before jobs
from shared.events.jobs import TemplateSendJobFinishEvent as TemplateSendJobFinishEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event

QR_SCENE_PREFIX = "qrscene_"


class ScanCodeInfo(CallbackFields):
    scan_type: OrAsSent[str] | None
    scan_result: OrAsSent[str] = ""


class PicItem(CallbackFields):
    pic_md5_sum: OrAsSent[str] | None


class SendPicsInfo(CallbackFields):
    count: OrAsSent[int] | None
    pic_list: OrAsSent[list[PicItem]] = Field(default_factory=list)


class SendLocationInfo(CallbackFields):
    location_x: OrAsSent[float] | None
    location_y: OrAsSent[float] | None
    scale: OrAsSent[int] | None
    label: OrAsSent[str] = ""
    poiname: OrAsSent[str] = ""


class AnswerableEvent(WeChatEvent):
    answerable: ClassVar[bool] = True


@event("subscribe")
class SubscribeEvent(AnswerableEvent):
    """A follow; from a parametric QR code when ``event_key`` is ``qrscene_…``."""

    event_key: OrAsSent[str] | None = None
    ticket: OrAsSent[str] | None = None

    @property
    def scene(self) -> str | None:
        if isinstance(self.event_key, str) and self.event_key.startswith(QR_SCENE_PREFIX):
            return self.event_key[len(QR_SCENE_PREFIX) :]
        return None


@event("unsubscribe")
class UnsubscribeEvent(WeChatEvent):
    event_key: OrAsSent[str] | None = None


@event("scan")
class ScanEvent(AnswerableEvent):
    """A follower scanned a parametric QR code; ``event_key`` is the scene."""

    event_key: OrAsSent[str] = ""
    ticket: OrAsSent[str] | None = None


@event("location")
class LocationEvent(WeChatEvent):
    latitude: OrAsSent[float] | None
    longitude: OrAsSent[float] | None
    precision: OrAsSent[float] | None


@event("click")
class ClickEvent(AnswerableEvent):
    event_key: OrAsSent[str] = ""


@event("view")
class ViewEvent(WeChatEvent):
    event_key: OrAsSent[str] = ""
    menu_id: OrAsSent[int] | None = None


class ScanCodeEvent(AnswerableEvent):
    event_key: OrAsSent[str] = ""
    scan_code_info: OrAsSent[ScanCodeInfo] | None


@event("scancode_push")
class ScanCodePushEvent(ScanCodeEvent):
    """The client handles the scan result itself and shows no reply."""

    answerable: ClassVar[bool] = False


@event("scancode_waitmsg")
class ScanCodeWaitMsgEvent(ScanCodeEvent):
    pass


class PicEvent(AnswerableEvent):
    event_key: OrAsSent[str] = ""
    send_pics_info: OrAsSent[SendPicsInfo] | None


@event("pic_sysphoto")
class PicSysPhotoEvent(PicEvent):
    pass


@event("pic_photo_or_album")
class PicPhotoOrAlbumEvent(PicEvent):
    pass


@event("pic_weixin")
class PicWeixinEvent(PicEvent):
    pass


@event("location_select")
class LocationSelectEvent(AnswerableEvent):
    event_key: OrAsSent[str] = ""
    send_location_info: OrAsSent[SendLocationInfo] | None


@event("view_miniprogram")
class ViewMiniProgramEvent(WeChatEvent):
    event_key: OrAsSent[str] = ""
    menu_id: OrAsSent[int] | None = None
