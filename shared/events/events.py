"""Events (``MsgType`` event): subscriptions, scans, location, the menu pushes, job reports."""

from typing import ClassVar

from pydantic import Field

from shared.events.base import CallbackFields, WeChatEvent
from shared.events.registry import event

QR_SCENE_PREFIX = "qrscene_"


class ScanCodeInfo(CallbackFields):
    scan_type: str
    scan_result: str = ""


class PicItem(CallbackFields):
    pic_md5_sum: str


class SendPicsInfo(CallbackFields):
    count: int
    pic_list: list[PicItem] = Field(default_factory=list)


class SendLocationInfo(CallbackFields):
    location_x: float
    location_y: float
    scale: int
    label: str = ""
    poiname: str = ""


class AnswerableEvent(WeChatEvent):
    answerable: ClassVar[bool] = True


@event("subscribe")
class SubscribeEvent(AnswerableEvent):
    """A follow; from a parametric QR code when ``event_key`` is ``qrscene_…``."""

    event_key: str | None = None
    ticket: str | None = None

    @property
    def scene(self) -> str | None:
        if self.event_key and self.event_key.startswith(QR_SCENE_PREFIX):
            return self.event_key[len(QR_SCENE_PREFIX) :]
        return None


@event("unsubscribe")
class UnsubscribeEvent(WeChatEvent):
    event_key: str | None = None


@event("scan")
class ScanEvent(AnswerableEvent):
    """A follower scanned a parametric QR code; ``event_key`` is the scene."""

    event_key: str = ""
    ticket: str | None = None


@event("location")
class LocationEvent(WeChatEvent):
    latitude: float
    longitude: float
    precision: float


@event("click")
class ClickEvent(AnswerableEvent):
    event_key: str = ""


@event("view")
class ViewEvent(WeChatEvent):
    event_key: str = ""
    menu_id: int | None = None


class ScanCodeEvent(AnswerableEvent):
    event_key: str = ""
    scan_code_info: ScanCodeInfo


@event("scancode_push")
class ScanCodePushEvent(ScanCodeEvent):
    """The client handles the scan result itself and shows no reply."""

    answerable: ClassVar[bool] = False


@event("scancode_waitmsg")
class ScanCodeWaitMsgEvent(ScanCodeEvent):
    pass


class PicEvent(AnswerableEvent):
    event_key: str = ""
    send_pics_info: SendPicsInfo


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
    event_key: str = ""
    send_location_info: SendLocationInfo


@event("view_miniprogram")
class ViewMiniProgramEvent(WeChatEvent):
    event_key: str = ""
    menu_id: int | None = None


@event("templatesendjobfinish")
class TemplateSendJobFinishEvent(WeChatEvent):
    """The outcome of a template message: ``status`` success, failed:user block, failed: system failed."""

    status: str


@event("masssendjobfinish")
class MassSendJobFinishEvent(WeChatEvent):
    status: str
    total_count: int = 0
    filter_count: int = 0
    sent_count: int = 0
    error_count: int = 0
