"""The typed guide group (对话能力) against the fake WeChat through ``DirectTransport`` (tokens from the
real token service over real Redis): guides and their pages, followers bound in batches with each
one's own outcome, tags, and mass-send jobs that can change only until they run."""

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from services.token.app import create_app
from shared.wechat.api.guide import GuideApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.errors import WeChatError
from shared.wechat.models.guide import Buyer, GuideRef, JobMaterial, MaterialType
from shared.wechat.token_provider import TokenProvider
from shared.wechat.transport import DirectTransport
from tests.conftest import FakeWeChat
from tests.integration.conftest import API_KEY, token_settings
from tests.integration.wechat_api import calls

NOT_A_GUIDE, NO_RELATION, INVALID_TAG_VALUE, INVALID_ARGS = 9300804, 9300806, 9300807, 40097
TEXT = JobMaterial(type=MaterialType.TEXT, word="新品到店")


@pytest.fixture
async def guide(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[GuideApi]:
    """The group as the services hold it, its push_time checked against the fake's (manual) clock."""
    service = await aiohttp_client(create_app(token_settings(fake_wechat)))
    async with aiohttp.ClientSession() as session:
        tokens = TokenProvider(session, base_url=str(service.make_url("")), api_key=API_KEY)
        transport = DirectTransport(session, tokens, base_url=fake_wechat.base_url, backoff_seconds=0.01)
        yield GuideApi(transport, fake_wechat.app_id, default_catalogue(), clock=fake_wechat.clock.time)


async def errcode_of(call: Any) -> int:
    with pytest.raises(WeChatError) as error:
        await call
    return error.value.errcode


def openids(count: int) -> list[str]:
    return [f"oBuyer{n:04d}" for n in range(count)]


async def test_a_guide_is_added_once_read_renamed_listed_and_removed(guide: GuideApi, fake_wechat: FakeWeChat) -> None:
    await guide.add("guide_zhang", nickname="张顾问")
    assert await errcode_of(guide.add("guide_zhang")) == INVALID_ARGS
    await guide.add(GuideRef(guide_openid="oGuideWang0000000000000001"), nickname="王顾问")
    await guide.update("guide_zhang", nickname="张经理")
    assert (await guide.get("guide_zhang")).guide_nickname == "张经理"
    assert [(g.guide_account, g.guide_openid) async for g in guide.all()] == [
        ("guide_zhang", None), (None, "oGuideWang0000000000000001"),
    ]  # fmt: skip
    await guide.remove("guide_zhang")
    assert await errcode_of(guide.get("guide_zhang")) == NOT_A_GUIDE
    assert await calls(fake_wechat, "/cgi-bin/guide/getguideacct") == 2


async def test_followers_are_bound_200_a_call_each_with_their_own_outcome(
    guide: GuideApi, fake_wechat: FakeWeChat
) -> None:
    await guide.add("guide_zhang")
    await fake_wechat.control("subscribers", {"app_id": fake_wechat.app_id, "unsubscribed": ["oBuyer0007"]})
    outcomes = await guide.add_buyers(
        "guide_zhang", [Buyer(openid="oBuyer0000", buyer_nickname="李女士"), *openids(250)[1:]]
    )
    assert await calls(fake_wechat, "/cgi-bin/guide/addguidebuyerrelation") == 2
    assert [r.openid for r in outcomes] == openids(250)
    assert {r.openid: r.errcode for r in outcomes if r.errcode} == {"oBuyer0007": 43004}  # not following
    served = [b async for b in guide.buyers("guide_zhang")]
    assert len(served) == 249 and served[0].buyer_nickname == "李女士"
    assert (await guide.guide_of("oBuyer0000")).guide_account == "guide_zhang"
    assert await errcode_of(guide.guide_of("oBuyer0007")) == 43004


async def test_followers_move_to_another_guide_and_leave_with_their_guide(guide: GuideApi) -> None:
    await guide.add("guide_zhang")
    await guide.add("guide_wang")
    await guide.add_buyers("guide_zhang", openids(3))
    moved = await guide.rebind("guide_zhang", "guide_wang", ["oBuyer0000", "oBuyer0009"])
    assert [(r.openid, r.errcode) for r in moved] == [("oBuyer0000", 0), ("oBuyer0009", NO_RELATION)]
    assert (await guide.guide_of("oBuyer0000")).guide_account == "guide_wang"
    removed = await guide.remove_buyers("guide_zhang", ["oBuyer0001", "oBuyer0000"])
    assert [(r.openid, r.errcode) for r in removed] == [("oBuyer0001", 0), ("oBuyer0000", -2)]
    await guide.remove("guide_wang")
    assert await errcode_of(guide.guide_of("oBuyer0000")) == NO_RELATION


async def test_only_a_tags_values_tag_the_followers_a_guide_serves(guide: GuideApi) -> None:
    await guide.add("guide_zhang")
    await guide.add_buyers("guide_zhang", openids(2))
    await guide.new_tag("会员等级", ["金卡", "银卡"])
    assert await guide.tags() == {"会员等级": ["金卡", "银卡"]}
    assert await errcode_of(guide.tag_buyers("guide_zhang", "铜卡", ["oBuyer0000"])) == INVALID_TAG_VALUE
    tagged = await guide.tag_buyers("guide_zhang", "金卡", ["oBuyer0000", "oBuyer0005"])
    assert [(r.openid, r.errcode) for r in tagged] == [("oBuyer0000", 0), ("oBuyer0005", NO_RELATION)]
    assert await guide.with_tags("guide_zhang", ["金卡"]) == ["oBuyer0000"]
    assert await guide.with_tags("guide_zhang", ["金卡", "银卡"]) == []
    assert await errcode_of(guide.with_tags("guide_zhang", ["铜卡"])) == INVALID_TAG_VALUE


async def test_an_account_has_four_tags_and_fifty_values_none_shared(guide: GuideApi) -> None:
    await guide.new_tag("等级", ["金卡", "银卡"])
    assert await errcode_of(guide.new_tag("卡种", ["金卡"])) == INVALID_ARGS  # a value of another tag
    for n in range(3):
        await guide.new_tag(f"标签{n}", [f"值{n}_{k}" for k in range(10)])
    assert await errcode_of(guide.new_tag("第五类", ["新"])) == INVALID_ARGS
    await guide.add_tag_values("标签0", [f"值0_{k}" for k in range(10, 28)])
    assert sum(len(values) for values in (await guide.tags()).values()) == 50
    assert await errcode_of(guide.add_tag_values("等级", ["铜卡"])) == INVALID_ARGS


async def test_a_job_changes_until_it_runs_and_then_reports_each_send(guide: GuideApi, fake_wechat: FakeWeChat) -> None:
    await guide.add("guide_zhang")
    await guide.add_buyers("guide_zhang", openids(2))
    now = int(fake_wechat.clock.time())
    assert await errcode_of(guide.add_job("guide_zhang", "新品", now + 60, ["oBuyer0009"], [TEXT])) == NO_RELATION
    [first] = await guide.add_job("guide_zhang", "新品", now + 60, openids(2), [TEXT], task_remark="本周")
    [second] = await guide.add_job("guide_zhang", "清仓", now + 120, openids(1), [TEXT])
    await guide.cancel_job(second["task_id"])
    await guide.update_job(first["task_id"], task_name="新品（改）", openid=openids(1))
    fake_wechat.clock.advance(61)
    assert await errcode_of(guide.update_job(first["task_id"], task_name="晚了")) == INVALID_ARGS
    ran = await guide.job(first["task_id"])
    assert (ran["task_status"], ran["task_name"]) == (3, "新品（改）")
    assert [(b["openid"], b["send_status"]) for b in ran["buyer_info"]] == [("oBuyer0000", 2)]
    assert await errcode_of(guide.cancel_job(first["task_id"])) == INVALID_ARGS
    assert (await guide.job(second["task_id"]))["task_status"] == 4
