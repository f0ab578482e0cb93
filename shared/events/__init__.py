"""Typed, normalized WeChat callbacks: models, their registry, and XML → event."""

# The model modules register their types on import.
from shared.events import cards as _cards  # noqa: F401
from shared.events import customer_service as _customer_service  # noqa: F401
from shared.events import devices as _devices  # noqa: F401
from shared.events import events as _events  # noqa: F401
from shared.events import invoices as _invoices  # noqa: F401
from shared.events import jobs as _jobs  # noqa: F401
from shared.events import messages as _messages  # noqa: F401
from shared.events import places as _places  # noqa: F401
from shared.events import products as _products  # noqa: F401
from shared.events import subscriptions as _subscriptions  # noqa: F401
from shared.events import verification as _verification  # noqa: F401
from shared.events.base import WeChatEvent
from shared.events.normalize import InvalidCallback, event_from_xml_fields
from shared.events.registry import model_for

__all__ = ["InvalidCallback", "WeChatEvent", "event_from_xml_fields", "model_for"]
