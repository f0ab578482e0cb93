"""Broadcast jobs end to end: the notifier over real RabbitMQ and Redis, the token service, the fake
WeChat (its manual clock) and the real gateway, through which MASSSENDJOBFINISH comes back. A job is
broadcast once: also when the answer to its first call is lost (the fake does the work and drops the
connection), which the notifier resolves by asking again with the same clientmsgid."""

import time
from typing import Any

from aio_pika.abc import AbstractRobustConnection

from sandbox.console.mass_reports import mass_job_finish_xml
from shared.crypto import MessageCipher
from shared.wechat.models.draft import Article
from shared.wechat.transport import Upload
from tests.component.wechat_content import JPEG
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
    status_of,
    wait_for,
)
from tests.integration.wechat_api import calls, direct_api
from tests.waiting import eventually

__all__ = ["make_notifier", "notifier_queues_cleaned"]  # fixtures

SENDALL, SEND = "/cgi-bin/message/mass/sendall", "/cgi-bin/message/mass/send"
RECHECK_SECONDS = 0.2


async def followers(fake: FakeWeChat, count: int) -> list[str]:
    openids: list[str] = (await fake.control("followers", {"app_id": fake.app_id, "count": count}))["openids"]
    return openids


async def fake_jobs(fake: FakeWeChat) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = (await fake.control(f"messaging?app_id={fake.app_id}"))[fake.app_id]["mass"]["jobs"]
    return jobs


async def submit(notifier: Client, app_id: str, body: dict[str, Any]) -> str:
    response = await notifier.post(f"/v1/apps/{app_id}/mass-messages", json=body, headers=AUTH)
    assert response.status == 202, await response.text()
    answer = await response.json()
    assert answer["status"] in ("queued", "sending", "sent")  # the same client_msg_id again: the job as it is
    return str(answer["id"])


async def report_through_gateway(
    fake: FakeWeChat, gateway: Client, cipher: MessageCipher, msg_id: int, **finish: Any
) -> None:
    """End the fake's job and post its MASSSENDJOBFINISH to the gateway, as WeChat would."""
    await fake.control("mass/finish", {"app_id": fake.app_id, "msg_id": msg_id, **finish})
    [report] = [r for r in fake.state.messaging.mass.reports if r.msg_id == msg_id]
    await post_callback(gateway, fake.app_id, mass_job_finish_xml(report, now=int(time.time())), cipher)


async def test_a_text_broadcast_to_openids_previewed_sent_and_reported_through_the_gateway(
    make_notifier: NotifierFactory, make_gateway: GatewayFactory, fake_wechat: FakeWeChat, app_id: str,
    cipher: MessageCipher,
) -> None:  # fmt: skip
    notifier, gateway = await make_notifier(), await make_gateway()
    openids = await followers(fake_wechat, 3)
    body = {"touser": openids, "msgtype": "text", "text": {"content": "周末活动"}, "preview": {"touser": openids[0]}}
    job_id = await submit(notifier, app_id, body)
    sent = await wait_for(notifier, f"/v1/mass-messages/{job_id}", "sent")
    [job] = await fake_jobs(fake_wechat)
    assert sent["msg_id"] == job["msg_id"] and sent["clientmsgid"] == job_id and sent["attempts"] == 1
    assert job["body"] == {"touser": openids, "text": {"content": "周末活动"}, "msgtype": "text", "clientmsgid": job_id}
    [preview] = fake_wechat.state.messaging.mass.previews
    assert preview["body"]["touser"] == openids[0] and sent["preview"] == {
        "touser": openids[0],
        "msg_id": preview["msg_id"],
    }

    await report_through_gateway(fake_wechat, gateway, cipher, job["msg_id"], errors=1)
    delivered = await wait_for(notifier, f"/v1/mass-messages/{job_id}", "delivered")
    report = delivered["report"]
    assert report["status"] == "send success"
    assert (report["total_count"], report["filter_count"], report["sent_count"], report["error_count"]) == (3, 3, 2, 1)
    assert report["copyright_check_result"] == {"count": 0, "result_list": [], "check_state": 1}
    assert await metric(notifier, 'wxmp_notifier_mass_jobs_total{outcome="sent"}') == 1


