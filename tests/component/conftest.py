"""Component fixtures: the fake WeChat on a real loopback port, with a manual clock for time travel.

Services under test reach it at ``fake_wechat.base_url`` (their ``WECHAT_API_BASE``); tests
drive it through ``fake_wechat.client`` and its ``/_control/`` API, and move time with
``fake_wechat.clock.advance(seconds)``.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE, FakeApp, FakeWeChatConfig, ManualClock, create_app
from sandbox.fake_wechat.state import FakeWeChatState

FAKE_APP_SECRET = "fake-wechat-secret-3c5e0a9d7b21"


@dataclass
class FakeWeChat:
    client: TestClient[Any, Any]
    app: web.Application
    clock: ManualClock
    app_id: str
    app_secret: str

    @property
    def base_url(self) -> str:
        return str(self.client.make_url("")).rstrip("/")

    @property
    def state(self) -> FakeWeChatState:
        return self.app[FAKE].state

    async def control(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """POST to ``/_control/{path}`` (GET when ``body`` is None) and return the JSON answer."""
        url = f"/_control/{path}"
        response = await (self.client.get(url) if body is None else self.client.post(url, json=body))
        assert response.status == 200, await response.text()
        return await response.json()

    async def access_token(self) -> str:
        query = {"grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret}
        answer = await (await self.client.get("/cgi-bin/token", params=query)).json()
        return str(answer["access_token"])


@pytest.fixture
def wechat_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake_wechat_config(app_id: str) -> FakeWeChatConfig:
    return FakeWeChatConfig(apps=(FakeApp(app_id=app_id, app_secret=FAKE_APP_SECRET),))


@pytest.fixture
async def fake_wechat(
    aiohttp_client: Any, fake_wechat_config: FakeWeChatConfig, wechat_clock: ManualClock, app_id: str
) -> FakeWeChat:
    app = create_app(fake_wechat_config, clock=wechat_clock)
    return FakeWeChat(await aiohttp_client(app), app, wechat_clock, app_id, FAKE_APP_SECRET)
