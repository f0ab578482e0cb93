"""Broadcast jobs over the in-memory store, with WeChat scripted: a job is broadcast once, with one
clientmsgid for its whole life; a lost answer or WeChat's 45066 is asked again later with the same
request, never sent anew; its report settles it, also when it came before the job knew its msg_id."""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

import fakeredis
import pytest

from services.notifier.delivery import ID_HEADER
from services.notifier.mass import MassJobs, Step, next_step, parse_mass_key
from services.notifier.mass_call import Accepted, MassCaller
from services.notifier.mass_record import MassStatus
from services.notifier.mass_store import MassStore
from services.notifier.metrics import NotifierMetrics
from services.notifier.reports import Reports
from services.notifier.status import StatusStore
from shared.broker import Broker, Message
from shared.consumer import ROUTING_KEY_HEADER, Permanent
from shared.wechat.errors import WeChatError
from shared.wechat.models.mass import Broadcast, MassJob
from shared.wechat.models.mass import MassStatus as WeChatMassStatus
from shared.wechat.token_provider import TokenServiceError

APP = "wxapp1"
KEY = f"{APP}.mass.send"
REQUEST = {"filter": {"tag_id": 2}, "msgtype": "text", "text": {"content": "Spring sale"}}
RECHECK_QUEUE = "notifier.mass.recheck"
NOW = 1_700_000_000.0


@dataclass
class Caller:
    """The broadcast call, scripted: each call takes the next outcome (an Accepted, or an error to raise)."""

    outcomes: list[Accepted | Exception]
    sent: list[Broadcast] = field(default_factory=list)

    async def broadcast(self, app_id: str, broadcast: Broadcast, *, on_attempt: Any) -> Accepted:
        on_attempt()
        self.sent.append(broadcast)
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


@dataclass
class MassApi:
    previews: list[dict[str, Any]] = field(default_factory=list)
    asked: list[int] = field(default_factory=list)
    preview_error: Exception | None = None

    async def preview(self, content: Any, *, openid: str | None = None, wxname: str | None = None) -> MassJob:
        self.previews.append({"content": content, "openid": openid, "wxname": wxname})
        if self.preview_error is not None:
            raise self.preview_error
        return MassJob(msg_id=1000)

    async def status(self, msg_id: int) -> WeChatMassStatus:
        self.asked.append(msg_id)
        return WeChatMassStatus(msg_id=msg_id, msg_status="SEND_SUCCESS")


@dataclass
class Published:
    messages: list[tuple[str, str, Message]] = field(default_factory=list)

    async def publish(self, exchange: str, routing_key: str, message: Message, *, mandatory: bool = True) -> None:
        self.messages.append((exchange, routing_key, message))


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@dataclass
class World:
    store: MassStore
    caller: Caller
    api: MassApi
    broker: Published
    metrics: NotifierMetrics
    clock: Clock
    jobs: MassJobs

    async def job(self, request: dict[str, Any] = REQUEST, client_msg_id: str | None = None) -> str:
        job, _ = await self.store.create(app_id=APP, request=request, client_msg_id=client_msg_id, now=self.clock())
        return job.id

    async def handle(self, job_id: str, *, attempts: int = 0) -> None:
        await self.jobs(command(job_id, attempts=attempts))

    async def recheck(self) -> None:
        """Deliver the last recheck message, as the recheck queue dead-letters it back."""
        _, _, message = self.broker.messages[-1]
        await self.jobs(SimpleNamespace(body=message.body, headers=dict(message.headers), routing_key="notifier.mass",
                                        message_id=message.message_id))  # fmt: skip

    def metric(self, name: str, label: str) -> float:
        value = self.metrics.registry.get_sample_value(f"wxmp_notifier_{name}_total", {name_label(name): label})
        return value or 0.0


def name_label(name: str) -> str:
    return {"mass_jobs": "outcome", "mass_rechecks": "reason"}[name]


