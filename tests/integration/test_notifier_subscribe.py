"""Subscription notifications (订阅通知) end to end: the notifier over real RabbitMQ and Redis, the token
service, the fake WeChat (bizsend) and the real gateway, through which subscribe_msg_sent_event
comes back to mark each notification delivered or failed."""

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aio_pika.abc import AbstractRobustConnection

from sandbox.console.mass_reports import subscribe_sent_xml
from shared.crypto import MessageCipher
from tests.conftest import FakeWeChat
from tests.integration.conftest import GatewayFactory, publish_command
from tests.integration.notifier_world import (
    AUTH,
    Client,
    NotifierFactory,
    make_notifier,
    metric,
    notifier_queues_cleaned,
    post_callback,
    wait_for,
)
from tests.integration.wechat_api import calls, direct_api, fail
from tests.waiting import eventually

__all__ = ["make_notifier", "notifier_queues_cleaned"]  # fixtures

BIZSEND = "/cgi-bin/message/subscribe/bizsend"
DATA = {"thing1": {"value": "咖啡"}, "time2": {"value": "2024年1月1日 12:00"}, "amount3": {"value": "¥29.90"}}


@pytest.fixture
async def template_id(services: None, aiohttp_client: Any, fake_wechat: FakeWeChat) -> AsyncIterator[str]:
    """A subscription template of the account (付款成功通知: thing, time, amount) oFollower1 subscribed to."""
    async with direct_api(aiohttp_client, fake_wechat) as api:
        [category] = await api.subscribe.categories()
        titles = [title async for title in api.subscribe.all_titles([category["id"]])]
        payment = next(t for t in titles if t["title"] == "付款成功通知")
        kids = [
            k["kid"] for k in await api.subscribe.keywords(payment["tid"]) if k["rule"] in ("thing", "time", "amount")
        ]
        template = await api.subscribe.add_template(payment["tid"], kids, "付款后通知")
    grant = {"app_id": fake_wechat.app_id, "openid": "oFollower1", "template_id": template, "count": 5}
    await fake_wechat.control("subscribe/grant", grant)
    yield template


def notice(template_id: str, **extra: Any) -> dict[str, Any]:
    return {"touser": "oFollower1", "template_id": template_id, "data": DATA} | extra


async def send(notifier: Client, app_id: str, body: dict[str, Any]) -> str:
    response = await notifier.post(f"/v1/apps/{app_id}/subscribe-messages", json=body, headers=AUTH)
    assert response.status == 202, await response.text()
    return str((await response.json())["id"])


def sent_event(fake: FakeWeChat, msgid: int, *, code: int, status: str) -> bytes:
    """The fake's subscribe_msg_sent_event for ``msgid``, with another outcome when asked."""
    [notice] = [n for n in fake.state.messaging.subscribe.sent if n.msgid == msgid]
    xml = subscribe_sent_xml(notice, now=int(time.time())).decode()
    xml = xml.replace("<ErrorCode>0</ErrorCode>", f"<ErrorCode>{code}</ErrorCode>")
    return xml.replace("<ErrorStatus><![CDATA[success]]>", f"<ErrorStatus><![CDATA[{status}]]>").encode()


@pytest.mark.parametrize(("code", "status", "settled", "error"), [
    (0, "success", "delivered", None),
    (20001, "failed:user block", "failed", {"reason": "user block", "error_code": 20001}),
])  # fmt: skip
async def test_sent_then_settled_by_subscribe_msg_sent_event_through_the_gateway(
    make_notifier: NotifierFactory, make_gateway: GatewayFactory, fake_wechat: FakeWeChat, app_id: str,
    cipher: MessageCipher, template_id: str, code: int, status: str, settled: str, error: dict[str, Any] | None,
) -> None:  # fmt: skip
    notifier, gateway = await make_notifier(), await make_gateway()
    message_id = await send(notifier, app_id, notice(template_id, page="https://example.com/order/1"))
    sent = await wait_for(notifier, f"/v1/subscribe-messages/{message_id}", "sent")
    [record] = fake_wechat.state.messaging.subscribe.sent
    assert sent["wechat_msgid"] == record.msgid and sent["kind"] == "subscribe" and sent["attempts"] == 1
    await post_callback(gateway, app_id, sent_event(fake_wechat, record.msgid, code=code, status=status), cipher)
    final = await wait_for(notifier, f"/v1/subscribe-messages/{message_id}", settled)
    assert final["error"] == error
    # The same record, read through the template route too (one store of messages).
    assert (await wait_for(notifier, f"/v1/template-messages/{message_id}", settled))["kind"] == "subscribe"


async def test_the_same_client_msg_id_is_one_notification(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    first = await send(notifier, app_id, notice(template_id, client_msg_id="order-7-paid"))
    second = await send(notifier, app_id, notice(template_id, client_msg_id="order-7-paid"))
    assert first == second
    await wait_for(notifier, f"/v1/subscribe-messages/{first}", "sent")
    assert await calls(fake_wechat, BIZSEND) == 1


async def test_system_busy_is_retried_and_sent(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    await fail(fake_wechat, BIZSEND, -1, count=2)
    sent = await wait_for(
        notifier, f"/v1/subscribe-messages/{await send(notifier, app_id, notice(template_id))}", "sent"
    )
    assert sent["attempts"] == 3 and sent["error"] is None
    assert len(fake_wechat.state.messaging.subscribe.sent) == 1


async def test_a_follower_who_did_not_subscribe_fails_at_once(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    message_id = await send(notifier, app_id, notice(template_id, touser="oNeverSubscribed"))
    failed = await wait_for(notifier, f"/v1/subscribe-messages/{message_id}", "failed")
    assert failed["error"]["errcode"] == 43101 and failed["attempts"] == 1


async def test_invalid_notifications_name_the_field_and_queue_nothing(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str
) -> None:
    notifier = await make_notifier()
    cases = [
        (
            notice(template_id, data={"thing1": {"value": "一二三四五六七八九十一二三四五六七八九十一"}}),
            "data.thing1.value",
        ),
        (notice(template_id, data={"amount3": {"value": "免费"}}), "data.amount3.value"),
        (notice(template_id, page="pages/index"), "page"),
        (notice(template_id, touser=""), "touser"),
    ]
    for body, field in cases:
        response = await notifier.post(f"/v1/apps/{app_id}/subscribe-messages", json=body, headers=AUTH)
        assert response.status == 400
        assert (await response.json())["field"] == field
    assert (await notifier.get("/v1/subscribe-messages/nope", headers=AUTH)).status == 404
    assert await metric(notifier, 'wxmp_notifier_accepted_total{kind="subscribe",path="http"}') == 0
    assert await calls(fake_wechat, BIZSEND) == 0


async def test_a_notification_command_over_the_broker(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, template_id: str,
    amqp: AbstractRobustConnection,
) -> None:  # fmt: skip
    notifier = await make_notifier()
    body = notice(template_id, client_msg_id="crm-paid-1")
    await publish_command(amqp, f"{app_id}.subscribe.send", body, times=2)  # twice: one notification

    async def both_handled() -> bool:
        return await metric(notifier, 'wxmp_notifier_messages_total{consumer="sends",outcome="handled"}') >= 2

    await eventually(both_handled, within=15, what="both commands handled")
    [record] = fake_wechat.state.messaging.subscribe.sent
    assert record.openid == "oFollower1" and await calls(fake_wechat, BIZSEND) == 1
