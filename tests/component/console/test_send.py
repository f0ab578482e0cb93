"""Sending as a follower: every callback the console sends passes the gateway's own verification in its
mode, and the passive reply (sealed as the gateway seals it) shows on the follower's phone."""

from typing import Any

import pytest
from aiohttp import web
from pydantic import SecretStr

from sandbox.console import EventLog, create_sandbox_app
from sandbox.console.accounts import original_id
from sandbox.fake_wechat import FakeWeChatConfig
from shared.accounts import Account
from shared.crypto import MessageCipher
from shared.replies import Article, NewsReply, TextReply
from shared.xml import parse_xml, render_xml
from tests.component.console.conftest import Received, Sandbox, console_config

OPENID = "o_sandbox_tester"


def echo(event: Any) -> TextReply:
    return TextReply(content=f"echo: {event.content}")


@pytest.mark.parametrize("mode", ["plaintext", "compatible", "safe"])
async def test_text_in_each_mode_is_verified_and_its_reply_shows(
    sandbox: Sandbox, cipher: MessageCipher, mode: str
) -> None:
    sandbox.gateway.reply = echo
    answer = await sandbox.send(mode=mode, action="text", content="hello ]]> <b>")
    assert answer["status"] == 200
    assert answer["reply"] == {"type": "text", "content": "echo: hello ]]> <b>"}

    (received,) = sandbox.gateway.received
    event = received.event
    assert (event.msg_type, event.model_dump()["content"], event.from_user) == ("text", "hello ]]> <b>", OPENID)
    assert event.to_user == original_id(sandbox.account.app_id)
    assert received.query["openid"] == OPENID
    body = parse_xml(received.body)
    if mode == "plaintext":
        assert "encrypt_type" not in received.query and "Encrypt" not in body
    else:
        assert received.query["encrypt_type"] == "aes" and "msg_signature" in received.query
        assert (received.inbound is not None) and received.inbound.cipher == cipher
        assert ("Content" in body) is (mode == "compatible")

    items = await sandbox.timeline()
    assert [(i["source"], i["type"], i["content"]) for i in items] == [
        ("you", "text", "hello ]]> <b>"),
        ("passive", "text", "echo: hello ]]> <b>"),
    ]
    assert items[0]["mode"] == mode
    assert answer["timeline_seq"] == items[-1]["seq"]


async def test_a_news_reply_shows_its_articles(sandbox: Sandbox) -> None:
    sandbox.gateway.reply = lambda _e: NewsReply(articles=[Article(title="Spring sale", url="https://s.example/1")])
    answer = await sandbox.send(action="click", key="NEWS")
    assert answer["reply"] == {
        "type": "news",
        "articles": [{"title": "Spring sale", "description": "", "pic_url": "", "url": "https://s.example/1"}],
    }


async def test_no_reply_is_a_send_without_a_passive_bubble(sandbox: Sandbox) -> None:
    answer = await sandbox.send(action="text", content="quiet")
    assert (answer["status"], answer["reply"]) == (200, None)
    assert [i["source"] for i in await sandbox.timeline()] == ["you"]


async def test_a_plaintext_only_account_is_called_back_in_plaintext_by_default(sandbox: Sandbox) -> None:
    sandbox.gateway.reply = echo
    answer = await sandbox.send(app_id=sandbox.plain.app_id, action="text", content="plain")
    assert answer["reply"] == {"type": "text", "content": "echo: plain"}
    (received,) = sandbox.gateway.received
    assert "encrypt_type" not in received.query and received.event.app_id == sandbox.plain.app_id


async def test_first_scan_subscribes_with_the_codes_ticket_and_the_next_is_a_scan(sandbox: Sandbox) -> None:
    code = await sandbox.wechat(
        "POST",
        "/cgi-bin/qrcode/create",
        {"action_name": "QR_LIMIT_STR_SCENE", "action_info": {"scene": {"scene_str": "poster-7"}}},
    )
    first = await sandbox.send(action="scan", scene="poster-7")
    second = await sandbox.send(action="scan", scene="poster-7")
    assert (first["following"], second["following"]) == (True, True)
    subscribe, scan = (r.event.model_dump() for r in sandbox.gateway.received)
    assert (subscribe["event"], subscribe["event_key"], subscribe["ticket"]) == (
        "subscribe",
        "qrscene_poster-7",
        code["ticket"],
    )
    assert (scan["event"], scan["event_key"], scan["ticket"]) == ("scan", "poster-7", code["ticket"])


