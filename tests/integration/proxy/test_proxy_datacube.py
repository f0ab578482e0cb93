"""The statistics reports through the API proxy (``/v1/apps/{app_id}/wechat/datacube/...``): forwarded as
catalogued reads (a -1 asked again), WeChat's date errors back as they are, listed in ``/v1/endpoints``,
and the typed API's range helper over ``ProxyTransport``."""

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient

from shared.wechat.api import WeChatApi
from shared.wechat.models.datacube_rows import USER_CUMULATE
from shared.wechat.transport import ProxyTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
YESTERDAY = date(2023, 11, 14)  # the fake's manual clock: 2023-11-15 in China
WEEK = {"begin_date": "2023-11-08", "end_date": "2023-11-14"}


async def post(proxy: Client, app_id: str, report: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await proxy.post(f"/v1/apps/{app_id}/wechat/datacube/{report}", json=body, headers=AUTH)
    assert response.status == 200, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer


async def test_a_report_is_forwarded_and_a_busy_wechat_asked_again(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    await fake_wechat.control("fail", {"path": "/datacube/getusersummary", "errcode": -1, "count": 1})
    answer = await post(proxy, app_id, "getusersummary", WEEK)
    assert {row["ref_date"] for row in answer["list"]} == {f"2023-11-{day:02d}" for day in range(8, 15)}
    assert [seen.path for seen in wire(fake_wechat)] == ["/datacube/getusersummary"] * 2


async def test_wechats_date_errors_come_back_as_they_are(proxy: Client, app_id: str) -> None:
    too_long = {"begin_date": "2023-11-07", "end_date": "2023-11-14"}
    assert await post(proxy, app_id, "getusersummary", too_long) == {"errcode": 61501, "errmsg": "date range error"}
    assert await post(proxy, app_id, "getusercumulate", {"begin_date": "2023/11/14"}) == {
        "errcode": 61500, "errmsg": "date format error",
    }  # fmt: skip


async def test_the_reports_are_listed_as_reads(proxy: Client) -> None:
    listed = await (await proxy.get("/v1/endpoints", headers=AUTH)).json()
    reports = [row for row in listed["endpoints"] if row["group"] == "datacube"]
    assert len(reports) == 21
    assert all((row["method"], row["changes"], row["deprecated"]) == ("POST", False, False) for row in reports)


@pytest.fixture
async def api(proxy: Client, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with aiohttp.ClientSession() as session:
        transport = ProxyTransport(session, proxy_url=str(proxy.make_url("")), api_key=API_KEY)
        api = WeChatApi(transport, fake_wechat.app_id)
        api.datacube.clock = fake_wechat.clock.time
        yield api


async def test_the_typed_range_helper_over_the_proxy(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    first = YESTERDAY - timedelta(days=29)
    totals = await api.datacube.across(USER_CUMULATE, first, YESTERDAY)
    assert [row.ref_date for row in totals] == [(first + timedelta(days=i)).isoformat() for i in range(30)]
    assert len(wire(fake_wechat)) == 5  # 7 + 7 + 7 + 7 + 2 days
