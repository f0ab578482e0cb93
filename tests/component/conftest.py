"""Component tests: one service (or the fake WeChat) through ``aiohttp_client``; fixtures in tests/conftest.py."""

import pytest

from tests.component.fake_account import OTHER_APP_ID, Api
from tests.conftest import FakeWeChat


@pytest.fixture
async def api(fake_wechat: FakeWeChat) -> Api:
    return await Api(fake_wechat, fake_wechat.app_id, fake_wechat.app_secret).renew()


@pytest.fixture
async def other_api(fake_wechat: FakeWeChat) -> Api:
    """A second account on the same fake, for openids that belong to another app."""
    await fake_wechat.control("apps", {"app_id": OTHER_APP_ID, "app_secret": "other-secret-9f1e"})
    return await Api(fake_wechat, OTHER_APP_ID, "other-secret-9f1e").renew()
