"""The follower's timeline: own items, and the fake's outbox merged in per recipient, in order."""

from typing import Any

import pytest

from sandbox.console.timeline import Timeline, outbox_item
from sandbox.fake_wechat import FakeApp, FakeWeChatConfig
from sandbox.fake_wechat.outbox import SentMessage
from sandbox.fake_wechat.state import FakeWeChatState

APP, OTHER_APP = "wxtimeline1", "wxtimeline2"
ME, SOMEONE = "o_me", "o_someone"


def sent(kind: str, body: dict[str, Any], app_id: str = APP, wall: float = 100.0) -> SentMessage:
    return SentMessage(kind, app_id, body, "token", wall, wall, 2_000_000_000 if kind == "template" else None)


def text_to(openid: str, content: str, app_id: str = APP) -> SentMessage:
    return sent("custom", {"touser": openid, "msgtype": "text", "text": {"content": content}}, app_id)


def test_a_template_message_shows_its_template_and_data() -> None:
    body = {
        "touser": ME,
        "template_id": "tpl-order",
        "url": "https://shop.example/o/1",
        "data": {"first": {"value": "Paid", "color": "#173177"}, "amount": {"value": "9.90"}},
    }
    assert outbox_item(sent("template", body)) == (
        "template",
        {
            "type": "template",
            "template_id": "tpl-order",
            "url": "https://shop.example/o/1",
            "miniprogram": None,
            "data": {"first": {"value": "Paid", "color": "#173177"}, "amount": {"value": "9.90", "color": None}},
            "msgid": 2_000_000_000,
        },
    )


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (
            {"msgtype": "text", "text": {"content": "hi"}},
            {"type": "text", "content": "hi", "kf_account": None},
        ),
        (
            {"msgtype": "image", "image": {"media_id": "M"}, "customservice": {"kf_account": "kf1@gh"}},
            {"type": "image", "media_id": "M", "kf_account": "kf1@gh"},
        ),
        (
            {"msgtype": "news", "news": {"articles": [{"title": "T", "url": "u", "picurl": "p"}]}},
            {
                "type": "news",
                "articles": [{"title": "T", "description": "", "url": "u", "pic_url": "p"}],
                "kf_account": None,
            },
        ),
        (
            {"msgtype": "msgmenu", "msgmenu": {"head_content": "Rate us", "list": [{"id": "1", "content": "Good"}]}},
            {
                "type": "msgmenu",
                "head_content": "Rate us",
                "list": [{"id": "1", "content": "Good"}],
                "kf_account": None,
            },
        ),
    ],
)
def test_customer_service_messages_show_by_msgtype(body: dict[str, Any], shown: dict[str, Any]) -> None:
    assert outbox_item(sent("custom", {"touser": ME, **body})) == ("custom", shown)


def test_outbox_messages_go_to_their_recipient_of_their_app_in_order() -> None:
    timeline, outbox = Timeline(), []
    timeline.record(APP, ME, "you", {"type": "text", "content": "hello"}, 1.0)
    outbox += [text_to(ME, "one"), text_to(SOMEONE, "not yours"), text_to(ME, "other app", OTHER_APP)]
    outbox.append(sent("template", {"touser": ME, "template_id": "t", "data": {}}))
    timeline.absorb(outbox)
    mine = timeline.since(APP, ME)
    assert [(i["source"], i.get("content")) for i in mine] == [
        ("you", "hello"),
        ("custom", "one"),
        ("template", None),
    ]
    assert [i["seq"] for i in mine] == sorted(i["seq"] for i in mine)
    assert [i["content"] for i in timeline.since(APP, SOMEONE)] == ["not yours"]
    assert [i["content"] for i in timeline.since(OTHER_APP, ME)] == ["other app"]


def test_absorbing_twice_adds_nothing_and_after_reads_only_new_items() -> None:
    timeline, outbox = Timeline(), [text_to(ME, "one")]
    timeline.absorb(outbox)
    timeline.absorb(outbox)
    seen = timeline.last_seq(APP, ME)
    assert len(timeline.since(APP, ME)) == 1
    outbox.append(text_to(ME, "two"))
    timeline.absorb(outbox)
    assert [i["content"] for i in timeline.since(APP, ME, after=seen)] == ["two"]
    assert timeline.since(APP, ME, after=timeline.last_seq(APP, ME)) == []


def test_a_reset_outbox_is_read_from_its_start() -> None:
    timeline = Timeline()
    timeline.absorb([text_to(ME, "before reset"), text_to(ME, "x")])
    timeline.absorb([text_to(ME, "after reset")])  # a new list: /_control/reset replaced the outbox
    assert [i["content"] for i in timeline.since(APP, ME)] == ["before reset", "x", "after reset"]


def test_messages_the_real_fake_accepted_are_merged() -> None:
    state = FakeWeChatState(FakeWeChatConfig(apps=(FakeApp(app_id=APP, app_secret="s"),)))
    token = state.grant_token("client_credential", APP, "s", 1000.0)
    state.send_custom(token, {"touser": ME, "msgtype": "text", "text": {"content": "from CS"}}, 1001.0, 1.0)
    state.send_template(token, {"touser": ME, "template_id": "tpl", "data": {"k": {"value": "v"}}}, 1002.0, 2.0)
    timeline = Timeline()
    timeline.absorb(state.outbox.sent)
    items = timeline.since(APP, ME)
    assert [(i["source"], i["type"], i["at"]) for i in items] == [
        ("custom", "text", 1001.0),
        ("template", "template", 1002.0),
    ]
    assert items[1]["data"] == {"k": {"value": "v", "color": None}}


def test_following_is_kept_per_app_and_openid() -> None:
    timeline = Timeline()
    assert not timeline.following(APP, ME)
    timeline.set_following(APP, ME, True)
    assert timeline.following(APP, ME)
    assert not timeline.following(OTHER_APP, ME) and not timeline.following(APP, SOMEONE)
    timeline.set_following(APP, ME, False)
    assert not timeline.following(APP, ME)


def test_conversations_and_their_items_are_bounded() -> None:
    timeline = Timeline(per_conversation=3, max_conversations=2)
    for n in range(5):
        timeline.record(APP, ME, "you", {"type": "text", "content": str(n)}, n)
    assert [i["content"] for i in timeline.since(APP, ME)] == ["2", "3", "4"]
    timeline.record(APP, "o_b", "you", {"type": "text", "content": "b"}, 0)
    timeline.record(APP, "o_c", "you", {"type": "text", "content": "c"}, 0)  # evicts the least recent: ME
    assert timeline.since(APP, ME) == [] and timeline.last_seq(APP, ME) == 0
    assert [i["content"] for i in timeline.since(APP, "o_c")] == ["c"]
