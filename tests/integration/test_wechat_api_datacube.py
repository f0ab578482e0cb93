"""The typed statistics reports (``api.datacube``) against the fake WeChat through ``DirectTransport``, tokens
from the real token service over real Redis: every report's rows as its model, a long range cut into
WeChat's windows and joined, nothing sent for a range WeChat would refuse, WeChat's own 61501 as a
``WeChatError``, -1 retried (every report is a read) and an expired token refreshed."""

import time
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest

from sandbox.fake_wechat.clock import Clock, ManualClock
from sandbox.fake_wechat.datacube_cards import card_ids
from sandbox.fake_wechat.datacube_figures import AccountFigures
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import datacube
from shared.wechat.errors import WeChatError
from shared.wechat.models import datacube_rows as rows
from tests.conftest import FakeWeChat
from tests.integration.wechat_api import calls, direct_api, fail

# method: (WeChat's report, the model of its rows, whether it takes one day)
METHODS: dict[str, tuple[str, type[rows.ReportRow], bool]] = {
    "user_summary": ("getusersummary", rows.UserSummaryRow, False),
    "user_cumulate": ("getusercumulate", rows.UserCumulateRow, False),
    "article_summary": ("getarticlesummary", rows.ArticleSummaryRow, True),
    "article_total": ("getarticletotal", rows.ArticleTotalRow, True),
    "user_read": ("getuserread", rows.UserReadRow, False),
    "user_read_hour": ("getuserreadhour", rows.UserReadRow, True),
    "user_share": ("getusershare", rows.UserShareRow, False),
    "user_share_hour": ("getusersharehour", rows.UserShareRow, True),
    "article_read": ("getarticleread", rows.ArticleReadRow, True),
    "article_share": ("getarticleshare", rows.ArticleShareRow, True),
    "biz_summary": ("getbizsummary", rows.BizSummaryRow, False),
    "article_total_detail": ("getarticletotaldetail", rows.ArticleTotalDetailRow, True),
    "upstream_msg": ("getupstreammsg", rows.UpstreamMsgRow, False),
    "upstream_msg_hour": ("getupstreammsghour", rows.UpstreamMsgRow, True),
    "upstream_msg_week": ("getupstreammsgweek", rows.UpstreamMsgRow, False),
    "upstream_msg_month": ("getupstreammsgmonth", rows.UpstreamMsgRow, False),
    "upstream_msg_dist": ("getupstreammsgdist", rows.UpstreamMsgDistRow, False),
    "upstream_msg_dist_week": ("getupstreammsgdistweek", rows.UpstreamMsgDistRow, False),
    "upstream_msg_dist_month": ("getupstreammsgdistmonth", rows.UpstreamMsgDistRow, False),
    "interface_summary": ("getinterfacesummary", rows.InterfaceSummaryRow, False),
    "interface_summary_hour": ("getinterfacesummaryhour", rows.InterfaceSummaryRow, True),
}
# The card reports: method: (WeChat's report, the model of its rows, what it takes besides the range)
CARD_METHODS: dict[str, tuple[str, type[rows.ReportRow], dict[str, Any]]] = {
    "card_biz_summary": ("getcardbizuininfo", rows.CardBizUinRow, {"cond_source": 1}),
    "card_summary": ("getcardcardinfo", rows.CardInfoRow, {"cond_source": 0}),
    "member_card_summary": ("getcardmembercardinfo", rows.MemberCardInfoRow, {"cond_source": 1}),
    "member_card_detail": ("getcardmembercarddetail", rows.MemberCardDetailRow, {}),
}


@pytest.fixture
def wechat_clock() -> Clock:
    """The fake's clock at the real time: the 2025 article reports have data, and both sides agree on today."""
    return ManualClock(time.time())


