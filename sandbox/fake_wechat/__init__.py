"""A fake of ``api.weixin.qq.com``: a real HTTP server that answers like WeChat, plus a ``/_control/`` API.

Point ``WECHAT_API_BASE`` at it. Run it with ``python -m sandbox.fake_wechat`` or, in tests,
``create_app(FakeWeChatConfig(apps=...), clock=ManualClock())`` behind ``aiohttp_client``/``aiohttp_server``.
"""

from sandbox.fake_wechat.app import create_app
from sandbox.fake_wechat.clock import Clock, ManualClock, SystemClock
from sandbox.fake_wechat.config import FakeApp, FakeWeChatConfig
from sandbox.fake_wechat.context import FAKE, FakeContext
from sandbox.fake_wechat.errors import ApiError, ErrCode

__all__ = [
    "FAKE",
    "ApiError",
    "Clock",
    "ErrCode",
    "FakeApp",
    "FakeContext",
    "FakeWeChatConfig",
    "ManualClock",
    "SystemClock",
    "create_app",
]
