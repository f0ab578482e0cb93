"""Messages of WeChat's hardware platform (微信硬件): a device's data (``device_text``) and its
binding or status subscription (``device_event``). ``content`` is base64 as WeChat sent it.

A device_event's own ``<Event>`` (bind, unbind, subscribe_status, unsubscribe_status) is kept as
``wechat_event``: ``event`` is null for every message.
"""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import message


class DeviceMessage(WeChatEvent):
    """``device_type`` the account's original id, ``device_id`` the vendor's, ``open_id`` the follower."""

    device_type: OrAsSent[str] | None
    device_id: OrAsSent[str] | None
    open_id: OrAsSent[str] | None
    session_id: OrAsSent[int] | None = None
    content: OrAsSent[str] | None = None


@message("device_text")
class DeviceTextMessage(DeviceMessage):
    pass


@message("device_event")
class DeviceEventMessage(DeviceMessage):
    """``op_type`` (status subscriptions) 0 unsubscribe, 1 heartbeat, 2 subscribe."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("device_type", "device_id")

    wechat_event: OrAsSent[str] | None
    op_type: OrAsSent[int] | None = None