async def test_articles_to_a_tag_with_the_copyright_checks_of_the_report(
    services: None, aiohttp_client: Any, make_notifier: NotifierFactory, make_gateway: GatewayFactory,
    fake_wechat: FakeWeChat, app_id: str, cipher: MessageCipher,
) -> None:  # fmt: skip
    notifier, gateway = await make_notifier(), await make_gateway()
    openids = await followers(fake_wechat, 2)
    async with direct_api(aiohttp_client, fake_wechat) as api:
        tag = await api.tags.create("VIP")
        await api.tags.tag(tag.id, openids)
        cover = (await api.material.add("thumb", Upload("cover.jpg", JPEG))).media_id
        draft = await api.draft.add([Article(title="本周推荐", content="<p>正文</p>", thumb_media_id=cover)])
    body = {"filter": {"tag_id": tag.id}, "msgtype": "mpnews", "mpnews": {"media_id": draft}, "send_ignore_reprint": 1}
    job_id = await submit(notifier, app_id, body)
    sent = await wait_for(notifier, f"/v1/mass-messages/{job_id}", "sent")
    assert sent["msg_data_id"] is not None
    await report_through_gateway(fake_wechat, gateway, cipher, sent["msg_id"], check_state=2)
    report = (await wait_for(notifier, f"/v1/mass-messages/{job_id}", "delivered"))["report"]
    checks = report["copyright_check_result"]
    assert checks["check_state"] == 2 and isinstance(checks["result_list"], list)
    assert checks["result_list"][0]["article_idx"] == 1 and checks["result_list"][0]["can_reprint"] == 1
    assert report["article_url_result"]["result_list"][0]["article_url"].startswith("https://mp.weixin.qq.com/s/")


async def test_a_broadcast_whose_first_answer_is_lost_is_sent_once(
    make_notifier: NotifierFactory, make_gateway: GatewayFactory, fake_wechat: FakeWeChat, app_id: str,
    cipher: MessageCipher,
) -> None:  # fmt: skip
    notifier, gateway = await make_notifier(mass_recheck_seconds=RECHECK_SECONDS), await make_gateway()
    await followers(fake_wechat, 2)
    await fake_wechat.control("fail", {"path": SENDALL, "drop": True})  # processed, then no answer
    job_id = await submit(
        notifier, app_id, {"filter": {"is_to_all": True}, "msgtype": "text", "text": {"content": "限时"}}
    )
    path = f"/v1/mass-messages/{job_id}"

    async def asked_again_too_fast() -> bool:  # the same clientmsgid within WeChat's minute: 45066
        return await metric(notifier, 'wxmp_notifier_mass_rechecks_total{reason="too_fast"}') >= 1

    await eventually(asked_again_too_fast, within=15, what="the job asked again with its clientmsgid")
    assert await metric(notifier, 'wxmp_notifier_mass_rechecks_total{reason="lost_answer"}') == 1
    assert (await status_of(notifier, path))["status"] == "sending"
    [job] = await fake_jobs(fake_wechat)  # the first call did broadcast
    fake_wechat.clock.advance(61)  # past the minute: WeChat answers 45065 with the job it has
    sent = await wait_for(notifier, path, "sent")
    assert sent["msg_id"] == job["msg_id"] and sent["wechat_status"] == "SEND_SUCCESS"  # confirmed by mass/get
    assert [j["msg_id"] for j in await fake_jobs(fake_wechat)] == [job["msg_id"]]  # never broadcast twice
    assert await calls(fake_wechat, SENDALL) == sent["attempts"] >= 3
    # WeChat's report of the job (it ended while the notifier was resolving) settles it.
    report = fake_wechat.state.messaging.mass.reports[-1]
    await post_callback(gateway, app_id, mass_job_finish_xml(report, now=int(time.time())), cipher)
    assert (await wait_for(notifier, path, "delivered"))["report"]["sent_count"] == 2