def command(job_id: str | None, *, body: Any = REQUEST, attempts: int = 0, message_id: str | None = None) -> Any:
    headers: dict[str, Any] = {"x-attempts": attempts} | ({ID_HEADER: job_id} if job_id else {})
    return SimpleNamespace(body=json.dumps(body).encode(), headers=headers, routing_key=KEY, message_id=message_id)


@pytest.fixture
async def world() -> AsyncIterator[World]:
    redis = fakeredis.FakeAsyncRedis()
    store, caller, api, broker, metrics, clock = (
        MassStore(redis, ttl_seconds=3600), Caller([]), MassApi(), Published(), NotifierMetrics(), Clock()
    )  # fmt: skip
    jobs = MassJobs(
        store, cast(MassCaller, caller), lambda _app: cast(Any, SimpleNamespace(mass=api)), cast(Broker, broker),
        metrics, recheck_queue=RECHECK_QUEUE, recheck_seconds=61.0, resolve_seconds=72_000.0, lease_seconds=70.0,
        max_attempts=3, clock=clock,
    )  # fmt: skip
    yield World(store, caller, api, broker, metrics, clock, jobs)
    await redis.aclose()


def lost() -> WeChatError:
    return WeChatError(-1, "WeChat unreachable: ServerDisconnectedError")


async def test_a_job_is_broadcast_once_with_its_own_clientmsgid(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [Accepted(3_147_483_650, None, repeat=False)]
    await world.handle(job_id)
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.SENT and job.msg_id == 3_147_483_650
    assert [b.body()["clientmsgid"] for b in world.caller.sent] == [job_id]
    assert (job.attempts, job.first_sent_at, world.metric("mass_jobs", "sent")) == (1, NOW, 1)
    await world.handle(job_id)  # the same command again (a redelivery): nothing more
    assert len(world.caller.sent) == 1 and world.api.asked == []


async def test_two_commands_of_one_job_at_once_broadcast_it_once(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [Accepted(3, None, repeat=False)]
    await asyncio.gather(world.handle(job_id), world.handle(job_id))
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.SENT and len(world.caller.sent) == 1
    assert world.metric("mass_rechecks", "in_progress") == 1  # the other one looks again later
    await world.recheck()
    assert len(world.caller.sent) == 1


async def test_a_crashed_holders_job_is_asked_again_once_its_lease_runs_out(world: World) -> None:
    job_id = await world.job()
    await world.store.claim(job_id, now=NOW, lease_until=NOW + 70)  # claimed, then the process was killed
    await world.handle(job_id)  # the broker redelivers the command at once: the lease still runs
    assert world.caller.sent == [] and world.metric("mass_rechecks", "in_progress") == 1
    world.caller.outcomes = [Accepted(9, None, repeat=False)]
    world.clock.now += 71
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.msg_id) == (MassStatus.SENT, 9)


async def test_the_callers_client_msg_id_is_the_clientmsgid(world: World) -> None:
    job_id = await world.job(client_msg_id="spring-sale-2024")
    world.caller.outcomes = [Accepted(1, None, repeat=False)]
    await world.handle(job_id)
    assert world.caller.sent[0].body()["clientmsgid"] == "spring-sale-2024"


async def test_a_lost_answer_is_asked_again_later_with_the_same_request(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [lost()]
    await world.handle(job_id)
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.attempts, job.unresolved) == (MassStatus.SENDING, 1, 1)
    [(exchange, queue, message)] = world.broker.messages
    assert (exchange, queue, message.expiration) == ("", RECHECK_QUEUE, 61.0)
    assert message.headers == {ID_HEADER: job_id, ROUTING_KEY_HEADER: KEY}
    assert world.metric("mass_rechecks", "lost_answer") == 1

    world.caller.outcomes = [Accepted(42, 7, repeat=True)]  # WeChat's 45065: it had the job already
    world.clock.now += 61
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.msg_id, job.msg_data_id) == (MassStatus.SENT, 42, 7)
    first, again = (b.body() for b in world.caller.sent)
    assert first == again  # the same request, clientmsgid and all
    assert world.api.asked == [42] and job.wechat_status == "SEND_SUCCESS"  # mass/get confirmed the job
    assert job.attempts == 2


