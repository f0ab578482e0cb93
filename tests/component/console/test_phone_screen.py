"""What the follower's phone shows besides passive replies: customer-service and template messages the
services sent through the fake's real endpoints, and the custom menu created through the menu API."""

from typing import Any

from sandbox.fake_wechat import FAKE
from shared.replies import TextReply
from tests.component.console.conftest import MENU, Sandbox
from tests.conftest import FAKE_APP_SECRET

OPENID, OTHER = "o_sandbox_tester", "o_sandbox_other"


async def test_customer_service_and_template_messages_show_for_their_recipient_only(sandbox: Sandbox) -> None:
    await sandbox.send(action="text", content="where is my order?")
    await sandbox.wechat(
        "POST", "/cgi-bin/message/custom/send", {"touser": OPENID, "msgtype": "text", "text": {"content": "On its way"}}
    )
    await sandbox.wechat(
        "POST", "/cgi-bin/message/custom/send", {"touser": OTHER, "msgtype": "text", "text": {"content": "not yours"}}
    )
    sent = await sandbox.wechat(
        "POST",
        "/cgi-bin/message/template/send",
        {
            "touser": OPENID,
            "template_id": "tpl-shipping",
            "url": "https://shop.example/o/9",
            "data": {"first": {"value": "Shipped", "color": "#173177"}, "keyword1": {"value": "SF123"}},
        },
    )
    items = await sandbox.timeline()
    assert [(i["source"], i["type"]) for i in items] == [("you", "text"), ("custom", "text"), ("template", "template")]
    assert items[1]["content"] == "On its way"
    template = items[2]
    assert (template["template_id"], template["url"], template["msgid"]) == (
        "tpl-shipping",
        "https://shop.example/o/9",
        sent["msgid"],
    )
    assert template["data"] == {
        "first": {"value": "Shipped", "color": "#173177"},
        "keyword1": {"value": "SF123", "color": None},
    }
    assert [i["content"] for i in await sandbox.timeline(OTHER)] == ["not yours"]


async def test_after_returns_only_what_is_new(sandbox: Sandbox) -> None:
    await sandbox.wechat(
        "POST", "/cgi-bin/message/custom/send", {"touser": OPENID, "msgtype": "text", "text": {"content": "one"}}
    )
    first = await sandbox.get("/sandbox/api/timeline", app_id=sandbox.account.app_id, openid=OPENID, after=0)
    await sandbox.wechat(
        "POST",
        "/cgi-bin/message/custom/send",
        {"touser": OPENID, "msgtype": "news", "news": {"articles": [{"title": "Read me", "url": "https://n.example"}]}},
    )
    second = await sandbox.get(
        "/sandbox/api/timeline", app_id=sandbox.account.app_id, openid=OPENID, after=first["last_seq"]
    )
    assert [i["type"] for i in second["items"]] == ["news"]
    assert second["items"][0]["articles"] == [
        {"title": "Read me", "description": "", "url": "https://n.example", "pic_url": ""}
    ]
    assert second["last_seq"] > first["last_seq"]
    again = await sandbox.get(
        "/sandbox/api/timeline", app_id=sandbox.account.app_id, openid=OPENID, after=second["last_seq"]
    )
    assert (again["items"], again["last_seq"]) == ([], second["last_seq"])


async def test_a_message_sent_while_the_reply_is_prepared_comes_before_the_reply(sandbox: Sandbox) -> None:
    """A service that sends a customer-service message while answering: it was delivered first."""
    state = sandbox.app[FAKE].state
    token = state.grant_token("client_credential", sandbox.account.app_id, FAKE_APP_SECRET, 1.0)

    def reply_after_sending(event: Any) -> TextReply:
        body = {"touser": event.from_user, "msgtype": "text", "text": {"content": "sent during"}}
        state.send_custom(token, body, 2.0, 2.0)
        return TextReply(content="passive")

    sandbox.gateway.reply = reply_after_sending
    await sandbox.send(action="text", content="hi")
    assert [(i["source"], i["content"]) for i in await sandbox.timeline()] == [
        ("you", "hi"),
        ("custom", "sent during"),
        ("passive", "passive"),
    ]


async def test_the_menu_created_through_the_api_comes_back(sandbox: Sandbox) -> None:
    app_id = sandbox.account.app_id
    empty: dict[str, object] = {"app_id": app_id, "menu": {"button": []}, "conditional": None}
    assert await sandbox.get("/sandbox/api/menu", app_id=app_id) == empty
    await sandbox.wechat("POST", "/cgi-bin/menu/create", MENU)
    assert await sandbox.get("/sandbox/api/menu", app_id=app_id) == {
        "app_id": app_id,
        "menu": MENU,
        "conditional": None,
    }
    other = await sandbox.get("/sandbox/api/menu", app_id=sandbox.plain.app_id)
    assert other["menu"] == {"button": []}


async def test_menu_and_timeline_need_a_known_app_and_a_good_openid(sandbox: Sandbox) -> None:
    assert (await sandbox.get("/sandbox/api/menu", expect=404, app_id="wxnobody"))["error"] == "unknown_app"
    assert (await sandbox.get("/sandbox/api/menu", expect=400))["field"] == "app_id"
    missing = await sandbox.get("/sandbox/api/timeline", expect=404, app_id="wxnobody", openid=OPENID)
    assert missing["error"] == "unknown_app"
    bad = await sandbox.get("/sandbox/api/timeline", expect=400, app_id=sandbox.account.app_id, openid="x")
    assert bad["field"] == "openid"
    after = await sandbox.get(
        "/sandbox/api/timeline", expect=400, app_id=sandbox.account.app_id, openid=OPENID, after="soon"
    )
    assert after["field"] == "after"
