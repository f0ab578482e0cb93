"""The dispatcher's stats API with ``source=wechat`` (and ``both``) end to end: the dispatcher over real RabbitMQ
and Redis, the real token service, the fake WeChat's statistics reports. The default answer stays the
dispatcher's own, unchanged; WeChat's figures are the fake's, for a day and a quarter cut into WeChat's
windows; followers the fake saw count on their day; WeChat's refusal is 502, no token 503, and the
dispatcher starts and is ready without the token service."""

import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from aio_pika.abc import AbstractRobustConnection
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat.datacube_figures import CHINA, AccountFigures
from services.dispatcher.analytics_days import day_of
from tests.conftest import FakeWeChat
from tests.integration import test_dispatcher
from tests.integration.conftest import AUTH
from tests.integration.test_dispatcher import DispatcherFactory, _publish_events, text_event
from tests.integration.wechat_api import calls
from tests.waiting import eventually

Client = TestClient[Any, Any]
# The dispatcher's fixtures (its rules file, queues cleaned up after the test, the factory), shared.
rules_file, cleanup_queues, make_dispatcher = (
    test_dispatcher.rules_file, test_dispatcher.cleanup_queues, test_dispatcher.make_dispatcher,
)  # fmt: skip
# The fake WeChat's manual clock starts at 2023-11-15 06:13 in China: its yesterday is 2023-11-14.
DAY = date(2023, 11, 10)
OWN_KEYS = {
    "app_id", "date", "total", "unique_users", "messages", "events", "subscribes", "unsubscribes",
    "subscribes_by_scene", "scans_by_scene", "menu_clicks", "menu_views",
}  # fmt: skip
REPORTS = ("getusersummary", "getusercumulate", "getupstreammsg", "getinterfacesummary")


async def stats(dispatcher: Client, app_id: str, status: int = 200, /, **params: str) -> dict[str, Any]:
    response = await dispatcher.get(f"/v1/apps/{app_id}/stats", params=params, headers=AUTH)
    assert response.status == status, await response.text()
    body: dict[str, Any] = await response.json()
    return body


async def datacube_calls(fake: FakeWeChat) -> dict[str, int]:
    return {name: await calls(fake, f"/datacube/{name}") for name in REPORTS}


def expected_day(fake: FakeWeChat, day: date) -> dict[str, Any]:
    """What the fake's figures say the dispatcher should answer for ``day``."""
    figures = AccountFigures(fake.app_id)
    follows, messages, callbacks = figures.follows(day), figures.messages(day), figures.callbacks(day)
    names = {1: "text", 2: "image", 3: "voice", 4: "video", 6: "link"}
    return {
        "app_id": fake.app_id, "date": day.isoformat(), "source": "wechat",
        "subscribes": sum(follows.new.values()), "unsubscribes": follows.cancel,
        "subscribes_by_source": {str(source): n for source, n in follows.new.items()}, "followers": follows.cumulate,
        "messages": {names[t]: count for t, (_, count) in messages.by_type.items()},
        "total_messages": sum(count for _, count in messages.by_type.values()),
        "callbacks": {"count": callbacks.count, "failed": callbacks.failed, "total_time_ms": callbacks.total_ms,
                      "max_time_ms": callbacks.max_ms},
    }  # fmt: skip


async def counted(dispatcher: Client, app_id: str, amqp: AbstractRobustConnection, count: int) -> None:
    """``count`` texts sent at noon on ``DAY``, counted by the dispatcher."""
    noon = int(datetime(DAY.year, DAY.month, DAY.day, 12, tzinfo=CHINA).timestamp())
    await _publish_events(amqp, app_id, [text_event(app_id, i, create_time=noon) for i in range(count)])

    async def all_counted() -> bool:
        return bool((await stats(dispatcher, app_id, date=DAY.isoformat()))["total"] == count)

    await eventually(all_counted, within=15, what="the texts counted")