async def test_45066_waits_and_asks_again(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [lost(), WeChatError(45066, "clientmsgid retry too fast"), Accepted(5, None, repeat=True)]
    await world.handle(job_id)
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.unresolved, len(world.broker.messages)) == (MassStatus.SENDING, 1, 2)
    assert world.metric("mass_rechecks", "too_fast") == 1
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.msg_id, job.attempts) == (MassStatus.SENT, 5, 3)
    assert len({b.body()["clientmsgid"] for b in world.caller.sent}) == 1


async def test_a_refusal_fails_the_job(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [WeChatError(40007, "invalid media_id")]
    await world.handle(job_id)
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.FAILED
    assert job.error == {"errcode": 40007, "errmsg": "invalid media_id"} and world.broker.messages == []


async def test_a_refusal_after_a_lost_answer_is_unknown_not_failed(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [lost(), WeChatError(45028, "has no masssend quota")]
    await world.handle(job_id)
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.UNKNOWN
    assert job.error is not None and job.error["errcode"] == 45028 and "check the account" in job.error["reason"]
    assert world.metric("mass_jobs", "unknown") == 1


async def test_the_token_service_down_waits_without_counting_an_unknown_outcome(world: World) -> None:
    job_id = await world.job()
    world.caller.outcomes = [TokenServiceError(0, "unreachable")]
    await world.handle(job_id)
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.unresolved) == (MassStatus.SENDING, 0)
    assert world.metric("mass_rechecks", "token_service") == 1


@pytest.mark.parametrize(
    ("first", "status"), [(lost(), MassStatus.UNKNOWN), (TokenServiceError(0, "x"), MassStatus.FAILED)]
)
async def test_no_call_once_wechat_may_have_forgotten_the_clientmsgid(
    world: World, first: Exception, status: MassStatus
) -> None:
    job_id = await world.job()
    world.caller.outcomes = [first]
    await world.handle(job_id)
    world.clock.now += 72_001
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and job.status is status and len(world.caller.sent) <= 1


async def test_a_job_found_sending_after_a_crash_is_asked_again_not_sent_anew(world: World) -> None:
    job_id = await world.job()
    await world.store.claim(job_id, now=NOW, lease_until=NOW + 70)
    await world.store.write(job_id, while_in=(MassStatus.SENDING,), now=NOW, fields={"first_sent_at": NOW})
    world.caller.outcomes = [Accepted(9, None, repeat=True)]  # killed mid-call; WeChat had taken the job
    world.clock.now += 71
    await world.handle(job_id)  # the broker redelivered the unacknowledged command; the lease ran out
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.msg_id) == (MassStatus.SENT, 9)
    assert world.caller.sent[0].body()["clientmsgid"] == job_id


async def test_the_preview_goes_first_and_once(world: World) -> None:
    job_id = await world.job(REQUEST | {"preview": {"touser": "oBoss"}})
    world.caller.outcomes = [lost(), Accepted(11, None, repeat=True)]
    await world.handle(job_id)
    await world.recheck()
    assert [p["openid"] for p in world.api.previews] == ["oBoss"]
    job = await world.store.get(job_id)
    assert job is not None and job.preview == {"touser": "oBoss", "msg_id": 1000} and job.status is MassStatus.SENT


async def test_a_refused_preview_fails_the_job_before_any_broadcast(world: World) -> None:
    job_id = await world.job(REQUEST | {"preview": {"touser": "oStranger"}})
    world.api.preview_error = WeChatError(40003, "invalid openid")
    await world.handle(job_id)
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.FAILED and world.caller.sent == []
    assert job.error == {"errcode": 40003, "errmsg": "invalid openid", "step": "preview"}


