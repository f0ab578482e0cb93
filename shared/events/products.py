"""Products (扫一扫): a follower opened a product's page, entered the chat from it, or was
located after opening it; a product's review ended. ``key_standard`` (ean13, qrcode …) and
``key_str`` name the product (text: barcodes have leading zeros)."""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.events import AnswerableEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event


class ProductEvent(WeChatEvent):
    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("key_standard", "key_str")

    key_standard: OrAsSent[str] | None
    key_str: OrAsSent[str] | None
    ext_info: OrAsSent[str] | None = None


@event("user_scan_product")
class UserScanProductEvent(ProductEvent):
    """``sex`` 1 male, 2 female, 0 unknown; ``scene`` 1 scanned, 2 opened elsewhere (chat, favourites …)."""

    country: OrAsSent[str] | None = None
    province: OrAsSent[str] | None = None
    city: OrAsSent[str] | None = None
    sex: OrAsSent[int] | None = None
    scene: OrAsSent[int] | None = None


@event("user_scan_product_enter_session")
class UserScanProductEnterSessionEvent(ProductEvent, AnswerableEvent):
    """The follower opened the chat from the product's page: a passive reply is shown."""


@event("user_scan_product_async")
class UserScanProductAsyncEvent(ProductEvent):
    """``region_code`` the follower's province (administrative division code, text)."""

    region_code: OrAsSent[str] | None


@event("user_scan_product_verify_action")
class UserScanProductVerifyActionEvent(ProductEvent):
    """``result`` verify_ok or verify_not_pass (``reason_msg`` why)."""

    result: OrAsSent[str] | None
    reason_msg: OrAsSent[str] | None = None