async def test_the_default_answer_is_the_dispatchers_own_unchanged_and_asks_wechat_nothing(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    await counted(dispatcher, app_id, amqp, 3)
    default = await stats(dispatcher, app_id, date=DAY.isoformat())
    assert set(default) == OWN_KEYS
    assert (default["messages"], default["unique_users"]) == ({"text": 3}, 3)
    assert await stats(dispatcher, app_id, date=DAY.isoformat(), source="own") == default
    ranged = await stats(dispatcher, app_id, **{"from": "2023-11-09", "to": "2023-11-10"})
    assert set(ranged) == {"app_id", "from", "to", "days", "totals"} and ranged["totals"]["total"] == 3
    assert await datacube_calls(fake_wechat) == dict.fromkeys(REPORTS, 0)


async def test_wechats_figures_for_a_day_and_beside_the_dispatchers_own(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    await counted(dispatcher, app_id, amqp, 2)
    theirs = await stats(dispatcher, app_id, date=DAY.isoformat(), source="wechat")
    assert theirs == expected_day(fake_wechat, DAY)
    assert await datacube_calls(fake_wechat) == dict.fromkeys(REPORTS, 1)
    both = await stats(dispatcher, app_id, date=DAY.isoformat(), source="both")
    assert both == {
        "app_id": app_id, "date": DAY.isoformat(), "own": await stats(dispatcher, app_id, date=DAY.isoformat()),
        "wechat": theirs,
    }  # fmt: skip


async def test_a_quarter_of_wechats_figures_is_asked_in_wechats_windows(
    make_dispatcher: DispatcherFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    first, last = date(2023, 8, 15), date(2023, 11, 14)  # 92 days, the longest range the stats API answers
    quarter = await stats(dispatcher, app_id, source="wechat", **{"from": first.isoformat(), "to": last.isoformat()})
    assert (quarter["from"], quarter["to"], quarter["source"], len(quarter["days"])) == (
        first.isoformat(), last.isoformat(), "wechat", 92,
    )  # fmt: skip
    days = [first + timedelta(days=i) for i in range(92)]
    assert quarter["days"] == [expected_day(fake_wechat, day) for day in days]
    totals = quarter["totals"]
    assert totals["subscribes"] == sum(day["subscribes"] for day in quarter["days"])
    assert totals["followers"] == quarter["days"][-1]["followers"]
    assert totals["callbacks"]["max_time_ms"] == max(day["callbacks"]["max_time_ms"] for day in quarter["days"])
    # 7-day windows for followers and messages, 30-day ones for callbacks
    assert await datacube_calls(fake_wechat) == {
        "getusersummary": 14, "getusercumulate": 14, "getupstreammsg": 14, "getinterfacesummary": 4,
    }  # fmt: skip


async def test_followers_the_fake_saw_are_in_wechats_figures_the_next_day(
    make_dispatcher: DispatcherFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    seeded_day = datetime.fromtimestamp(fake_wechat.clock.time(), CHINA).date()
    await stats(dispatcher, app_id, date=DAY.isoformat(), source="wechat")  # the token service holds a token now
    await fake_wechat.control("followers", {"app_id": app_id, "count": 4, "subscribe_scene": "ADD_SCENE_QR_CODE"})
    fake_wechat.clock.advance(86_400)  # their day is over (and, for the fake, the token has expired)
    theirs = await stats(dispatcher, app_id, date=seeded_day.isoformat(), source="wechat")
    made_up = expected_day(fake_wechat, seeded_day)
    assert theirs["subscribes_by_source"].get("30", 0) == made_up["subscribes_by_source"].get("30", 0) + 4
    assert (theirs["subscribes"], theirs["followers"]) == (made_up["subscribes"] + 4, made_up["followers"] + 4)


@pytest.mark.parametrize("source", ["wechat", "both"])
async def test_days_wechat_has_no_figures_for_are_refused_before_asking(
    make_dispatcher: DispatcherFactory, fake_wechat: FakeWeChat, app_id: str, source: str
) -> None:
    dispatcher = await make_dispatcher()
    today = day_of(int(time.time()))
    for params in (
        {"date": today},
        {"from": "2023-11-01", "to": today},
        {"from": "2023-01-01", "to": "2023-11-10"},  # longer than the API's 92 days
        {"date": "2023-11-31"},
    ):
        assert (await stats(dispatcher, app_id, 400, source=source, **params))["error"] == "bad_request"
    assert (await stats(dispatcher, app_id, 400, source="yesterday", date=DAY.isoformat()))["error"] == "bad_request"
    assert await datacube_calls(fake_wechat) == dict.fromkeys(REPORTS, 0)
    unauthorized = await dispatcher.get(f"/v1/apps/{app_id}/stats", params={"date": DAY.isoformat(), "source": source})
    assert unauthorized.status == 401
    assert (await stats(dispatcher, "wxnobody", 404, date=DAY.isoformat(), source=source))["error"] == "unknown_app"


async def test_wechats_refusal_is_a_502_with_its_errcode(
    make_dispatcher: DispatcherFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher()
    # The fake's today (2023-11-15) is long past for the dispatcher: WeChat itself says 61501.
    refused = await stats(dispatcher, app_id, 502, date="2023-11-15", source="wechat")
    assert (refused["error"], refused["errcode"]) == ("wechat_error", 61501)
    await fake_wechat.control("fail", {"path": "/datacube/getupstreammsg", "errcode": 48001, "count": 1})
    unauthorized = await stats(dispatcher, app_id, 502, date=DAY.isoformat(), source="wechat")
    assert unauthorized["errcode"] == 48001 and "access_token" not in str(unauthorized)


async def test_without_the_token_service_the_dispatcher_is_ready_counts_and_answers_503_for_wechat(
    make_dispatcher: DispatcherFactory, amqp: AbstractRobustConnection, fake_wechat: FakeWeChat, app_id: str
) -> None:
    dispatcher = await make_dispatcher(token_service_url="http://127.0.0.1:9")  # nothing listens there
    assert (await dispatcher.get("/readyz")).status == 200
    await counted(dispatcher, app_id, amqp, 1)
    missing = await stats(dispatcher, app_id, 503, date=DAY.isoformat(), source="wechat")
    assert missing["error"] == "token_service_unavailable"
    assert await datacube_calls(fake_wechat) == dict.fromkeys(REPORTS, 0)


def test_the_fakes_day_is_the_one_these_tests_assume() -> None:
    assert datetime.fromtimestamp(1_700_000_000, UTC).astimezone(CHINA).date() == date(2023, 11, 15)
