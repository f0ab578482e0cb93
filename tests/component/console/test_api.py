"""The console's other reads: accounts, bus events, the stats proxy, and the pages with their assets."""

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest

from sandbox.console import EventLog, create_sandbox_app
from sandbox.console.accounts import original_id
from sandbox.fake_wechat import FakeWeChatConfig
from tests.component.console.conftest import COUNTS, INTERNAL_KEY, Sandbox, console_config


async def test_accounts_list_their_modes_and_safe_by_default(sandbox: Sandbox) -> None:
    accounts = (await sandbox.get("/sandbox/api/accounts"))["accounts"]
    by_id = {a["app_id"]: a for a in accounts}
    assert by_id[sandbox.account.app_id] == {
        "app_id": sandbox.account.app_id,
        "name": "test",
        "original_id": original_id(sandbox.account.app_id),
        "modes": ["plaintext", "compatible", "safe"],
        "default_mode": "safe",
    }
    assert by_id[sandbox.plain.app_id]["modes"] == ["plaintext"]
    assert by_id[sandbox.plain.app_id]["default_mode"] == "plaintext"


async def test_events_are_the_logs_newest_first(sandbox: Sandbox) -> None:
    for n in range(3):
        sandbox.events.append(f"wx.message.text{n}", b'{"msg_type": "text", "content": "c%d"}' % n, now=float(n))
    events = (await sandbox.get("/sandbox/api/events", limit=2))["events"]
    assert [e["routing_key"] for e in events] == ["wx.message.text2", "wx.message.text1"]
    assert events[0]["content"] == "c2"
    assert (await sandbox.get("/sandbox/api/events", expect=400, limit=0))["field"] == "limit"


async def test_stats_are_proxied_with_the_bearer_and_a_day_range(sandbox: Sandbox) -> None:
    body = await sandbox.get("/sandbox/api/stats", app_id=sandbox.account.app_id, days=7)
    (request,) = sandbox.dispatcher.requests
    assert request.headers["Authorization"] == f"Bearer {INTERNAL_KEY}"
    assert request.path == f"/v1/apps/{sandbox.account.app_id}/stats"
    start, end = request.query["from"], request.query["to"]
    assert date.fromisoformat(end) - date.fromisoformat(start) == timedelta(days=6)
    assert body == {
        "app_id": sandbox.account.app_id,
        "from": start,
        "to": end,
        "days": [{"app_id": sandbox.account.app_id, "date": end, **COUNTS}],
        "totals": COUNTS,
    }


@pytest.mark.parametrize(("query", "status", "field"), [({"days": 0}, 400, "days"), ({"days": "x"}, 400, "days")])
async def test_bad_stats_queries_send_nothing(sandbox: Sandbox, query: dict[str, Any], status: int, field: str) -> None:
    answer = await sandbox.get("/sandbox/api/stats", expect=status, app_id=sandbox.account.app_id, **query)
    assert answer["field"] == field
    assert sandbox.dispatcher.requests == []


async def test_stats_for_an_unknown_app_is_a_404(sandbox: Sandbox) -> None:
    await sandbox.get("/sandbox/api/stats", expect=404, app_id="wxnobody")
    assert sandbox.dispatcher.requests == []


async def test_a_dispatcher_client_error_passes_through_and_a_server_error_is_a_502(sandbox: Sandbox) -> None:
    sandbox.dispatcher.status = 401
    await sandbox.get("/sandbox/api/stats", expect=401, app_id=sandbox.account.app_id)
    sandbox.dispatcher.status = 500
    answer = await sandbox.get("/sandbox/api/stats", expect=502, app_id=sandbox.account.app_id)
    assert answer["error"] == "dispatcher_error"


async def test_stats_with_the_dispatcher_down_is_a_502(
    aiohttp_client: Any, unused_tcp_port: int, sandbox: Sandbox
) -> None:
    config = console_config(sandbox.gateway.url, f"http://127.0.0.1:{unused_tcp_port}", sandbox.account)
    client = await aiohttp_client(create_sandbox_app(config, FakeWeChatConfig(), EventLog()))
    response = await client.get("/sandbox/api/stats", params={"app_id": sandbox.account.app_id})
    answer = await response.json()
    assert response.status == 502 and answer["error"] == "dispatcher_unreachable"
    assert "dispatcher unreachable" in answer["message"]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("src", "href"):
            if values.get(name) and tag in {"script", "link", "img"}:
                self.assets.append(str(values[name]))


EXTERNAL = r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}"  # a URL with a host name: the machine has no internet
PAGES = {
    "/": {"account-select", "mode-select", "openid-input", "message-input", "send-button", "timeline", "menu"},
    "/events": {"events", "stats", "account-select", "days-select"},
}


@pytest.mark.parametrize("path", list(PAGES))
async def test_pages_carry_their_hooks_and_load_only_local_assets(sandbox: Sandbox, path: str) -> None:
    response = await sandbox.client.get(path)
    assert response.status == 200 and response.content_type == "text/html"
    page, html = _Page(), await response.text()
    page.feed(html)
    assert not re.search(EXTERNAL, html)
    assert PAGES[path] <= page.ids
    assert page.assets, "a page without its script and style"
    for asset in page.assets:
        assert asset.startswith("/sandbox/static/"), asset
        loaded = await sandbox.client.get(asset)
        assert loaded.status == 200, asset
        assert not re.search(EXTERNAL, await loaded.text()), f"{asset} reaches outside"


async def test_the_fake_wechat_still_answers_beside_the_console(sandbox: Sandbox) -> None:
    response = await sandbox.client.get("/cgi-bin/menu/get", params={"access_token": "nope"})
    assert (await response.json())["errcode"] == 40014
