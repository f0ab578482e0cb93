"""非税缴费 (group ``nontax``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving a notice
from the finance system through an order, its payment, partial and full refunds and the day's statement."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE, ManualClock
from sandbox.fake_wechat.nontax.state import NonTax
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.transport import ProxyTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("nontax")
INVALID_ARGS = 40097
# A fresh account, the examples called in catalogue order: the finance system holds no receivable, the
# docs' order id and realname token are unknown; the placed orders and the test notifications succeed.
FRESH_REFUSALS = {
    "nontax/queryfee": INVALID_ARGS, "nontax/getorder": INVALID_ARGS, "nontax/refund": INVALID_ARGS,
    "nontax/notifyinconsistentorder": INVALID_ARGS, "nontax/getrealname": INVALID_ARGS,
}  # fmt: skip


def own(example: dict[str, Any] | None, app_id: str) -> dict[str, Any]:
    """The docs' example as the calling account sends it: its own ``appid``."""
    body = dict(example or {})
    return {**body, "appid": app_id} if "appid" in body else body


def nontax(fake_wechat: FakeWeChat) -> NonTax:
    state: NonTax = fake_wechat.app[FAKE].state.nontax
    return state


async def test_every_endpoint_reaches_the_fake_and_answers_in_wechats_shape(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    assert len(ENDPOINTS) == 11
    statuses: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        response = await proxy.post(
            f"/v1/apps/{app_id}/wechat/{endpoint.path}", json=own(endpoint.example, app_id), headers=AUTH
        )
        assert response.status == 200, (endpoint.path, await response.text())
        assert wire(fake_wechat)[-1].path == f"/{endpoint.path}"
        if response.content_type == "text/plain":  # downloadbill: the statement itself
            assert (await response.text()).startswith("交易时间,公众账号ID,商户号")
            statuses[endpoint.path] = 0
            continue
        answer = await response.json()
        assert "errcode" in answer and answer["errcode"] != 47001, (endpoint.path, answer)
        statuses[endpoint.path] = int(answer["errcode"])
    assert statuses == {endpoint.path: FRESH_REFUSALS.get(endpoint.path, 0) for endpoint in ENDPOINTS}
    orders = await proxy.post(
        f"/v1/apps/{app_id}/wechat/nontax/getorderlist",
        json=own(default_catalogue()["nontax/getorderlist"].example, app_id), headers=AUTH,
    )  # fmt: skip
    listed = await orders.json()
    assert len(listed["order_id_list"]) == 2 and listed["paid_order_id"] == listed["order_id_list"][1]  # micropay


async def test_the_group_is_listed_as_posts_with_its_reads_retry_safe(proxy: Client) -> None:
    listed = await (await proxy.get("/v1/endpoints", headers=AUTH)).json()
    rows = {row["path"]: row for row in listed["endpoints"] if row["group"] == "nontax"}
    reads = {"nontax/queryfee", "nontax/getorder", "nontax/downloadbill", "nontax/getorderlist", "nontax/getrealname"}
    assert {path for path, row in rows.items() if not row["changes"]} == reads
    assert all(row["method"] == "POST" and not row["deprecated"] for row in rows.values())


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with aiohttp.ClientSession() as session:
        yield WeChatApi(ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY), fake_wechat.app_id)


def test_the_fake_clock_is_manual(fake_wechat: FakeWeChat) -> None:
    assert isinstance(fake_wechat.clock, ManualClock)
