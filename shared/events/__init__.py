"""Typed, normalized WeChat callbacks: models, their registry, and XML → event."""

# The model modules register their types on import.
from shared.events import events as _events  # noqa: F401
from shared.events import messages as _messages  # noqa: F401
from shared.events.base import WeChatEvent
from shared.events.normalize import InvalidCallback, event_from_xml_fields
from shared.events.registry import model_for

__all__ = ["InvalidCallback", "WeChatEvent", "event_from_xml_fields", "model_for"]
