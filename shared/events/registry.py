"""Which model a callback becomes, by MsgType or Event: registered, not if-chained."""

from collections.abc import Callable
from typing import TypeVar

from shared.events.base import WeChatEvent

E = TypeVar("E", bound=type[WeChatEvent])

MESSAGE_MODELS: dict[str, type[WeChatEvent]] = {}
EVENT_MODELS: dict[str, type[WeChatEvent]] = {}


def message(msg_type: str) -> Callable[[E], E]:
    def register(model: E) -> E:
        MESSAGE_MODELS[msg_type] = model
        return model

    return register


def event(name: str) -> Callable[[E], E]:
    def register(model: E) -> E:
        EVENT_MODELS[name] = model
        return model

    return register


class UnknownEvent(WeChatEvent):
    """A MsgType or Event this platform has no model for: published all the same."""


def model_for(msg_type: str, event_name: str | None) -> type[WeChatEvent]:
    """The registered model (the package's import of its model modules fills the registries),
    or ``UnknownEvent``."""
    if msg_type == "event":
        return EVENT_MODELS.get(event_name or "", UnknownEvent)
    return MESSAGE_MODELS.get(msg_type, UnknownEvent)
