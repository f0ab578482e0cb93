"""Subscription notifications checked against the account's subscription template (listed by
wxaapi/newtmpl/gettemplate and cached in Redis), over the HTTP and broker paths: a keyword the template
lacks or a keyword of it left out is refused with each field named and nothing sent; a template the
account does not list is sent as before (WeChat decides)."""

from collections.abc import AsyncIterator

import pytest
from aio_pika.abc import AbstractRobustConnection
from redis.asyncio import Redis

from tests.conftest import FakeWeChat
from tests.integration.conftest import publish_command
from tests.integration.notifier_world import (
    AUTH,
    NotifierFactory,
    make_notifier,
    metric,
    notifier_queues_cleaned,
    wait_for,
)
from tests.integration.test_notifier_subscribe import BIZSEND, DATA, notice, template_id
from tests.integration.wechat_api import calls
from tests.waiting import eventually

__all__ = ["make_notifier", "notifier_queues_cleaned", "template_id"]  # fixtures

LIST = "/wxaapi/newtmpl/gettemplate"
CHECKS = "wxmp_notifier_subscribe_checks_total"


@pytest.fixture
async def known(template_id: str, redis: Redis, app_id: str) -> AsyncIterator[str]:
    """The account's 付款成功通知 (thing1, time2, amount3); its cached listing goes after."""
    yield template_id
    await redis.delete(f"wxmp:notifier:notice-templates:{app_id}")


@pytest.mark.parametrize(("data", "problems"), [
    (DATA | {"thing9": {"value": "外卖"}}, ["data.thing9: not a keyword of template"]),
    (DATA | {"amount3": {"value": "免费"}, "thing9": {"value": "外卖"}},
     ["data.amount3.value: must be one currency sign", "data.thing9: not a keyword of template"]),
    ({"thing1": {"value": "咖啡"}}, ["data.time2: required by template", "data.amount3: required by template"]),
    ({"thing1": {"value": "咖啡"}, "time2": {"value": "12:00"}, "phrase4": {"value": "已付"}},
     ["data.phrase4: not a keyword of template", "data.amount3: required by template"]),
])  # fmt: skip
async def test_a_notification_that_breaks_its_template_is_refused_naming_each_field_and_not_sent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, known: str,
    data: dict[str, dict[str, str]], problems: list[str],
) -> None:  # fmt: skip
    notifier = await make_notifier()
    response = await notifier.post(f"/v1/apps/{app_id}/subscribe-messages", json=notice(known, data=data), headers=AUTH)
    assert response.status == 400
    answer = await response.json()
    assert answer["error"] == "invalid_message"
    assert answer["field"] == problems[0].split(":")[0]
    listed = answer["message"].split("; ")
    assert len(listed) == len(problems)
    assert all(line.startswith(expected) for line, expected in zip(listed, problems, strict=True))
    assert await metric(notifier, f'{CHECKS}{{outcome="refused"}}') == 1
    assert await metric(notifier, 'wxmp_notifier_accepted_total{kind="subscribe",path="http"}') == 0
    assert await calls(fake_wechat, BIZSEND) == 0


async def test_notifications_that_fit_are_sent_and_the_templates_are_listed_once(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, known: str
) -> None:
    notifier = await make_notifier()
    for n in range(3):
        body = notice(known, client_msg_id=f"paid-{n}")
        response = await notifier.post(f"/v1/apps/{app_id}/subscribe-messages", json=body, headers=AUTH)
        assert response.status == 202, await response.text()
        await wait_for(notifier, f"/v1/subscribe-messages/{(await response.json())['id']}", "sent")
    assert await calls(fake_wechat, LIST) == 1
    assert await metric(notifier, f'{CHECKS}{{outcome="passed"}}') == 3
    assert await calls(fake_wechat, BIZSEND) == 3


async def test_a_template_the_account_does_not_list_is_left_to_wechat(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, known: str
) -> None:
    notifier = await make_notifier()
    body = notice("pri-not-listed", data={"thing9": {"value": "外卖"}})
    response = await notifier.post(f"/v1/apps/{app_id}/subscribe-messages", json=body, headers=AUTH)
    assert response.status == 202, await response.text()
    failed = await wait_for(notifier, f"/v1/subscribe-messages/{(await response.json())['id']}", "failed")
    assert failed["error"]["errcode"] != 0  # WeChat's refusal, not the notifier's
    assert await metric(notifier, f'{CHECKS}{{outcome="unchecked"}}') == 1
    assert await calls(fake_wechat, BIZSEND) == 1


async def test_a_command_from_the_broker_that_breaks_its_template_fails_unsent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, known: str,
    amqp: AbstractRobustConnection,
) -> None:  # fmt: skip
    notifier = await make_notifier()
    body = notice(known, data=DATA | {"thing9": {"value": "外卖"}}, client_msg_id="crm-9")
    await publish_command(amqp, f"{app_id}.subscribe.send", body)

    async def dead_lettered() -> bool:
        return await metric(notifier, 'wxmp_notifier_messages_total{consumer="sends",outcome="dead_lettered"}') == 1

    await eventually(dead_lettered, within=15, what="the command refused")
    assert await metric(notifier, f'{CHECKS}{{outcome="refused"}}') == 1
    assert await calls(fake_wechat, BIZSEND) == 0
