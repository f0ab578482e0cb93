"""Template messages checked against the account's template (listed by get_all_private_template and
cached in Redis) and WeChat's 2023 rules, over the HTTP and broker paths; and the customer-service
types issue #16 adds, sent through the fake WeChat."""

from collections.abc import AsyncIterator
from typing import Any

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
from tests.integration.test_notifier import sent
from tests.integration.wechat_api import calls, direct_api
from tests.waiting import eventually

__all__ = ["make_notifier", "notifier_queues_cleaned"]  # fixtures

LIST = "/cgi-bin/template/get_all_private_template"
GOOD = {"thing1": {"value": "顺丰速运"}, "character_string2": {"value": "SF1234567890"}}


@pytest.fixture
async def template_id(
    services: None, aiohttp_client: Any, fake_wechat: FakeWeChat, redis: Redis, app_id: str
) -> AsyncIterator[str]:
    """The account's 快递发货提醒: 快递公司 (thing1), 快递单号 (character_string2); its cached list goes after."""
    async with direct_api(aiohttp_client, fake_wechat) as api:
        template = await api.template.add("43216", ["快递公司", "快递单号"])
    yield template
    await redis.delete(f"wxmp:notifier:templates:{app_id}")


def message(template_id: str, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"touser": "oFollower1", "template_id": template_id, "data": data} | extra


@pytest.mark.parametrize(("data", "field", "reason"), [
    (GOOD | {"thing1": {"value": "顺丰", "color": "#173177"}}, "data.thing1.color", "no custom colour"),
    (GOOD | {"first": {"value": "您的快递已发出"}}, "data.first", "no longer shows first and remark"),
    (GOOD | {"thing1": {"value": "一二三四五六七八九十一二三四五六七八九十一"}}, "data.thing1.value", "at most 20"),
    (GOOD | {"character_string2": {"value": "单号SF1"}}, "data.character_string2.value", "no Chinese"),
    ({"thing1": {"value": "顺丰"}}, "data.character_string2", "required by template"),
    (GOOD | {"keyword1": {"value": "x"}}, "data.keyword1", "not a field of template"),
])  # fmt: skip
async def test_a_message_against_its_template_is_refused_with_the_rule_and_nothing_queued(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str,
    data: dict[str, Any], field: str, reason: str,
) -> None:  # fmt: skip
    notifier = await make_notifier()
    response = await notifier.post(
        f"/v1/apps/{app_id}/template-messages", json=message(template_id, data), headers=AUTH
    )
    assert response.status == 400
    answer = await response.json()
    assert (answer["error"], answer["field"]) == ("invalid_message", field) and reason in answer["message"]
    assert await metric(notifier, 'wxmp_notifier_accepted_total{kind="template",path="http"}') == 0
    assert await sent(fake_wechat) == []


async def test_a_message_that_fits_is_sent_and_the_list_is_asked_for_once(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    for n in range(3):
        body = message(template_id, GOOD, client_msg_id=f"parcel-{n}")
        response = await notifier.post(f"/v1/apps/{app_id}/template-messages", json=body, headers=AUTH)
        assert response.status == 202, await response.text()
        await wait_for(notifier, f"/v1/template-messages/{(await response.json())['id']}", "sent")
    assert await calls(fake_wechat, LIST) == 1
    assert await metric(notifier, 'wxmp_notifier_template_checks_total{outcome="passed"}') == 3


async def test_a_template_the_account_does_not_list_is_checked_for_shape_only(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    body = message("TPL-ELSEWHERE", {"first": {"value": "Paid", "color": "#173177"}, "keyword1": {"value": "x" * 40}})
    response = await notifier.post(f"/v1/apps/{app_id}/template-messages", json=body, headers=AUTH)
    assert response.status == 202
    await wait_for(notifier, f"/v1/template-messages/{(await response.json())['id']}", "sent")
    assert await metric(notifier, 'wxmp_notifier_template_checks_total{outcome="unchecked"}') == 1


async def test_a_batch_is_checked_once_against_its_template(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    batch = {"touser": ["oA", "oB"], "template_id": template_id, "data": GOOD | {"remark": {"value": "谢谢"}}}
    response = await notifier.post(f"/v1/apps/{app_id}/template-messages/batch", json=batch, headers=AUTH)
    assert response.status == 400 and (await response.json())["field"] == "data.remark"
    assert await sent(fake_wechat) == []


async def test_a_command_from_the_broker_that_breaks_its_template_fails_unsent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str,
    amqp: AbstractRobustConnection,
) -> None:  # fmt: skip
    notifier = await make_notifier()
    body = message(template_id, GOOD | {"thing1": {"value": "顺丰", "color": "#FF0000"}}, client_msg_id="crm-1")
    await publish_command(amqp, f"{app_id}.template.send", body)
    dead = 'wxmp_notifier_messages_total{consumer="sends",outcome="dead_lettered"}'

    async def dead_lettered() -> bool:
        return await metric(notifier, dead) == 1

    await eventually(dead_lettered, within=15, what="the command refused")
    assert await sent(fake_wechat) == []


CUSTOM = [
    (
        "miniprogrampage",
        {"title": "订单详情", "appid": "wxmini", "pagepath": "pages/order?id=1", "thumb_media_id": "T"},
    ),
    ("mpnewsarticle", {"article_id": "ARTICLE_ID_1"}),
    ("wxcard", {"card_id": "pCard123"}),
]


@pytest.mark.parametrize(("msgtype", "content"), CUSTOM)
async def test_the_new_customer_service_types_are_sent_as_a_kf_account(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, msgtype: str, content: dict[str, str]
) -> None:
    notifier = await make_notifier()
    body = {"touser": "oTalking", "msgtype": msgtype, msgtype: content, "customservice": {"kf_account": "care@gh_shop"}}
    response = await notifier.post(f"/v1/apps/{app_id}/custom-messages", json=body, headers=AUTH)
    assert response.status == 202, await response.text()
    await wait_for(notifier, f"/v1/custom-messages/{(await response.json())['id']}", "sent")
    [record] = await sent(fake_wechat, "custom")
    assert record["body"] == body


async def test_mpnews_is_refused_naming_mpnewsarticle(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    body = {"touser": "oTalking", "msgtype": "mpnews", "mpnews": {"media_id": "MEDIA"}}
    response = await notifier.post(f"/v1/apps/{app_id}/custom-messages", json=body, headers=AUTH)
    assert response.status == 400
    answer = await response.json()
    assert answer["field"] == "msgtype" and "mpnewsarticle" in answer["message"]
    assert await sent(fake_wechat, "custom") == []


async def test_the_same_custom_client_msg_id_is_one_send(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    body = {"touser": "oTalking", "msgtype": "wxcard", "wxcard": {"card_id": "pCard"}, "client_msg_id": "coupon-9"}
    ids = set()
    for _ in range(3):
        response = await notifier.post(f"/v1/apps/{app_id}/custom-messages", json=body, headers=AUTH)
        ids.add((await response.json())["id"])
    [message_id] = ids
    await wait_for(notifier, f"/v1/custom-messages/{message_id}", "sent")
    assert len(await sent(fake_wechat, "custom")) == 1
