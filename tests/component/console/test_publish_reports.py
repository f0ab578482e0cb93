"""WeChat reports the end of every publish job to the account's server (PUBLISHJOBFINISH); so does the
sandbox, through the gateway, for the jobs of its fake WeChat."""

from typing import Any

import aiohttp

from sandbox.console.accounts import original_id
from sandbox.console.publish_reports import publish_job_finish_xml
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.library import DEFAULT_PUBLISH_SECONDS
from sandbox.fake_wechat.publishing import JobReport
from shared.xml import parse_xml
from tests.component.console.conftest import Received, Sandbox
from tests.component.wechat_content import JPEG
from tests.conftest import FAKE_APP_SECRET
from tests.waiting import eventually

SUCCESS = JobReport("wxapp", "2247503051", 0, "b5O2OUs25HBx", ("https://mp.weixin.qq.com/s/a", "https://x/b"), (), 0)
FAILED = JobReport("wxapp", "2247503052", 2, None, (), (1, 2), 0)


def test_the_report_of_a_published_job_is_shaped_as_wechat_sends_it() -> None:
    gh = original_id("wxapp")
    assert publish_job_finish_xml(SUCCESS, now=1_481_013_459).decode() == (
        f"<xml><ToUserName><![CDATA[{gh}]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>"
        "<CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        "<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>2247503051</publish_id>"
        "<publish_status>0</publish_status><article_id><![CDATA[b5O2OUs25HBx]]></article_id>"
        "<article_detail><count>2</count>"
        "<item><idx>1</idx><article_url><![CDATA[https://mp.weixin.qq.com/s/a]]></article_url></item>"
        "<item><idx>2</idx><article_url><![CDATA[https://x/b]]></article_url></item>"
        "</article_detail></PublishEventInfo></xml>"
    )


def test_the_report_of_a_failed_job_lists_each_failed_article() -> None:
    fields = parse_xml(publish_job_finish_xml(FAILED, now=1))
    assert fields["PublishEventInfo"] == {"publish_id": "2247503052", "publish_status": "2", "fail_idx": ["1", "2"]}


def _reports(sandbox: Sandbox) -> list[Received]:
    return [r for r in sandbox.gateway.received if r.inbound is not None and r.event.event == "publishjobfinish"]


async def _submit(sandbox: Sandbox) -> dict[str, Any]:
    """Upload a cover, add a draft and submit it, as the account's services would."""
    query = {"grant_type": "client_credential", "appid": sandbox.account.app_id, "secret": FAKE_APP_SECRET}
    token = (await (await sandbox.client.get("/cgi-bin/token", params=query)).json())["access_token"]
    form = aiohttp.FormData()
    form.add_field("media", JPEG, filename="cover.jpg")
    params = {"access_token": token, "type": "thumb"}
    cover = (await (await sandbox.client.post("/cgi-bin/material/add_material", params=params, data=form)).json())[
        "media_id"
    ]
    articles = [{"title": "发布", "content": "<p>正文</p>", "thumb_media_id": cover}]
    draft = await sandbox.wechat("POST", "/cgi-bin/draft/add", {"articles": articles})
    return await sandbox.wechat("POST", "/cgi-bin/freepublish/submit", {"media_id": draft["media_id"]})


async def test_a_job_ended_by_the_control_api_is_reported_through_the_gateway(sandbox: Sandbox) -> None:
    submitted = await _submit(sandbox)
    response = await sandbox.client.post("/_control/publish/finish", json={"publish_id": submitted["publish_id"]})
    assert response.status == 200, await response.text()

    await eventually(lambda: bool(_reports(sandbox)), within=10)
    [report] = _reports(sandbox)
    assert (report.event.from_user, report.event.app_id) == ("mphelper", sandbox.account.app_id)
    assert "msg_signature" in report.query  # the account's own mode: safe, encrypted
    info = report.event.model_dump()["publish_event_info"]
    job = await sandbox.wechat("POST", "/cgi-bin/freepublish/get", {"publish_id": submitted["publish_id"]})
    assert str(info["publish_id"]) == submitted["publish_id"]
    assert (str(info["publish_status"]), info["article_id"]) == ("0", job["article_id"])
    items = info["article_detail"]["item"]
    items = items if isinstance(items, list) else [items]  # one <item>: a list once the gateway reads it as one
    assert [(str(i["idx"]), i["article_url"]) for i in items] == [
        (str(i["idx"]), i["article_url"]) for i in job["article_detail"]["item"]
    ]


async def test_a_job_that_ends_on_the_fakes_clock_is_reported(sandbox: Sandbox) -> None:
    submitted = await _submit(sandbox)
    sandbox.app[FAKE].clock.advance(DEFAULT_PUBLISH_SECONDS)

    await eventually(lambda: bool(_reports(sandbox)), within=10)
    [report] = _reports(sandbox)
    assert str(report.event.model_dump()["publish_event_info"]["publish_id"]) == submitted["publish_id"]
