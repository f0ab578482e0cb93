"""Stores and what happens in them: a store's review (门店), a follower on the store's Wi-Fi,
a follower shaking their phone near the account's beacons (摇一摇周边)."""

from typing import ClassVar

from pydantic import Field

from shared.events.base import CallbackFields, WeChatEvent
from shared.events.lenient import OrAsSent, Repeated
from shared.events.registry import event


@event("poi_check_notify")
class PoiCheckNotifyEvent(WeChatEvent):
    """``result`` succ or fail; ``uniq_id`` the merchant's own id (sid), ``poi_id`` WeChat's."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("uniq_id", "poi_id")

    uniq_id: OrAsSent[str] | None
    poi_id: OrAsSent[str] | None
    result: OrAsSent[str] | None
    msg: OrAsSent[str] | None = None


@event("wificonnected")
class WifiConnectedEvent(WeChatEvent):
    """``shop_id`` the store, ``device_no`` the access point's MAC (bssid); older pages of the
    documentation call the store ``PlaceId``."""

    connect_time: OrAsSent[int] | None
    expire_time: OrAsSent[int] | None = None
    vendor_id: OrAsSent[str] | None = None
    shop_id: OrAsSent[str] | None = None
    place_id: OrAsSent[str] | None = None
    device_no: OrAsSent[str] | None = None


class Beacon(CallbackFields):
    """A beacon and the follower's distance to it, in metres."""

    uuid: OrAsSent[str] | None
    major: OrAsSent[int] | None
    minor: OrAsSent[int] | None
    distance: OrAsSent[float] | None


class AroundBeacons(CallbackFields):
    around_beacon: OrAsSent[Repeated[Beacon]] = Field(default_factory=list)


@event("shakearoundusershake")
class ShakearoundUserShakeEvent(WeChatEvent):
    """The beacon whose page was shown, and up to five more of the account's around the follower
    (``around_beacons.around_beacon``, a list also when there is one)."""

    chosen_beacon: OrAsSent[Beacon] | None
    around_beacons: OrAsSent[AroundBeacons] | None = None
    chosen_page_id: OrAsSent[int] | None = None
