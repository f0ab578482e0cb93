"""Subscription notices (订阅通知): a follower answered the popup, changed a choice in the
settings, or a notice was sent. Each carries one ``<List>`` per template, a JSON list under
``list`` also when there is one."""

from typing import ClassVar

from pydantic import Field

from shared.events.base import CallbackFields, WeChatEvent
from shared.events.lenient import OrAsSent, Repeated
from shared.events.registry import event


class SubscribeChoice(CallbackFields):
    """``subscribe_status_string`` accept or reject."""

    template_id: OrAsSent[str] | None
    subscribe_status_string: OrAsSent[str] | None


class PopupChoice(SubscribeChoice):
    """``popup_scene`` 0 from the profile page, 1 from an article's popup, 2 from a web page."""

    popup_scene: OrAsSent[int] | None


class SentNotice(CallbackFields):
    """``error_status`` success, failed:user block or failed:system failed (``error_code``)."""

    template_id: OrAsSent[str] | None
    msg_id: OrAsSent[int] | None
    error_code: OrAsSent[int] | None
    error_status: OrAsSent[str] | None


class PopupChoices(CallbackFields):
    list: OrAsSent[Repeated[PopupChoice]] = Field(default_factory=list)


class SubscribeChoices(CallbackFields):
    list: OrAsSent[Repeated[SubscribeChoice]] = Field(default_factory=list)


class SentNotices(CallbackFields):
    list: OrAsSent[Repeated[SentNotice]] = Field(default_factory=list)


@event("subscribe_msg_popup_event")
class SubscribeMsgPopupEvent(WeChatEvent):
    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("subscribe_msg_popup_event",)

    subscribe_msg_popup_event: OrAsSent[PopupChoices] | None


@event("subscribe_msg_change_event")
class SubscribeMsgChangeEvent(WeChatEvent):
    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("subscribe_msg_change_event",)

    subscribe_msg_change_event: OrAsSent[SubscribeChoices] | None


@event("subscribe_msg_sent_event")
class SubscribeMsgSentEvent(WeChatEvent):
    """Two notices sent to one follower can be reported in the same second: their MsgIDs tell them apart."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("subscribe_msg_sent_event",)

    subscribe_msg_sent_event: OrAsSent[SentNotices] | None
