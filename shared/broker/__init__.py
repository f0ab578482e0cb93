"""The broker port and its two adapters (``rabbitmq``, ``memory``); see ``port``."""

from shared.broker.port import (
    PERSISTENT,
    TRANSIENT,
    Broker,
    Handler,
    IncomingMessage,
    Message,
    PendingReply,
    PublishFailed,
    Subscription,
    Unroutable,
)

__all__ = [
    "PERSISTENT",
    "TRANSIENT",
    "Broker",
    "Handler",
    "IncomingMessage",
    "Message",
    "PendingReply",
    "PublishFailed",
    "Subscription",
    "Unroutable",
]
