"""WeChat reports the end of every broadcast job (MASSSENDJOBFINISH) and every subscription notification
that went out (subscribe_msg_sent_event) to the account's server; so does the sandbox, through the
gateway, for its fake WeChat."""

from sandbox.console.accounts import original_id
from sandbox.console.mass_reports import mass_job_finish_xml, subscribe_sent_xml
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.mass import MassReport
from sandbox.fake_wechat.subscribe import SentNotice
from shared.xml import parse_xml
from tests.component.console.conftest import Received, Sandbox
from tests.waiting import eventually

NEWS = MassReport("wxapp", 1000001625, "send success", 3, 2, 2, 0, 1, ("https://mp.weixin.qq.com/s/a",), 0)
REPRINT = MassReport("wxapp", 1000001626, "err(30003)", 0, 0, 0, 0, 3, (), 0)


def test_the_report_of_an_ended_broadcast_is_shaped_as_wechat_sends_it() -> None:
    gh = original_id("wxapp")
    assert mass_job_finish_xml(NEWS, now=1_481_013_459).decode() == (
        f"<xml><ToUserName><![CDATA[{gh}]]></ToUserName><FromUserName><![CDATA[mphelper]]></FromUserName>"
        "<CreateTime>1481013459</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        "<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1000001625</MsgID>"
        "<Status><![CDATA[send success]]></Status><TotalCount>3</TotalCount><FilterCount>2</FilterCount>"
        "<SentCount>2</SentCount><ErrorCount>0</ErrorCount>"
        "<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState>"
        "</CopyrightCheckResult><ArticleUrlResult><Count>1</Count><ResultList><item><ArticleIdx>1</ArticleIdx>"
        "<ArticleUrl><![CDATA[https://mp.weixin.qq.com/s/a]]></ArticleUrl></item></ResultList></ArticleUrlResult>"
        "</xml>"
    )


def test_an_article_judged_a_reprint_is_listed_in_the_copyright_check() -> None:
    fields = parse_xml(mass_job_finish_xml(REPRINT, now=1))
    check = fields["CopyrightCheckResult"]
    assert (check["Count"], check["CheckState"]) == ("1", "3")
    assert [item["CanReprint"] for item in check["ResultList"]["item"]] == ["0"]
    assert fields["Status"] == "err(30003)"


def test_a_sent_notification_is_reported_from_the_follower() -> None:
    fields = parse_xml(subscribe_sent_xml(SentNotice("wxapp", "oFollower1", "TMPL", 1700827132819554304, 0), now=1))
    assert (fields["FromUserName"], fields["Event"]) == ("oFollower1", "subscribe_msg_sent_event")
    assert fields["SubscribeMsgSentEvent"]["List"] == {
        "TemplateId": "TMPL", "MsgID": "1700827132819554304", "ErrorCode": "0", "ErrorStatus": "success"
    }  # fmt: skip


def _events(sandbox: Sandbox, name: str) -> list[Received]:
    return [r for r in sandbox.gateway.received if r.inbound is not None and r.event.event == name]


async def test_a_broadcast_that_ends_is_reported_through_the_gateway(sandbox: Sandbox) -> None:
    followers = {"app_id": sandbox.account.app_id, "count": 3}
    assert (await sandbox.client.post("/_control/followers", json=followers)).status == 200
    sent = await sandbox.wechat(
        "POST", "/cgi-bin/message/mass/sendall",
        {"filter": {"is_to_all": True}, "text": {"content": "本周活动"}, "msgtype": "text", "clientmsgid": "r-1"},
    )  # fmt: skip
    assert sent["errcode"] == 0
    sandbox.app[FAKE].clock.advance(3)  # the job's time comes on the fake's clock

    await eventually(lambda: bool(_events(sandbox, "masssendjobfinish")), within=10)
    [report] = _events(sandbox, "masssendjobfinish")
    assert (report.event.from_user, report.event.app_id) == ("mphelper", sandbox.account.app_id)
    fields = report.event.model_dump()
    assert str(fields["msg_id"]) == str(sent["msg_id"])
    assert (str(fields["total_count"]), str(fields["sent_count"]), str(fields["error_count"])) == ("3", "3", "0")


async def test_a_sent_notification_is_reported_through_the_gateway(sandbox: Sandbox) -> None:
    app_id = sandbox.account.app_id
    added = await sandbox.wechat("POST", "/wxaapi/newtmpl/addtemplate", {"tid": "99", "kidList": [1, 2]})
    grant = {"app_id": app_id, "openid": "oFollower1", "template_id": added["priTmplId"]}
    assert (await sandbox.client.post("/_control/subscribe/grant", json=grant)).status == 200
    data = {"thing1": {"value": "咖啡"}, "time2": {"value": "15:01"}}
    body = {"touser": "oFollower1", "template_id": added["priTmplId"], "data": data}
    sent = await sandbox.wechat("POST", "/cgi-bin/message/subscribe/bizsend", body)

    await eventually(lambda: bool(_events(sandbox, "subscribe_msg_sent_event")), within=10)
    [report] = _events(sandbox, "subscribe_msg_sent_event")
    assert report.event.from_user == "oFollower1"
    [item] = report.event.model_dump()["subscribe_msg_sent_event"]["list"]
    assert (str(item["msg_id"]), item["template_id"]) == (str(sent["msgid"]), added["priTmplId"])
