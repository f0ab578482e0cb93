"""Broadcast administration through the notifier, over real RabbitMQ and Redis, the token service and
the fake WeChat: a sent broadcast taken down (message/mass/delete with the job's msg_id, recorded on the
job, once per article), refused without a msg_id (409) or by WeChat (502 with its errcode); the
account's broadcast speed read and set (message/mass/speed/get|set), 0–4 only."""

from typing import Any

import pytest

from shared.wechat.models.draft import Article
from shared.wechat.transport import Upload
from tests.component.wechat_content import JPEG
from tests.conftest import FakeWeChat
from tests.integration.notifier_world import (
    AUTH,
    Client,
    NotifierFactory,
    make_notifier,
    metric,
    notifier_queues_cleaned,
    wait_for,
)
from tests.integration.test_notifier_mass import fake_jobs, followers, submit
from tests.integration.wechat_api import calls, direct_api

__all__ = ["make_notifier", "notifier_queues_cleaned"]  # fixtures

DELETE, SPEED_SET = "/cgi-bin/message/mass/delete", "/cgi-bin/message/mass/speed/set"
ADMIN = "wxmp_notifier_mass_admin_total"


async def sent_job(notifier: Client, fake: FakeWeChat, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """A broadcast the notifier sent and the fake finished sending (WeChat deletes only those)."""
    job = await wait_for(notifier, f"/v1/mass-messages/{await submit(notifier, app_id, body)}", "sent")
    await fake.control("mass/finish", {"app_id": fake.app_id, "msg_id": job["msg_id"]})
    return job


async def test_a_sent_broadcast_is_taken_down_article_by_article_each_once(
    services: None, aiohttp_client: Any, make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    openids = await followers(fake_wechat, 2)
    async with direct_api(aiohttp_client, fake_wechat) as api:
        cover = (await api.material.add("thumb", Upload("cover.jpg", JPEG))).media_id
        articles = [Article(title=f"第{n}篇", content="<p>正文</p>", thumb_media_id=cover) for n in (1, 2)]
        draft = await api.draft.add(articles)
    job = await sent_job(
        notifier, fake_wechat, app_id, {"touser": openids, "msgtype": "mpnews", "mpnews": {"media_id": draft}}
    )
    path = f"/v1/mass-messages/{job['id']}"
    assert job["deleted"] is False and job["deleted_articles"] == []
    for _ in range(2):  # the same deletion again: the same answer, WeChat asked once
        response = await notifier.delete(f"{path}?article_idx=2", headers=AUTH)
        assert response.status == 200, await response.text()
        answer = await response.json()
        assert (answer["deleted"], answer["deleted_articles"], answer["status"]) == (True, [2], "sent")
    assert await calls(fake_wechat, DELETE) == 1
    [fake_job] = await fake_jobs(fake_wechat)
    assert fake_job["deleted_articles"] == [2]
    response = await notifier.delete(path, headers=AUTH)  # the whole broadcast
    assert (await response.json())["deleted_articles"] == [0, 2]
    assert (await notifier.delete(f"{path}?article_idx=1", headers=AUTH)).status == 200
    assert await calls(fake_wechat, DELETE) == 2
    assert (await (await notifier.get(path, headers=AUTH)).json())["deleted_articles"] == [0, 2]
    assert await metric(notifier, f'{ADMIN}{{action="delete",outcome="ok"}}') == 4


async def test_a_deletion_without_msg_id_unknown_or_refused_by_wechat(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    refused = await submit(notifier, app_id, {"filter": {"tag_id": 999}, "msgtype": "text", "text": {"content": "x"}})
    await wait_for(notifier, f"/v1/mass-messages/{refused}", "failed")
    response = await notifier.delete(f"/v1/mass-messages/{refused}", headers=AUTH)
    assert response.status == 409 and (await response.json())["error"] == "not_sent"
    assert (await notifier.delete("/v1/mass-messages/nope", headers=AUTH)).status == 404
    assert (await notifier.delete(f"/v1/mass-messages/{refused}")).status == 401
    openids = await followers(fake_wechat, 2)
    text = await sent_job(
        notifier, fake_wechat, app_id, {"touser": openids, "msgtype": "text", "text": {"content": "y"}}
    )
    for query, status in (("?article_idx=9", 400), ("?article_idx=-1", 400), ("", 502)):
        response = await notifier.delete(f"/v1/mass-messages/{text['id']}{query}", headers=AUTH)
        assert response.status == status, await response.text()
    assert (await response.json())["errcode"] == 40008  # WeChat deletes articles and videos only
    assert await calls(fake_wechat, DELETE) == 1
    job = await (await notifier.get(f"/v1/mass-messages/{text['id']}", headers=AUTH)).json()
    assert job["deleted"] is False
    assert await metric(notifier, f'{ADMIN}{{action="delete",outcome="wechat_error"}}') == 1
    assert await metric(notifier, f'{ADMIN}{{action="delete",outcome="refused"}}') == 3


async def test_the_broadcast_speed_is_read_and_set_from_0_to_4(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str
) -> None:
    notifier = await make_notifier()
    path = f"/v1/apps/{app_id}/mass-speed"
    assert await (await notifier.get(path, headers=AUTH)).json() == {"speed": 0, "realspeed": 80}
    response = await notifier.put(path, json={"speed": 3}, headers=AUTH)
    assert response.status == 200 and await response.json() == {"speed": 3}
    assert await (await notifier.get(path, headers=AUTH)).json() == {"speed": 3, "realspeed": 30}
    for bad in ({"speed": 5}, {"speed": -1}, {"speed": "3"}, {"speed": True}, {}, [3]):
        response = await notifier.put(path, json=bad, headers=AUTH)
        assert response.status == 400 and (await response.json())["field"] == "speed", bad
    assert await calls(fake_wechat, SPEED_SET) == 1
    assert (await notifier.get("/v1/apps/wxunknown/mass-speed", headers=AUTH)).status == 404
    assert (await notifier.put(path, json={"speed": 1})).status == 401
    assert await metric(notifier, f'{ADMIN}{{action="speed_set",outcome="refused"}}') == 6
    assert await metric(notifier, f'{ADMIN}{{action="speed_get",outcome="ok"}}') == 2


@pytest.mark.parametrize("errcode", [45009])
async def test_wechat_refusing_the_speed_is_a_502_naming_its_errcode(
    make_notifier: NotifierFactory, fake_wechat: FakeWeChat, app_id: str, errcode: int
) -> None:
    notifier = await make_notifier()
    await fake_wechat.control("fail", {"path": SPEED_SET, "errcode": errcode, "count": 1})
    response = await notifier.put(f"/v1/apps/{app_id}/mass-speed", json={"speed": 2}, headers=AUTH)
    assert response.status == 502 and (await response.json())["errcode"] == errcode
