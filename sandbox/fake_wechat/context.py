"""The fake's state and clock, reached from handlers through one typed app key."""

from dataclasses import dataclass

from aiohttp import web

from sandbox.fake_wechat.clock import Clock
from sandbox.fake_wechat.state import FakeWeChatState


@dataclass(frozen=True, slots=True)
class FakeContext:
    state: FakeWeChatState
    clock: Clock


FAKE = web.AppKey("fake_wechat", FakeContext)
