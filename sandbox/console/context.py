"""The console's state, reached from handlers through typed app keys."""

import itertools
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from sandbox.console.config import ConsoleConfig
from sandbox.console.events import EventLog
from sandbox.console.timeline import Timeline


def message_ids() -> Iterator[int]:
    """Unique 63-bit MsgIds, from a random start: no clash with an earlier run's in the gateway's de-dup."""
    return itertools.count((1 << 61) + secrets.randbits(60))


@dataclass
class Console:
    config: ConsoleConfig
    events: EventLog
    timeline: Timeline = field(default_factory=Timeline)
    msg_ids: Iterator[int] = field(default_factory=message_ids)
    # Callbacks carry real time: the gateway checks their timestamp against its own clock.
    wall: Callable[[], float] = time.time


CONSOLE = web.AppKey("sandbox_console", Console)
HTTP = web.AppKey("sandbox_console_http", aiohttp.ClientSession)