@pytest.fixture
async def api(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[WeChatApi]:
    async with direct_api(aiohttp_client, fake_wechat) as api:
        api.datacube.clock = fake_wechat.clock.time  # what the fake calls today, the client does too
        yield api


def yesterday(api: WeChatApi) -> date:
    return api.datacube.today() - timedelta(days=1)


def test_the_typed_methods_cover_every_report() -> None:
    typed = {name for name, _, _ in [*METHODS.values(), *CARD_METHODS.values()]}
    assert typed == {report.name for report in datacube.REPORTS}


@pytest.mark.parametrize("method", sorted(CARD_METHODS))
async def test_each_card_report_comes_back_as_its_rows_for_62_days(
    api: WeChatApi, fake_wechat: FakeWeChat, method: str
) -> None:
    name, model, filters = CARD_METHODS[method]
    if name == "getcardmembercarddetail":
        filters = {"card_id": card_ids(fake_wechat.app_id, 1, member=True)[0]}
    end = yesterday(api)
    begin = end - timedelta(days=61)
    answer = await getattr(api.datacube, method)(begin, end, **filters)
    assert answer and all(type(row) is model for row in answer)
    assert {row.ref_date for row in answer} == {(begin + timedelta(days=i)).isoformat() for i in range(62)}
    assert await calls(fake_wechat, f"/datacube/{name}") == 1


@pytest.mark.parametrize("method", sorted(METHODS))
async def test_each_report_comes_back_as_its_rows_for_its_longest_range(
    api: WeChatApi, fake_wechat: FakeWeChat, method: str
) -> None:
    name, model, one_day = METHODS[method]
    end = yesterday(api)
    begin = end - timedelta(days=datacube.report(name).max_days - 1)
    answer = await (getattr(api.datacube, method)(end) if one_day else getattr(api.datacube, method)(begin, end))
    assert all(type(row) is model for row in answer)
    assert all(begin <= date.fromisoformat(row.ref_date) <= end for row in answer)
    assert await calls(fake_wechat, f"/datacube/{name}") == 1


async def test_the_figures_are_the_fakes(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    end = yesterday(api)
    figures = AccountFigures(fake_wechat.app_id)
    totals = await api.datacube.user_cumulate(end - timedelta(days=6), end)
    assert [row.cumulate_user for row in totals] == [
        figures.follows(end - timedelta(days=6 - i)).cumulate for i in range(7)
    ]
    messages = await api.datacube.upstream_msg(end)
    assert {row.msg_type: row.msg_count for row in messages} == {
        msg_type: count for msg_type, (_, count) in figures.messages(end).by_type.items()
    }


async def test_a_quarter_is_cut_into_wechats_windows_and_joined_in_order(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    end = yesterday(api)
    begin = end - timedelta(days=89)
    totals = await api.datacube.across(rows.USER_CUMULATE, begin, end)
    assert [row.ref_date for row in totals] == [(begin + timedelta(days=i)).isoformat() for i in range(90)]
    assert await calls(fake_wechat, "/datacube/getusercumulate") == 13  # 12 weeks and 6 days
    interface = await api.datacube.across("getinterfacesummary", begin, end)
    assert len(interface) == 90 and await calls(fake_wechat, "/datacube/getinterfacesummary") == 3


async def test_a_range_wechat_would_refuse_is_never_sent(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    today = api.datacube.today()
    for begin, end in (
        (today, today),
        (today - timedelta(days=8), today - timedelta(days=1)),  # 8 days
        (today, today - timedelta(days=2)),
    ):
        with pytest.raises(ValueError):
            await api.datacube.user_summary(begin, end)
    with pytest.raises(ValueError):
        await api.datacube.across(rows.USER_SUMMARY, today - timedelta(days=30), today)
    assert await calls(fake_wechat, "/datacube/getusersummary") == 0


async def test_wechats_own_refusal_is_its_errcode(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    api.datacube.clock = lambda: fake_wechat.clock.time() + 86_400  # the client a day ahead of WeChat
    with pytest.raises(WeChatError) as refused:
        await api.datacube.user_summary(api.datacube.today() - timedelta(days=1))
    assert (refused.value.errcode, refused.value.errmsg) == (61501, "date range error")


async def test_a_busy_wechat_is_asked_again_and_an_expired_token_refreshed(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    end = yesterday(api)
    await fail(fake_wechat, "/datacube/getupstreammsg", -1)
    assert await api.datacube.upstream_msg(end)
    assert await calls(fake_wechat, "/datacube/getupstreammsg") == 2
    await fake_wechat.control("expire", {"app_id": fake_wechat.app_id})
    assert await api.datacube.upstream_msg(end)
    assert await calls(fake_wechat, "/datacube/getupstreammsg") == 4  # refused with 42001, then again
