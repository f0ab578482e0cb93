"""The console in one app with the fake WeChat, a capture server standing in for the gateway (it verifies
every callback with the gateway's own pure core and answers as the gateway would) and one standing in
for the dispatcher's stats API."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from sandbox.console import ConsoleConfig, EventLog, create_sandbox_app
from sandbox.fake_wechat import FakeApp, FakeWeChatConfig, ManualClock
from services.gateway.callback import Inbound, Rejected, answer, open_callback, read_params
from shared.accounts import Account
from shared.events import WeChatEvent
from shared.replies import Reply, render_reply
from tests.conftest import FAKE_APP_SECRET, TOKEN

# A menu as an operator creates it through menu/create: a click button and a group of two.
MENU = {
    "button": [
        {"type": "click", "name": "Today", "key": "V1001_TODAY"},
        {
            "name": "More",
            "sub_button": [
                {"type": "view", "name": "Site", "url": "https://www.example.com/"},
                {"type": "click", "name": "Like", "key": "V1001_GOOD"},
            ],
        },
    ]
}

INTERNAL_KEY = "internal-key-5f2a9c"
PLAIN_APP_ID = "wxconsoleplain01"
WINDOW, MAX_BYTES = 300, 64 * 1024
# One day's counts in the dispatcher's shape (services/dispatcher/analytics_counters.py Counts).
COUNTS = {
    "total": 3,
    "unique_users": 1,
    "messages": {"text": 2},
    "events": {"click": 1},
    "subscribes": 0,
    "unsubscribes": 0,
    "subscribes_by_scene": {},
    "scans_by_scene": {},
    "menu_clicks": {"V1001_TODAY": 1},
    "menu_views": {},
}


@dataclass
class Received:
    query: dict[str, str]
    body: bytes
    inbound: Inbound | None
    rejected: Rejected | None = None

    @property
    def event(self) -> WeChatEvent:
        assert self.inbound is not None, self.rejected
        return self.inbound.event


@dataclass
class CaptureGateway:
    """Verifies callbacks as the gateway does; ``reply`` decides the passive reply, ``raw`` overrides the answer."""

    accounts: dict[str, Account]
    received: list[Received] = field(default_factory=list)
    reply: Callable[[WeChatEvent], Reply | None] = lambda _event: None
    raw: Callable[[Received, bytes], web.Response] | None = None
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        query, body = dict(request.query), await request.read()
        account = self.accounts[request.match_info["app_id"]]
        try:
            params = read_params(query)
            inbound = open_callback(account, params, body, now=time.time(), window=WINDOW, max_bytes=MAX_BYTES)
        except Rejected as exc:
            self.received.append(Received(query, body, None, exc))
            return web.Response(status=exc.status, text=exc.reason)
        received = Received(query, body, inbound)
        self.received.append(received)
        reply = self.reply(inbound.event)
        xml = None
        if reply is not None:
            event = inbound.event
            xml = render_reply(reply, to_user=event.from_user, from_user=event.to_user, create_time=int(time.time()))
        sealed = answer(account, inbound, params, xml.encode() if xml else None)
        return self.raw(received, sealed) if self.raw else web.Response(body=sealed, content_type="application/xml")


@dataclass
class CaptureDispatcher:
    requests: list[web.Request] = field(default_factory=list)
    status: int = 200
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append(request)
        app_id, start, end = request.match_info["app_id"], request.query.get("from"), request.query.get("to")
        day = {"app_id": app_id, "date": end, **COUNTS}
        body = {"app_id": app_id, "from": start, "to": end, "days": [day], "totals": COUNTS}
        return web.json_response(body, status=self.status)


@dataclass
class Sandbox:
    client: TestClient[Any, Any]
    app: web.Application
    gateway: CaptureGateway
    dispatcher: CaptureDispatcher
    events: EventLog
    account: Account
    plain: Account

    async def send(self, expect: int = 200, **body: Any) -> dict[str, Any]:
        body.setdefault("app_id", self.account.app_id)
        body.setdefault("openid", "o_sandbox_tester")
        response = await self.client.post("/sandbox/api/send", json=body)
        answer: dict[str, Any] = await response.json()
        assert response.status == expect, answer
        return answer

    async def get(self, path: str, expect: int = 200, **query: Any) -> Any:
        response = await self.client.get(path, params={k: str(v) for k, v in query.items()})
        body = await response.json()
        assert response.status == expect, body
        return body

    async def timeline(self, openid: str = "o_sandbox_tester", after: int = 0) -> list[dict[str, Any]]:
        body = await self.get("/sandbox/api/timeline", app_id=self.account.app_id, openid=openid, after=after)
        items: list[dict[str, Any]] = body["items"]
        return items

    async def wechat(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """Call the fake WeChat API as the account's services would, with a fresh access_token."""
        query = {"grant_type": "client_credential", "appid": self.account.app_id, "secret": FAKE_APP_SECRET}
        token = (await (await self.client.get("/cgi-bin/token", params=query)).json())["access_token"]
        response = await self.client.request(method, path, params={"access_token": token}, json=body)
        answer: dict[str, Any] = await response.json()
        assert answer.get("errcode", 0) == 0, answer
        return answer


async def _serve(aiohttp_server: Any, route: str, handler: Any, method: str = "POST") -> str:
    app = web.Application()
    app.router.add_route(method, route, handler)
    server: TestServer = await aiohttp_server(app)
    return str(server.make_url("")).rstrip("/")


@pytest.fixture
def plain_account() -> Account:
    return Account(name="plain", app_id=PLAIN_APP_ID, token=TOKEN)


@pytest.fixture
async def gateway(aiohttp_server: Any, account: Account, plain_account: Account) -> CaptureGateway:
    capture = CaptureGateway({account.app_id: account, plain_account.app_id: plain_account})
    capture.url = await _serve(aiohttp_server, "/wechat/{app_id}", capture.handle)
    return capture


@pytest.fixture
async def dispatcher(aiohttp_server: Any) -> CaptureDispatcher:
    capture = CaptureDispatcher()
    capture.url = await _serve(aiohttp_server, "/v1/apps/{app_id}/stats", capture.handle, "GET")
    return capture


def console_config(gateway_url: str, dispatcher_url: str, *accounts: Account) -> ConsoleConfig:
    return ConsoleConfig(
        gateway_url=gateway_url,
        dispatcher_url=dispatcher_url,
        internal_api_key=INTERNAL_KEY,
        accounts={a.app_id: a for a in accounts},
    )


@pytest.fixture
async def sandbox(
    aiohttp_client: Any,
    gateway: CaptureGateway,
    dispatcher: CaptureDispatcher,
    account: Account,
    plain_account: Account,
) -> Sandbox:
    events = EventLog()
    fake = FakeWeChatConfig(
        apps=(
            FakeApp(app_id=account.app_id, app_secret=FAKE_APP_SECRET),
            FakeApp(app_id=plain_account.app_id, app_secret=FAKE_APP_SECRET),
        )
    )
    config = console_config(gateway.url, dispatcher.url, account, plain_account)
    app = create_sandbox_app(config, fake, events, clock=ManualClock())
    client = await aiohttp_client(app)
    return Sandbox(client, app, gateway, dispatcher, events, account, plain_account)