async def test_unfollowing_makes_the_next_scan_a_subscribe_again(sandbox: Sandbox) -> None:
    await sandbox.send(action="subscribe")
    await sandbox.send(action="scan", scene="42")
    left = await sandbox.send(action="unsubscribe")
    await sandbox.send(action="scan", scene="42")
    assert left["following"] is False
    seen = [(r.event.event, r.event.model_dump().get("event_key")) for r in sandbox.gateway.received]
    assert seen == [("subscribe", None), ("scan", "42"), ("unsubscribe", None), ("subscribe", "qrscene_42")]
    timeline = await sandbox.get("/sandbox/api/timeline", app_id=sandbox.account.app_id, openid=OPENID, after=0)
    assert timeline["following"] is True


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"action": "click", "key": "V1001_TODAY"}, {"event": "click", "event_key": "V1001_TODAY"}),
        ({"action": "view", "url": "https://m.example/a"}, {"event": "view", "event_key": "https://m.example/a"}),
        (
            {"action": "location", "latitude": 23.134521, "longitude": 113.358803, "scale": 16, "label": "Tianhe"},
            {"msg_type": "location", "location_x": 23.134521, "location_y": 113.358803, "scale": 16, "label": "Tianhe"},
        ),
        (
            {"action": "image", "pic_url": "https://p.example/a.jpg"},
            {"msg_type": "image", "pic_url": "https://p.example/a.jpg"},
        ),
    ],
)
async def test_actions_arrive_typed_as_wechat_sends_them(
    sandbox: Sandbox, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    await sandbox.send(**body)
    (received,) = sandbox.gateway.received
    dumped = received.event.model_dump()
    assert {k: dumped[k] for k in expected} == expected


async def test_message_ids_are_unique_across_sends(sandbox: Sandbox) -> None:
    for n in range(5):
        await sandbox.send(action="text", content=f"m{n}")
    ids = [r.event.msg_id for r in sandbox.gateway.received]
    assert len(set(ids)) == 5 and all(isinstance(i, int) for i in ids)


# -- failures: nothing sent on bad input, 502 when the gateway fails ----------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "text"}, "content"),
        ({"action": "text", "content": ""}, "content"),
        ({"action": "text", "content": "x", "openid": "bob"}, "openid"),
        ({"action": "text", "content": "x", "mode": "secure"}, "mode"),
        ({"action": "teleport"}, "action"),
        ({"action": "location", "latitude": "north", "longitude": 1}, "latitude"),
        ({"action": "scan"}, "scene"),
        ({"action": "click"}, "key"),
        ({"action": "view", "url": "not a url"}, "url"),
        ({"action": "image", "pic_url": ""}, "pic_url"),
        ({"action": "text", "content": "x", "app_id": ""}, "app_id"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field_and_nothing_is_sent(
    sandbox: Sandbox, body: dict[str, Any], field: str
) -> None:
    answer = await sandbox.send(expect=400, **body)
    assert answer["error"] == "bad_request" and answer["field"] == field and field in answer["message"]
    assert sandbox.gateway.received == []
    assert await sandbox.timeline() == []


async def test_safe_mode_for_a_plaintext_account_is_refused(sandbox: Sandbox) -> None:
    answer = await sandbox.send(expect=400, app_id=sandbox.plain.app_id, mode="safe", action="subscribe")
    assert answer["field"] == "mode"
    assert sandbox.gateway.received == []


async def test_a_body_that_is_not_json_is_a_400(sandbox: Sandbox) -> None:
    response = await sandbox.client.post(
        "/sandbox/api/send", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400 and (await response.json())["field"] == "body"
    assert sandbox.gateway.received == []


async def test_an_unknown_app_is_a_404(sandbox: Sandbox) -> None:
    answer = await sandbox.send(expect=404, app_id="wxnobody", action="subscribe")
    assert answer["error"] == "unknown_app"
    assert sandbox.gateway.received == []


async def test_gateway_down_is_a_502_and_a_visible_error(
    aiohttp_client: Any, unused_tcp_port: int, sandbox: Sandbox
) -> None:
    config = console_config(f"http://127.0.0.1:{unused_tcp_port}", sandbox.dispatcher.url, sandbox.account)
    client = await aiohttp_client(create_sandbox_app(config, FakeWeChatConfig(), EventLog()))
    response = await client.post(
        "/sandbox/api/send",
        json={"app_id": sandbox.account.app_id, "openid": OPENID, "action": "text", "content": "hi"},
    )
    answer = await response.json()
    assert response.status == 502 and answer["status"] is None
    assert "gateway unreachable" in answer["message"]
    query = {"app_id": sandbox.account.app_id, "openid": OPENID}
    items = (await (await client.get("/sandbox/api/timeline", params=query)).json())["items"]
    assert [(i["source"], i["type"]) for i in items] == [("you", "text"), ("error", "error")]
    assert items[1]["message"] == answer["message"]


async def test_a_callback_the_gateway_refuses_is_a_502_with_its_status(sandbox: Sandbox, account: Account) -> None:
    sandbox.gateway.accounts[account.app_id] = account.model_copy(update={"token": SecretStr("other-token")})
    answer = await sandbox.send(expect=502, action="text", content="hi")
    assert answer["status"] == 403 and "403" in answer["message"]
    assert [i["source"] for i in await sandbox.timeline()] == ["you", "error"]


async def test_a_reply_with_a_forged_signature_is_a_502(sandbox: Sandbox) -> None:
    sandbox.gateway.reply = echo

    def forge(_received: Received, sealed: bytes) -> web.Response:
        envelope = parse_xml(sealed)
        return web.Response(body=render_xml(envelope | {"MsgSignature": "f" * 40}).encode())

    sandbox.gateway.raw = forge
    answer = await sandbox.send(expect=502, action="text", content="hi")
    assert answer["status"] == 200 and "signature" in answer["message"]
    assert [i["source"] for i in await sandbox.timeline()] == ["you", "error"]


async def test_a_plaintext_reply_in_safe_mode_is_a_502(sandbox: Sandbox) -> None:
    sandbox.gateway.reply = echo
    sandbox.gateway.raw = lambda received, _sealed: web.Response(
        body=render_xml(
            {
                "ToUserName": OPENID,
                "FromUserName": received.event.to_user,
                "CreateTime": 1,
                "MsgType": "text",
                "Content": "x",
            }
        ).encode()
    )
    answer = await sandbox.send(expect=502, mode="safe", action="text", content="hi")
    assert "safe-mode" in answer["message"]