async def test_a_preview_that_may_succeed_later_is_retried_by_the_consumer_until_the_last_attempt(world: World) -> None:
    job_id = await world.job(REQUEST | {"preview": {"touser": "oBoss"}})
    world.api.preview_error = WeChatError(-1, "system error")
    with pytest.raises(WeChatError):
        await world.handle(job_id, attempts=0)
    await world.handle(job_id, attempts=2)  # the last of 3
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.FAILED and world.caller.sent == []


async def test_a_report_that_came_before_the_msg_id_settles_the_job_when_it_is_known(world: World) -> None:
    reports = Reports(cast(StatusStore, None), world.store, clock=world.clock)
    job_id = await world.job()
    world.caller.outcomes = [lost(), Accepted(77, None, repeat=True)]
    await world.handle(job_id)
    event = {
        "app_id": APP, "event": "masssendjobfinish", "msg_id": 77, "status": "send success", "total_count": 4,
        "filter_count": 3, "sent_count": 3, "error_count": 0,
        "copyright_check_result": {"count": 0, "result_list": [], "check_state": 1},
    }  # fmt: skip
    await reports(SimpleNamespace(body=json.dumps(event).encode()))
    await world.recheck()
    job = await world.store.get(job_id)
    assert job is not None and job.status is MassStatus.DELIVERED
    assert job.report is not None and (job.report["total_count"], job.report["sent_count"]) == (4, 3)
    assert job.report["copyright_check_result"]["check_state"] == 1


@pytest.mark.parametrize(("status", "settled", "error"), [
    ("send success", MassStatus.DELIVERED, None),
    ("send fail", MassStatus.FAILED, {"reason": "send fail"}),
    ("err(30003)", MassStatus.FAILED, {"reason": "err(30003)"}),
])  # fmt: skip
async def test_the_report_settles_a_sent_job(
    world: World, status: str, settled: MassStatus, error: dict[str, str] | None
) -> None:
    job_id = await world.job()
    world.caller.outcomes = [Accepted(88, None, repeat=False)]
    await world.handle(job_id)
    event = {"app_id": APP, "event": "masssendjobfinish", "msg_id": 88, "status": status, "total_count": 2}
    await Reports(cast(StatusStore, None), world.store, clock=world.clock)(
        SimpleNamespace(body=json.dumps(event).encode())
    )
    job = await world.store.get(job_id)
    assert job is not None and (job.status, job.error) == (settled, error)


async def test_a_command_from_another_system_gets_one_job_per_client_msg_id(world: World) -> None:
    world.caller.outcomes = [Accepted(1, None, repeat=False)]
    body = REQUEST | {"client_msg_id": "campaign-7"}
    await world.jobs(command(None, body=body))
    await world.jobs(command(None, body=body))
    job, created = await world.store.create(app_id=APP, request=body, client_msg_id="campaign-7", now=NOW)
    assert not created and job.status is MassStatus.SENT and len(world.caller.sent) == 1


async def test_an_invalid_command_from_another_system_fails_its_job(world: World) -> None:
    body = {"msgtype": "text", "text": {"content": "no audience"}, "client_msg_id": "bad-1"}
    with pytest.raises(Permanent):
        await world.jobs(command(None, body=body))
    job, _ = await world.store.create(app_id=APP, request=body, client_msg_id="bad-1", now=NOW)
    assert job.status is MassStatus.FAILED and job.error is not None and "touser" in job.error["reason"]


@pytest.mark.parametrize(("errcode", "unresolved", "step"), [
    (-1, 1, Step.RECHECK), (45066, 0, Step.RECHECK), (40001, 0, Step.RECHECK), (40007, 0, Step.FAIL),
    (45028, 1, Step.UNKNOWN), (40152, 2, Step.UNKNOWN),
])  # fmt: skip
def test_next_step(errcode: int, unresolved: int, step: Step) -> None:
    assert next_step(errcode, unresolved=unresolved)[0] is step


def test_a_routing_key_that_is_not_a_broadcast_command_is_permanent() -> None:
    assert parse_mass_key("wx1.mass.send") == "wx1"
    with pytest.raises(Permanent):
        parse_mass_key("wx1.template.send")
