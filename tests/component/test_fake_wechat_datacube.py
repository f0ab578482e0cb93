"""The fake WeChat's statistics reports (POST /datacube/...): WeChat's shapes, its date rules (61500 date
format error, 61501 date range error: reversed, reaching today, past the span), figures that agree
across reports and calls, the fake's own followers counted on their subscribe day, weeks and months
only once over, the 2025 article reports empty before 2025-11-01, and the edge (counts, faults)."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest

from sandbox.fake_wechat import datacube
from sandbox.fake_wechat.app import create_app
from sandbox.fake_wechat.clock import ManualClock
from sandbox.fake_wechat.config import FakeApp, FakeWeChatConfig
from sandbox.fake_wechat.datacube_figures import AccountFigures
from tests.component.fake_account import Api
from tests.conftest import FakeWeChat

# The fake's manual clock starts at 1_700_000_000: 2023-11-15 06:13 in China.
TODAY = date(2023, 11, 15)
YESTERDAY = TODAY - timedelta(days=1)

ROW_FIELDS = {
    "getusersummary": {"ref_date", "user_source", "new_user", "cancel_user"},
    "getusercumulate": {"ref_date", "cumulate_user"},
    "getarticlesummary": {"ref_date", "msgid", "title", "int_page_read_user", "int_page_read_count",
                          "ori_page_read_user", "ori_page_read_count", "share_user", "share_count",
                          "add_to_fav_user", "add_to_fav_count"},
    "getarticletotal": {"ref_date", "msgid", "title", "details"},
    "getuserread": {"ref_date", "user_source", "int_page_read_user", "int_page_read_count", "share_user",
                    "share_count"},
    "getuserreadhour": {"ref_date", "ref_hour", "user_source", "int_page_read_user", "int_page_read_count",
                        "share_user", "share_count"},
    "getusershare": {"ref_date", "share_scene", "share_count", "share_user"},
    "getusersharehour": {"ref_date", "ref_hour", "share_scene", "share_count", "share_user"},
    "getupstreammsg": {"ref_date", "msg_type", "msg_user", "msg_count"},
    "getupstreammsghour": {"ref_date", "ref_hour", "msg_type", "msg_user", "msg_count"},
    "getupstreammsgweek": {"ref_date", "msg_type", "msg_user", "msg_count"},
    "getupstreammsgmonth": {"ref_date", "msg_type", "msg_user", "msg_count"},
    "getupstreammsgdist": {"ref_date", "count_interval", "msg_user"},
    "getupstreammsgdistweek": {"ref_date", "count_interval", "msg_user"},
    "getupstreammsgdistmonth": {"ref_date", "count_interval", "msg_user"},
    "getinterfacesummary": {"ref_date", "callback_count", "fail_count", "total_time_cost", "max_time_cost"},
    "getinterfacesummaryhour": {"ref_date", "ref_hour", "callback_count", "fail_count", "total_time_cost",
                                "max_time_cost"},
}  # fmt: skip
# The all-sources row (99999999) of getuserread also carries the "read more" page and favourites, as WeChat's does.
ALL_SOURCES_ONLY = {"ori_page_read_user", "ori_page_read_count", "add_to_fav_user", "add_to_fav_count"}
NEW_ARTICLE_REPORTS = ("getarticleread", "getarticleshare", "getbizsummary", "getarticletotaldetail")


def span(report: str, end: date = YESTERDAY, days: int | None = None) -> dict[str, str]:
    """The longest legal range of ``report`` ending ``end`` (or ``days`` long)."""
    length = days if days is not None else datacube.REPORTS[report][0]
    return {"begin_date": (end - timedelta(days=length - 1)).isoformat(), "end_date": end.isoformat()}


async def report(api: Api, name: str, body: Any) -> dict[str, Any]:
    return await api.post(f"/datacube/{name}", body)


# -- shapes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ROW_FIELDS))
async def test_each_report_answers_its_rows_within_the_range_asked(api: Api, name: str) -> None:
    body = span(name)
    if name == "getarticletotal":  # articles sent that day: find a day the account sent some
        for end in (YESTERDAY - timedelta(days=back) for back in range(7)):
            if (await report(api, name, body := span(name, end)))["list"]:
                break
    answer = await report(api, name, body)
    assert set(answer) == {"list"}
    rows = answer["list"]
    periodic = name.endswith(("week", "month"))
    assert rows or periodic  # every day has figures; a week or a month only once it is over
    for row in rows:
        extra = ALL_SOURCES_ONLY if name == "getuserread" and row["user_source"] == 99999999 else set()
        assert set(row) == ROW_FIELDS[name] | extra, row
        assert body["begin_date"] <= row["ref_date"] <= body["end_date"]
        assert all(isinstance(value, int) for key, value in row.items() if key not in ("ref_date", "msgid", "title",
                                                                                       "details"))  # fmt: skip
        if "ref_hour" in row:
            assert row["ref_hour"] in range(0, 2400, 100)


async def test_the_2025_article_reports_are_empty_before_their_data_begins(api: Api) -> None:
    for name in NEW_ARTICLE_REPORTS:
        assert await report(api, name, span(name)) == {"list": [], "is_delay": False}


async def test_the_2025_article_reports_have_rows_once_they_have_data(aiohttp_client: Any, app_id: str) -> None:
    clock = ManualClock(datetime(2026, 12, 4, 2, tzinfo=UTC).timestamp())  # 10:00 in China
    app = create_app(FakeWeChatConfig(apps=(FakeApp(app_id=app_id, app_secret="s3cret-2026"),)), clock=clock)
    api = await Api(
        FakeWeChat(await aiohttp_client(app), app, clock, app_id, "s3cret-2026"), app_id, "s3cret-2026"
    ).renew()
    end = date(2026, 12, 3)
    summary = await report(api, "getbizsummary", span("getbizsummary", end))
    assert [row["ref_date"] for row in summary["list"]] == [
        (end - timedelta(days=29 - i)).isoformat() for i in range(30)
    ]
    assert summary["is_delay"] is False
    detail = summary["list"][-1]["detail"]
    assert {"read_user", "read_user_source", "share_user", "like_user", "comment_count", "send_page_count"} <= set(
        detail
    )
    reads = (await report(api, "getarticleread", span("getarticleread", end)))["list"]
    assert reads
    for row in reads:
        everyone = {"scene_desc": "全部", "user_count": row["detail"]["read_user"]}
        assert row["detail"]["read_user_source"][0] == everyone
    assert sum(row["detail"]["read_user"] for row in reads) == detail["read_user"]
    shares = (await report(api, "getarticleshare", span("getarticleshare", end)))["list"]
    assert {row["msgid"] for row in shares} <= {row["msgid"] for row in reads}

    async def published_on(day: date) -> list[dict[str, Any]]:
        answer = await report(api, "getarticletotaldetail", span("getarticletotaldetail", day))
        rows: list[dict[str, Any]] = answer["list"]
        return rows

    for published in (end - timedelta(days=back) for back in range(7)):  # at least one article a week
        if sent := await published_on(published):
            break
    first = sent[0]
    stat_dates = [item["stat_date"] for item in first["detail_list"]]
    assert (
        stat_dates[0] == published.isoformat()
        and stat_dates[-1] == min(published + timedelta(days=29), end).isoformat()
    )
    assert [item["read_user"] for item in first["detail_list"]] == sorted(
        item["read_user"] for item in first["detail_list"]
    )


# -- WeChat's date rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"begin_date": "2023/11/01", "end_date": "2023/11/01"},
        {"begin_date": "20231101", "end_date": "20231101"},
        {"begin_date": "2023-02-30", "end_date": "2023-03-01"},
        {"begin_date": 20231101, "end_date": "2023-11-01"},
        {"begin_date": "2023-11-01"},
        {},
    ],
)
async def test_a_date_wechat_cannot_read_is_61500(api: Api, body: dict[str, Any]) -> None:
    assert await report(api, "getusersummary", body) == {"errcode": 61500, "errmsg": "date format error"}


@pytest.mark.parametrize("name", sorted(datacube.REPORTS))
async def test_a_range_past_the_span_reversed_or_reaching_today_is_61501(api: Api, name: str) -> None:
    max_days = datacube.REPORTS[name][0]
    refused = {"errcode": 61501, "errmsg": "date range error"}
    assert await report(api, name, span(name, days=max_days + 1)) == refused
    assert await report(api, name, span(name, end=TODAY, days=1)) == refused
    assert await report(api, name, {"begin_date": "2023-11-10", "end_date": "2023-11-09"}) == refused
    assert "errcode" not in await report(api, name, span(name))


async def test_a_body_that_is_not_json_a_missing_token_and_a_get_are_refused(api: Api) -> None:
    response = await api.fake.client.post("/datacube/getusersummary", params={"access_token": api.token}, data=b"{")
    assert (await response.json())["errcode"] == 47001
    without_token = await api.fake.client.post("/datacube/getusersummary", json=span("getusersummary"))
    assert (await without_token.json())["errcode"] == 41001
    assert (await api.fake.client.get("/datacube/getusersummary", params={"access_token": api.token})).status == 405


async def test_the_edge_counts_datacube_calls_and_injects_their_faults(api: Api) -> None:
    await api.fake.control("fail", {"path": "/datacube/getusercumulate", "errcode": -1, "count": 1})
    assert (await report(api, "getusercumulate", span("getusercumulate")))["errcode"] == -1
    assert "list" in await report(api, "getusercumulate", span("getusercumulate"))
    calls = await api.fake.control("calls")
    assert calls["/datacube/getusercumulate"][api.app_id] == 2


# -- the figures ----------------------------------------------------------------------------------


async def test_the_figures_are_the_same_on_every_call_and_differ_between_accounts(api: Api, other_api: Api) -> None:
    body = span("getupstreammsg")
    assert await report(api, "getupstreammsg", body) == await report(api, "getupstreammsg", body)
    assert await report(api, "getupstreammsg", body) != await report(other_api, "getupstreammsg", body)


async def test_new_minus_lost_followers_is_the_change_of_the_total(api: Api) -> None:
    summary = (await report(api, "getusersummary", span("getusersummary")))["list"]
    totals = (await report(api, "getusercumulate", span("getusercumulate", end=YESTERDAY, days=7)))["list"]
    net: dict[str, int] = defaultdict(int)
    for row in summary:
        net[row["ref_date"]] += row["new_user"] - row["cancel_user"]
    cumulate = {row["ref_date"]: row["cumulate_user"] for row in totals}
    days = sorted(cumulate)
    assert [cumulate[later] - cumulate[earlier] for earlier, later in pairwise(days)] == [
        net[later] for later in days[1:]
    ]
    assert all(row["cancel_user"] == 0 for row in summary if row["user_source"] != 0)


async def test_hours_add_up_to_their_day_and_weeks_to_their_days(api: Api) -> None:
    daily = (await report(api, "getupstreammsg", span("getupstreammsg", days=1)))["list"]
    hourly = (await report(api, "getupstreammsghour", span("getupstreammsghour")))["list"]
    for row in daily:
        in_hours = [hour for hour in hourly if hour["msg_type"] == row["msg_type"]]
        assert sum(hour["msg_count"] for hour in in_hours) == row["msg_count"]
        assert all(hour["msg_user"] <= hour["msg_count"] for hour in in_hours)
    calls = (await report(api, "getinterfacesummary", span("getinterfacesummary", days=1)))["list"][0]
    calls_hourly = (await report(api, "getinterfacesummaryhour", span("getinterfacesummaryhour")))["list"]
    assert sum(hour["callback_count"] for hour in calls_hourly) == calls["callback_count"]
    assert calls["callback_count"] >= sum(row["msg_count"] for row in daily)

    weeks = (await report(api, "getupstreammsgweek", span("getupstreammsgweek")))["list"]
    mondays = sorted({row["ref_date"] for row in weeks})
    assert mondays and all(date.fromisoformat(monday).weekday() == 0 for monday in mondays)
    assert date.fromisoformat(mondays[-1]) + timedelta(days=6) < TODAY  # a week shows only once it is over
    monday = date.fromisoformat(mondays[-1])
    days = (await report(api, "getupstreammsg", span("getupstreammsg", end=monday + timedelta(days=6))))["list"]
    for row in (row for row in weeks if row["ref_date"] == monday.isoformat()):
        same_type = [day for day in days if day["msg_type"] == row["msg_type"]]
        assert row["msg_count"] == sum(day["msg_count"] for day in same_type)
        assert max(day["msg_user"] for day in same_type) <= row["msg_user"] <= sum(day["msg_user"] for day in same_type)


async def test_a_month_is_dated_its_first_day_and_shows_once_it_is_over(api: Api) -> None:
    october = await report(api, "getupstreammsgmonth", {"begin_date": "2023-10-01", "end_date": "2023-10-05"})
    assert october["list"] and {row["ref_date"] for row in october["list"]} == {"2023-10-01"}
    late = await report(api, "getupstreammsgmonth", {"begin_date": "2023-10-02", "end_date": "2023-10-31"})
    assert late == {"list": []}  # the 1st is outside the range
    november = await report(api, "getupstreammsgdistmonth", {"begin_date": "2023-11-01", "end_date": "2023-11-14"})
    assert november == {"list": []}  # not over yet


async def test_the_fakes_own_followers_count_on_the_day_they_subscribed(api: Api) -> None:
    await api.seed(count=3, subscribe_scene="ADD_SCENE_QR_CODE")
    await api.seed(count=2, subscribe_scene="ADD_SCENE_SEARCH", unfollow=[])
    api.fake.clock.advance(86_400)  # the day they came is over
    await api.renew()
    seeded_only = AccountFigures(api.app_id).follows(TODAY)
    summary = (await report(api, "getusersummary", span("getusersummary", end=TODAY, days=1)))["list"]
    new = {row["user_source"]: row["new_user"] for row in summary}
    assert new.get(30, 0) == seeded_only.new.get(30, 0) + 3
    assert new.get(1, 0) == seeded_only.new.get(1, 0) + 2
    totals = (await report(api, "getusercumulate", span("getusercumulate", end=TODAY, days=2)))["list"]
    assert [row["cumulate_user"] for row in totals] == [
        AccountFigures(api.app_id).follows(YESTERDAY).cumulate, seeded_only.cumulate + 5,
    ]  # fmt: skip
