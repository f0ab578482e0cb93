"""The account's template list, cached for every replica: fetched once on a miss (one fetch per account
at a time), kept for its TTL, a failure remembered briefly, a template it lacks fetched again once the
list is old enough; and the check a template message gets from it."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import fakeredis
import pytest

from services.notifier.messages import InvalidMessage, parse_template
from services.notifier.metrics import NotifierMetrics
from services.notifier.template_rules import Template
from services.notifier.templates import TemplateBook, TemplateCheck
from shared.wechat.errors import WeChatError

APP = "wxapp1"
LISTING = [
    {"template_id": "T1", "title": "发货", "content": "快递:{{thing1.DATA}}\n单号:{{character_string2.DATA}}"},
    {"template_id": "T2", "title": "旧", "content": "{{first.DATA}}\n金额:{{keyword1.DATA}}\n{{remark.DATA}}"},
]


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


class Fetch:
    def __init__(self, *answers: list[dict[str, Any]] | Exception) -> None:
        self.answers = list(answers)
        self.calls = 0

    async def __call__(self, app_id: str) -> list[dict[str, Any]]:
        self.calls += 1
        await asyncio.sleep(0)  # let concurrent callers pile up behind this fetch
        answer = self.answers[min(self.calls, len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


@pytest.fixture
async def redis() -> AsyncIterator[fakeredis.FakeAsyncRedis]:
    client = fakeredis.FakeAsyncRedis()
    yield client
    await client.aclose()


def book(redis: Any, fetch: Fetch, clock: Clock, **options: Any) -> TemplateBook:
    return TemplateBook(redis, fetch, ttl_seconds=600, memo_seconds=0, clock=clock, **options)


async def test_a_miss_fetches_the_list_once_for_every_concurrent_caller(redis: Any) -> None:
    fetch = Fetch(LISTING)
    templates = book(redis, fetch, Clock())
    found = await asyncio.gather(*(templates.template(APP, "T1") for _ in range(5)))
    assert found == [Template("T1", ("thing1", "character_string2"))] * 5
    assert fetch.calls == 1


async def test_another_replica_reads_the_cached_list(redis: Any) -> None:
    clock = Clock()
    await book(redis, Fetch(LISTING), clock).template(APP, "T1")
    other = Fetch(LISTING)
    assert await book(redis, other, clock).template(APP, "T2") == Template("T2", ("first", "keyword1", "remark"))
    assert other.calls == 0
    assert 0 < await redis.ttl(f"wxmp:notifier:templates:{APP}") <= 600


async def test_a_template_the_list_lacks_is_fetched_again_once_the_list_is_old_enough(redis: Any) -> None:
    clock = Clock()
    fetch = Fetch(LISTING, [*LISTING, {"template_id": "T3", "content": "{{thing1.DATA}}"}])
    templates = book(redis, fetch, clock, refetch_seconds=60)
    assert await templates.template(APP, "T3") is None
    clock.now += 30
    assert await templates.template(APP, "T3") is None and fetch.calls == 1  # too soon to ask WeChat again
    clock.now += 31
    assert await templates.template(APP, "T3") == Template("T3", ("thing1",))
    assert fetch.calls == 2


async def test_a_list_wechat_will_not_give_is_remembered_for_the_ttl(redis: Any) -> None:
    fetch = Fetch(WeChatError(48001, "api unauthorized"))
    templates = book(redis, fetch, Clock())
    assert await templates.template(APP, "T1") is None
    assert await templates.template(APP, "T1") is None
    assert fetch.calls == 1
    assert await redis.ttl(f"wxmp:notifier:templates:{APP}") > 30


async def test_a_failure_that_may_pass_is_remembered_briefly(redis: Any) -> None:
    fetch = Fetch(WeChatError(-1, "system error"), LISTING)
    templates = book(redis, fetch, Clock(), retry_seconds=30)
    assert await templates.template(APP, "T1") is None
    assert 0 < await redis.ttl(f"wxmp:notifier:templates:{APP}") <= 30


async def test_a_slow_list_is_not_waited_for_beyond_the_timeout(redis: Any) -> None:
    async def slow(app_id: str) -> list[dict[str, Any]]:
        await asyncio.Event().wait()
        return LISTING

    templates = TemplateBook(redis, slow, ttl_seconds=600, fetch_timeout=0.01)
    assert await templates.template(APP, "T1") is None


async def test_the_check_refuses_against_a_known_template_and_counts(redis: Any) -> None:
    metrics = NotifierMetrics()
    check = TemplateCheck(book(redis, Fetch(LISTING), Clock()), metrics)
    bad = parse_template({"touser": "o", "template_id": "T1", "data": {"thing1": {"value": "一" * 21}}})
    with pytest.raises(InvalidMessage) as caught:
        await check(APP, "T1", bad.data)
    assert caught.value.problems[0].startswith("data.thing1.value: must be at most 20 characters")
    good = {"thing1": {"value": "顺丰"}, "character_string2": {"value": "SF1"}}
    await check(APP, "T1", parse_template({"touser": "o", "template_id": "T1", "data": good}).data)
    await check(APP, "TPL-UNKNOWN", bad.data)  # not the account's template: shape only
    samples = {o: metrics.registry.get_sample_value("wxmp_notifier_template_checks_total", {"outcome": o}) for o in
               ("passed", "refused", "unchecked")}  # fmt: skip
    assert samples == {"passed": 1, "refused": 1, "unchecked": 1}
