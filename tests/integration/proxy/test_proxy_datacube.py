"""The statistics reports through the API proxy (``/v1/apps/{app_id}/wechat/datacube/...``): forwarded as
catalogued reads (a -1 asked again), WeChat's date errors back as they are, listed in ``/v1/endpoints``,
the card reports' examples with their filters, and the typed API's range helper over ``ProxyTransport``."""

from datetime import date, timedelta
from typing import Any

from aiohttp.test_utils import TestClient

from sandbox.fake_wechat.datacube_cards import card_ids
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.datacube_rows import CARD_INFO, USER_CUMULATE
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
YESTERDAY = date(2023, 11, 14)  # the fake's manual clock: 2023-11-15 in China
WEEK = {"begin_date": "2023-11-08", "end_date": "2023-11-14"}
CARD_REPORTS = [e for e in default_catalogue().in_group("datacube") if e.path.startswith("datacube/getcard")]


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
    assert len(reports) == 25
    assert all((row["method"], row["changes"], row["deprecated"]) == ("POST", False, False) for row in reports)


async def test_the_typed_range_helper_over_the_proxy(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    first = YESTERDAY - timedelta(days=29)
    totals = await api.datacube.across(USER_CUMULATE, first, YESTERDAY)
    assert [row.ref_date for row in totals] == [(first + timedelta(days=i)).isoformat() for i in range(30)]
    assert len(wire(fake_wechat)) == 5  # 7 + 7 + 7 + 7 + 2 days


async def test_every_card_reports_example_answers_its_rows_for_a_week_wechat_has(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    """The examples' filters over the fake's last week (their own 2025 dates are after the fake's today)."""
    assert len(CARD_REPORTS) == 4
    days_listed: dict[str, int] = {}
    for endpoint in CARD_REPORTS:
        assert endpoint.example is not None
        answer = await post(proxy, app_id, endpoint.path.removeprefix("datacube/"), {**endpoint.example, **WEEK})
        assert "errcode" not in answer, (endpoint.path, answer)
        days_listed[endpoint.path] = len({row["ref_date"] for row in answer["list"]})
    # The docs' example card is not the account's: one member card's report has no rows for it.
    assert days_listed == {
        "datacube/getcardbizuininfo": 7, "datacube/getcardcardinfo": 7, "datacube/getcardmembercardinfo": 7,
        "datacube/getcardmembercarddetail": 0,
    }  # fmt: skip
    assert await post(proxy, app_id, "getcardbizuininfo", WEEK) == {
        "errcode": 40097, "errmsg": "invalid args, cond_source",
    }  # fmt: skip
    too_long = {"begin_date": "2023-09-13", "end_date": "2023-11-14", "cond_source": 1}  # 63 days
    assert await post(proxy, app_id, "getcardcardinfo", too_long) == {"errcode": 61501, "errmsg": "date range error"}


async def test_the_typed_card_reports_over_the_proxy(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    first = YESTERDAY - timedelta(days=99)
    coupons = await api.datacube.across(CARD_INFO, first, YESTERDAY, cond_source=1)
    assert len(wire(fake_wechat)) == 2  # 62 + 38 days
    assert [row.ref_date for row in coupons[::3]] == [(first + timedelta(days=i)).isoformat() for i in range(100)]
    assert {row.card_id for row in coupons} == set(card_ids(fake_wechat.app_id, 1))
    week = YESTERDAY - timedelta(days=6)
    totals = await api.datacube.card_biz_summary(week, YESTERDAY, cond_source=1)
    for total in totals:
        same_day = [row for row in coupons if row.ref_date == total.ref_date]
        assert total.receive_cnt == sum(row.receive_cnt for row in same_day)
        assert total.verify_user <= total.verify_cnt
    member = card_ids(fake_wechat.app_id, 0, member=True)[0]
    (detail,) = await api.datacube.member_card_detail(YESTERDAY, card_id=member)
    (summary,) = await api.datacube.member_card_summary(YESTERDAY, cond_source=0)
    assert (detail.cardid, detail.receive_cnt, detail.total_user) == (member, summary.receive_cnt, summary.total_user)
    assert detail.fee <= detail.pay_original_fee
    one = await api.datacube.card_summary(YESTERDAY, cond_source=1, card_id=coupons[0].card_id)
    assert [row.card_id for row in one] == [coupons[0].card_id]
