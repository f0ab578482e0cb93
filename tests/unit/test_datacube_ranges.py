"""The statistics reports' date rules and the range helper: each report's longest range as WeChat documents
it (and as the fake WeChat enforces it), one call's range checked before sending, any range cut into
legal windows that cover it exactly, and the windows' rows joined in order."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.fake_wechat import datacube as fake_datacube
from sandbox.fake_wechat import datacube_cards as fake_cards
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import datacube, default_catalogue
from shared.wechat.errors import WeChatError
from shared.wechat.models.datacube import DateRange, as_day, china_today, windows
from shared.wechat.models.datacube_rows import KINDS, USER_SUMMARY, UserSummaryRow
from shared.wechat.transport import Call

TODAY = date(2026, 12, 4)

# WeChat's 最大时间跨度 (数据统计: 用户分析, 图文分析, 消息分析, 接口分析; 发表内容 2025), the stricter figure where
# its pages disagree (see shared/wechat/catalogue/datacube.py).
DOCUMENTED = {
    "getusersummary": 7, "getusercumulate": 7,
    "getarticlesummary": 1, "getarticletotal": 1, "getuserread": 3, "getuserreadhour": 1, "getusershare": 7,
    "getusersharehour": 1,
    "getarticleread": 1, "getarticleshare": 1, "getbizsummary": 30, "getarticletotaldetail": 1,
    "getupstreammsg": 7, "getupstreammsghour": 1, "getupstreammsgweek": 30, "getupstreammsgmonth": 30,
    "getupstreammsgdist": 15, "getupstreammsgdistweek": 15, "getupstreammsgdistmonth": 15,
    "getinterfacesummary": 30, "getinterfacesummaryhour": 1,
    # 卡券数据统计: "查询时间区间需<=62天"
    "getcardbizuininfo": 62, "getcardcardinfo": 62, "getcardmembercardinfo": 62, "getcardmembercarddetail": 62,
}  # fmt: skip
CARD_REPORTS = {"getcardbizuininfo", "getcardcardinfo", "getcardmembercardinfo", "getcardmembercarddetail"}
THE_17 = (
    set(DOCUMENTED) - {"getarticleread", "getarticleshare", "getbizsummary", "getarticletotaldetail"} - CARD_REPORTS
)
# What each card report needs besides the range (cond_source: 0 made on the platform's pages, 1 through the API).
FILTERS: dict[str, dict[str, Any]] = {
    "getcardbizuininfo": {"cond_source": 1}, "getcardcardinfo": {"cond_source": 0},
    "getcardmembercardinfo": {"cond_source": 1}, "getcardmembercarddetail": {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"},
}  # fmt: skip


# -- the table ------------------------------------------------------------------------------------


def test_every_report_is_catalogued_as_a_retry_safe_json_post_with_its_documented_span() -> None:
    assert {report.name: report.max_days for report in datacube.REPORTS} == DOCUMENTED
    assert len(THE_17) == 17
    catalogue = default_catalogue()
    for report in datacube.REPORTS:
        endpoint = catalogue[f"datacube/{report.name}"]
        assert (endpoint.method, endpoint.group, endpoint.changes, endpoint.retry_safe) == (
            "POST",
            "datacube",
            False,
            True,
        )
        assert not endpoint.deprecated
        assert endpoint.example is not None
        example = DateRange.of(endpoint.example["begin_date"], endpoint.example["end_date"], report.max_days, TODAY)
        assert example.days <= report.max_days
        assert set(endpoint.example) - {"begin_date", "end_date"} == set(FILTERS.get(report.name, {}))


def test_the_typed_rows_and_the_fake_know_the_same_reports_and_spans() -> None:
    assert set(KINDS) == set(DOCUMENTED)
    spans = {**fake_datacube.REPORTS, **fake_cards.CARD_REPORTS}
    assert {name: span for name, (span, _) in spans.items()} == DOCUMENTED


def test_a_report_is_found_by_name_or_path_and_nothing_else() -> None:
    assert datacube.report("getusersummary") is datacube.report("datacube/getusersummary")
    for unknown in ("getnothing", "cgi-bin/getusersummary", "datacube/", ""):
        with pytest.raises(KeyError):
            datacube.report(unknown)


# -- one call's range -----------------------------------------------------------------------------


@pytest.mark.parametrize("max_days", [1, 3, 7, 15, 30])
def test_a_range_of_exactly_the_span_ending_yesterday_is_legal_one_day_more_is_not(max_days: int) -> None:
    end = TODAY - timedelta(days=1)
    begin = end - timedelta(days=max_days - 1)
    checked = DateRange.of(begin, end, max_days, TODAY)
    assert checked.days == max_days
    assert checked.body() == {"begin_date": begin.isoformat(), "end_date": end.isoformat()}
    with pytest.raises(ValueError, match=f"at most {max_days}"):
        DateRange.of(begin - timedelta(days=1), end, max_days, TODAY)


@pytest.mark.parametrize(
    ("begin", "end", "reason"),
    [
        ("2026-12-02", "2026-12-01", "after end_date"),
        ("2026-12-04", "2026-12-04", "not before today"),
        ("2026-12-03", "2026-12-05", "not before today"),
        ("2026-02-30", "2026-03-01", "not a calendar day"),
        ("20261201", "20261201", "YYYY-MM-DD"),
        (" 2026-12-01", "2026-12-01", "YYYY-MM-DD"),
    ],
)
def test_wechats_refusals_are_refused_before_sending(begin: str, end: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        DateRange.of(begin, end, 7, TODAY)


def test_a_day_is_a_date_or_its_iso_text_never_a_datetime_or_a_number() -> None:
    assert as_day("2024-02-29") == as_day(date(2024, 2, 29)) == date(2024, 2, 29)
    for wrong in (datetime(2024, 2, 29, 12), 20240229, None):
        with pytest.raises(ValueError):
            as_day(wrong)  # type: ignore[arg-type]


def test_today_is_chinas() -> None:
    assert china_today(datetime(2026, 12, 3, 15, 59, 59, tzinfo=UTC).timestamp()) == date(2026, 12, 3)
    assert china_today(datetime(2026, 12, 3, 16, 0, 0, tzinfo=UTC).timestamp()) == date(2026, 12, 4)


# -- windows --------------------------------------------------------------------------------------


@given(
    begin=st.dates(min_value=date(2014, 12, 1), max_value=date(2030, 12, 31)),
    length=st.integers(min_value=1, max_value=400),
    max_days=st.sampled_from([*sorted(set(DOCUMENTED.values())), 2, 31]),
)
def test_any_range_splits_into_legal_contiguous_windows_covering_it_exactly(
    begin: date, length: int, max_days: int
) -> None:
    end = begin + timedelta(days=length - 1)
    spans = list(windows(begin, end, max_days))
    assert spans[0][0] == begin and spans[-1][1] == end
    assert all(1 <= (last - first).days + 1 <= max_days for first, last in spans)
    assert all(later[0] == earlier[1] + timedelta(days=1) for earlier, later in pairwise(spans))
    assert all((last - first).days + 1 == max_days for first, last in spans[:-1])  # as few calls as can be
    assert len(spans) == -(-length // max_days)
    days = [first + timedelta(days=i) for first, last in spans for i in range((last - first).days + 1)]
    assert days == [begin + timedelta(days=i) for i in range(length)]  # every day once, in order


def test_windows_refuse_a_backward_range_and_an_empty_span() -> None:
    with pytest.raises(ValueError, match="after end_date"):
        list(windows("2026-01-02", "2026-01-01", 7))
    with pytest.raises(ValueError, match="at least 1"):
        list(windows("2026-01-01", "2026-01-02", 0))


# -- the typed group over a recording transport ---------------------------------------------------


class Recorder:
    """Answers each report call with one row per day asked for, and records the bodies."""

    def __init__(self, fail_on: str | None = None, *, rows: bool = True) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.fail_on = fail_on
        self.rows = rows

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        self.bodies.append(call.json)
        if call.json["begin_date"] == self.fail_on:
            raise WeChatError(61501, "date range error")
        if not self.rows:
            return {"list": []}
        first, last = as_day(call.json["begin_date"]), as_day(call.json["end_date"])
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        rows = [{"ref_date": d.isoformat(), "user_source": 0, "new_user": d.day, "cancel_user": 0} for d in days]
        return {"list": rows}


def api_at(recorder: Recorder, today: date = TODAY) -> WeChatApi:
    api = WeChatApi(recorder, "wxapp")
    api.datacube.clock = lambda: datetime(today.year, today.month, today.day, 12, tzinfo=UTC).timestamp()
    return api


async def test_across_calls_each_window_oldest_first_and_joins_their_rows_in_order() -> None:
    recorder = Recorder()
    rows = await api_at(recorder).datacube.across(USER_SUMMARY, "2026-10-01", "2026-10-20")
    assert recorder.bodies == [
        {"begin_date": "2026-10-01", "end_date": "2026-10-07"},
        {"begin_date": "2026-10-08", "end_date": "2026-10-14"},
        {"begin_date": "2026-10-15", "end_date": "2026-10-20"},
    ]
    assert all(isinstance(row, UserSummaryRow) for row in rows)
    assert [row.ref_date for row in rows] == [f"2026-10-{day:02d}" for day in range(1, 21)]
    by_name = await api_at(Recorder()).datacube.across("datacube/getusersummary", "2026-10-01", "2026-10-20")
    assert [row.model_dump() for row in by_name] == [row.model_dump() for row in rows]


async def test_across_sends_nothing_for_a_range_reaching_today_and_stops_at_a_failing_window() -> None:
    recorder = Recorder()
    with pytest.raises(ValueError, match="not before today"):
        await api_at(recorder).datacube.across(USER_SUMMARY, "2026-11-01", TODAY)
    assert recorder.bodies == []
    failing = Recorder(fail_on="2026-10-08")
    with pytest.raises(WeChatError):
        await api_at(failing).datacube.across(USER_SUMMARY, "2026-10-01", "2026-10-20")
    assert len(failing.bodies) == 2


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
async def test_each_typed_report_refuses_one_day_past_its_span_before_sending(name: str) -> None:
    recorder = Recorder(rows=False)
    api = api_at(recorder)
    end = TODAY - timedelta(days=1)
    begin = end - timedelta(days=DOCUMENTED[name])
    filters = FILTERS.get(name, {})
    with pytest.raises(ValueError, match=f"at most {DOCUMENTED[name]}"):
        await api.datacube.fetch(KINDS[name], begin, end, **filters)
    assert recorder.bodies == []
    await api.datacube.fetch(KINDS[name], begin + timedelta(days=1), end, **filters)
    first = (begin + timedelta(days=1)).isoformat()
    assert recorder.bodies == [{"begin_date": first, "end_date": end.isoformat(), **filters}]


async def test_the_typed_methods_call_their_report() -> None:
    methods = {
        "user_summary": "getusersummary", "user_cumulate": "getusercumulate", "article_summary": "getarticlesummary",
        "article_total": "getarticletotal", "user_read": "getuserread", "user_read_hour": "getuserreadhour",
        "user_share": "getusershare", "user_share_hour": "getusersharehour", "article_read": "getarticleread",
        "article_share": "getarticleshare", "biz_summary": "getbizsummary",
        "article_total_detail": "getarticletotaldetail", "upstream_msg": "getupstreammsg",
        "upstream_msg_hour": "getupstreammsghour", "upstream_msg_week": "getupstreammsgweek",
        "upstream_msg_month": "getupstreammsgmonth", "upstream_msg_dist": "getupstreammsgdist",
        "upstream_msg_dist_week": "getupstreammsgdistweek", "upstream_msg_dist_month": "getupstreammsgdistmonth",
        "interface_summary": "getinterfacesummary", "interface_summary_hour": "getinterfacesummaryhour",
    }  # fmt: skip
    cards = {
        "card_biz_summary": "getcardbizuininfo", "card_summary": "getcardcardinfo",
        "member_card_summary": "getcardmembercardinfo", "member_card_detail": "getcardmembercarddetail",
    }  # fmt: skip
    assert set(methods.values()) | set(cards.values()) == set(DOCUMENTED)
    paths = []

    class Paths(Recorder):
        async def send(self, app_id: str, call: Call) -> dict[str, Any]:
            paths.append(call.endpoint.path)
            return {"list": []}

    api = api_at(Paths())
    for method in methods:
        assert await getattr(api.datacube, method)("2026-12-01") == []
    for method, name in cards.items():
        assert await getattr(api.datacube, method)("2026-12-01", **FILTERS[name]) == []
    assert paths == [f"datacube/{name}" for name in [*methods.values(), *cards.values()]]


@pytest.mark.parametrize("name", sorted(CARD_REPORTS))
async def test_a_card_report_refuses_a_missing_or_unread_filter_before_sending(name: str) -> None:
    recorder = Recorder(rows=False)
    api = api_at(recorder)
    with pytest.raises(ValueError, match="needs"):
        await api.datacube.fetch(KINDS[name], "2026-12-01")
    unread = {"card_id": "p1"} if "card_id" not in FILTERS[name] else {"cond_source": 1}
    if name != "getcardcardinfo":  # the coupons' report reads both
        with pytest.raises(ValueError, match="does not take"):
            await api.datacube.fetch(KINDS[name], "2026-12-01", **FILTERS[name], **unread)
    for wrong in ({"cond_source": 2}, {"cond_source": "1"}, {"card_id": ""}, {"card_id": "p" * 33}, {"shop": 1}):
        with pytest.raises(ValueError):
            await api.datacube.fetch(KINDS[name], "2026-12-01", **{**FILTERS[name], **wrong})
    assert recorder.bodies == []
    with pytest.raises(ValueError, match="does not take"):
        await api.datacube.fetch(USER_SUMMARY, "2026-12-01", cond_source=1)  # not a card report


async def test_across_sends_a_card_reports_filters_with_every_62_day_window() -> None:
    recorder = Recorder(rows=False)
    await api_at(recorder).datacube.across(KINDS["getcardcardinfo"], "2026-06-01", "2026-10-31", cond_source=1)
    assert recorder.bodies == [
        {"begin_date": "2026-06-01", "end_date": "2026-08-01", "cond_source": 1},
        {"begin_date": "2026-08-02", "end_date": "2026-10-02", "cond_source": 1},
        {"begin_date": "2026-10-03", "end_date": "2026-10-31", "cond_source": 1},
    ]
    with pytest.raises(ValueError, match="needs card_id"):
        await api_at(recorder).datacube.across(KINDS["getcardmembercarddetail"], "2026-06-01", "2026-10-31")
    assert len(recorder.bodies) == 3


async def test_an_answer_of_another_shape_is_wechats_fault() -> None:
    class Odd(Recorder):
        async def send(self, app_id: str, call: Call) -> dict[str, Any]:
            return {"list": [{"user_source": 0}]}  # no ref_date

    with pytest.raises(WeChatError, match="unexpected shape"):
        await api_at(Odd()).datacube.user_summary("2026-12-01")