async def test_the_same_client_msg_id_is_one_job_and_one_broadcast(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    openids = await followers(fake_wechat, 2)
    body = {"touser": openids, "msgtype": "text", "text": {"content": "hi"}, "client_msg_id": "weekly-42"}
    first, second = await submit(notifier, app_id, body), await submit(notifier, app_id, body)
    assert first == second
    sent = await wait_for(notifier, f"/v1/mass-messages/{first}", "sent")
    assert sent["clientmsgid"] == "weekly-42" and len(await fake_jobs(fake_wechat)) == 1
    again = await notifier.post(f"/v1/apps/{app_id}/mass-messages", json=body, headers=AUTH)
    assert (await again.json()) == {"id": first, "status": "sent"}


async def test_a_refused_broadcast_fails_without_a_retry(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    job_id = await submit(notifier, app_id, {"filter": {"tag_id": 999}, "msgtype": "text", "text": {"content": "x"}})
    failed = await wait_for(notifier, f"/v1/mass-messages/{job_id}", "failed")
    assert failed["error"]["errcode"] == 40152 and await calls(fake_wechat, SENDALL) == 1


async def test_a_preview_to_a_stranger_fails_the_job_before_the_broadcast(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    body = {
        "filter": {"is_to_all": True},
        "msgtype": "text",
        "text": {"content": "x"},
        "preview": {"touser": "oNobody"},
    }
    failed = await wait_for(notifier, f"/v1/mass-messages/{await submit(notifier, app_id, body)}", "failed")
    assert failed["error"]["errcode"] == 40003 and failed["error"]["step"] == "preview"
    assert await fake_jobs(fake_wechat) == []


async def test_invalid_broadcasts_name_the_field_and_create_nothing(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    cases = [
        ({"touser": ["oOnly"], "msgtype": "text", "text": {"content": "x"}}, "touser"),
        ({"filter": {"is_to_all": True}, "msgtype": "video", "video": {"media_id": "v"}}, "msgtype"),
        ({"filter": {}, "msgtype": "text", "text": {"content": "x"}}, "filter.tag_id"),
        ({"filter": {"is_to_all": True}, "msgtype": "text"}, "text"),
        ("not an object", "body"),
    ]
    for body, field in cases:
        response = await notifier.post(f"/v1/apps/{app_id}/mass-messages", json=body, headers=AUTH)
        assert response.status == 400
        answer = await response.json()
        assert (answer["error"], answer["field"]) == ("invalid_message", field)
    valid = {"filter": {"is_to_all": True}, "msgtype": "text", "text": {"content": "x"}}
    assert (await notifier.post(f"/v1/apps/{app_id}/mass-messages", json=valid)).status == 401
    assert (await notifier.post("/v1/apps/wxnobody/mass-messages", json=valid, headers=AUTH)).status == 404
    assert (await notifier.get("/v1/mass-messages/nope", headers=AUTH)).status == 404
    assert await metric(notifier, 'wxmp_notifier_accepted_total{kind="mass",path="http"}') == 0
    assert await fake_jobs(fake_wechat) == []


async def test_a_broadcast_command_over_the_broker_is_one_job(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, amqp: AbstractRobustConnection
) -> None:
    notifier = await make_notifier()
    openids = await followers(fake_wechat, 2)
    body = {"touser": openids, "msgtype": "text", "text": {"content": "hi"}, "client_msg_id": "from-crm-1"}
    await publish_command(amqp, f"{app_id}.mass.send", body, times=2)  # the same command twice: one broadcast

    async def both_handled() -> bool:
        return await metric(notifier, 'wxmp_notifier_messages_total{consumer="mass",outcome="handled"}') >= 2

    await eventually(both_handled, within=15, what="both commands handled")
    [job] = await fake_jobs(fake_wechat)
    assert job["body"]["clientmsgid"] == "from-crm-1" and await calls(fake_wechat, SEND) == 1
