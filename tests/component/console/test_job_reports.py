"""WeChat reports every accepted template message back to the account's server
(TEMPLATESENDJOBFINISH); so does the sandbox, through the gateway."""

from sandbox.console.accounts import original_id
from sandbox.console.job_reports import job_finish_fields
from sandbox.fake_wechat.outbox import SentMessage
from shared.events.events import TemplateSendJobFinishEvent
from tests.component.console.conftest import Received, Sandbox
from tests.waiting import eventually


def _reports(sandbox: Sandbox) -> list[Received]:
    return [r for r in sandbox.gateway.received if r.inbound is not None and r.event.event == "templatesendjobfinish"]


async def test_an_accepted_template_message_is_reported_delivered_through_the_gateway(sandbox: Sandbox) -> None:
    message = {"touser": "o_sandbox_tester", "template_id": "tmpl-1", "data": {"order": {"value": "42"}}}
    sent = await sandbox.wechat("POST", "/cgi-bin/message/template/send", message)

    await eventually(lambda: bool(_reports(sandbox)), within=10)
    [report] = _reports(sandbox)
    assert isinstance(report.event, TemplateSendJobFinishEvent)
    assert (report.event.msg_id, report.event.status) == (sent["msgid"], "success")
    assert (report.event.from_user, report.event.app_id) == ("o_sandbox_tester", sandbox.account.app_id)
    assert "msg_signature" in report.query  # the account's own mode: safe, encrypted


async def test_customer_service_messages_are_not_reported(sandbox: Sandbox) -> None:
    custom = {"touser": "o_sandbox_tester", "msgtype": "text", "text": {"content": "hi"}}
    await sandbox.wechat("POST", "/cgi-bin/message/custom/send", custom)
    template = {"touser": "o_sandbox_tester", "template_id": "tmpl-2", "data": {}}
    sent = await sandbox.wechat("POST", "/cgi-bin/message/template/send", template)

    await eventually(lambda: bool(_reports(sandbox)), within=10)  # after the custom message was passed over
    assert [r.event.msg_id for r in sandbox.gateway.received] == [sent["msgid"]]


def test_the_report_is_shaped_as_wechat_sends_it() -> None:
    message = SentMessage("template", "wxapp", {"touser": "o_user"}, "token", 0.0, 0.0, msgid=2_000_000_007)
    assert job_finish_fields(message, now=1_700_000_000) == {
        "ToUserName": original_id("wxapp"),
        "FromUserName": "o_user",
        "CreateTime": 1_700_000_000,
        "MsgType": "event",
        "Event": "TEMPLATESENDJOBFINISH",
        "MsgID": 2_000_000_007,
        "Status": "success",
    }
