"""Auto-reply rules: what matches, the reply WeChat gets, placeholders, and precise load errors."""

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.dispatcher.rules import RulesError, RuleSet
from shared.replies import NewsReply, TextReply, render_reply
from shared.xml import parse_xml

EXAMPLE = Path(__file__).parents[2] / "config" / "reply_rules.example.yaml"
FOLLOWER = "oMgHVjngRipVsoxg6TuX3vz6glDg"
ACCOUNT = "gh_e136c6e50636"
APP = "wxdemo0000000001"
MATCH_KEYS = "app_id, msg_type, event, event_key, keyword, contains, regex"
REPLY_TYPES = "text, image, voice, video, music, news, transfer_customer_service"


def event(msg_type: str = "text", **fields: Any) -> dict[str, Any]:
    """A normalized event as the gateway publishes it."""
    return {
        "id": "wx:msg:1",
        "app_id": APP,
        "msg_type": msg_type,
        "event": None,
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1700000000,
        "msg_id": 1,
        **fields,
    }


def text(content: str, **fields: Any) -> dict[str, Any]:
    return event("text", content=content, **fields)


def click(key: str, name: str = "click") -> dict[str, Any]:
    return event("event", event=name, event_key=key, msg_id=None)


def rules(yaml_rules: str) -> RuleSet:
    return RuleSet.from_yaml("rules:\n" + yaml_rules)


def answer(ruleset: RuleSet, incoming: dict[str, Any]) -> str | None:
    """The content of the text reply to ``incoming`` (None: no reply)."""
    reply = ruleset.reply_for(incoming)
    if reply is None:
        return None
    assert isinstance(reply, TextReply)
    return reply.content


def load_error(yaml_text: str) -> str:
    with pytest.raises(RulesError) as caught:
        RuleSet.from_yaml(yaml_text)
    return str(caught.value)


# --- matching ---------------------------------------------------------------------------------


def test_keyword_is_the_whole_text_case_insensitive() -> None:
    ruleset = rules("- {match: {msg_type: text, keyword: Hello}, reply: {type: text, content: Hi}}\n")
    assert answer(ruleset, text("hello")) == "Hi"
    assert answer(ruleset, text("  HELLO \n")) == "Hi"
    assert answer(ruleset, text("hello there")) is None
    assert answer(ruleset, text("say hello")) is None


def test_keyword_folds_case_beyond_ascii() -> None:
    ruleset = rules("- {match: {keyword: STRASSE}, reply: {type: text, content: ok}}\n")
    assert answer(ruleset, text("straße")) == "ok"


def test_contains_is_a_substring_case_insensitive() -> None:
    ruleset = rules("- {match: {msg_type: text, contains: price}, reply: {type: text, content: list}}\n")
    assert answer(ruleset, text("What is the PRICE of tea?")) == "list"
    assert answer(ruleset, text("prize")) is None


def test_regex_groups_fill_the_reply() -> None:
    ruleset = rules(
        '- {match: {msg_type: text, regex: "^order (\\\\d+)$"}, reply: {type: text, content: "Order {1} ({0})"}}\n'
    )
    assert answer(ruleset, text("order 42")) == "Order 42 (order 42)"
    assert answer(ruleset, text("my order 42")) is None


def test_regex_is_searched_and_case_sensitive_unless_it_says_otherwise() -> None:
    ruleset = rules(
        "- {match: {regex: 'refund'}, reply: {type: text, content: a}}\n"
        "- {match: {regex: '(?i)^help$'}, reply: {type: text, content: b}}\n"
    )
    assert answer(ruleset, text("I want a refund now")) == "a"
    assert answer(ruleset, text("REFUND")) is None
    assert answer(ruleset, text("HELP")) == "b"


def test_named_regex_groups_are_placeholders_too() -> None:
    ruleset = rules("- {match: {regex: '^track (?P<code>\\w+)$'}, reply: {type: text, content: 'Tracking {code}'}}\n")
    assert answer(ruleset, text("track SF123")) == "Tracking SF123"


def test_msg_type_restricts_the_rule() -> None:
    ruleset = rules("- {match: {msg_type: image}, reply: {type: text, content: nice picture}}\n")
    assert answer(ruleset, event("image", pic_url="http://x", media_id="m")) == "nice picture"
    assert answer(ruleset, text("hello")) is None


def test_event_is_case_insensitive() -> None:
    ruleset = rules("- {match: {msg_type: event, event: Subscribe}, reply: {type: text, content: Welcome}}\n")
    assert answer(ruleset, event("event", event="subscribe")) == "Welcome"
    assert answer(ruleset, event("event", event="SUBSCRIBE")) == "Welcome"
    assert answer(ruleset, event("event", event="unsubscribe")) is None


def test_event_key_is_exact() -> None:
    ruleset = rules("- {match: {msg_type: event, event: click, event_key: NEWS}, reply: {type: text, content: n}}\n")
    assert answer(ruleset, click("NEWS")) == "n"
    assert answer(ruleset, click("news")) is None
    assert answer(ruleset, click("NEWS", name="view")) is None


def test_empty_event_key_matches_a_follow_without_a_scene() -> None:
    ruleset = rules(
        "- {match: {event: subscribe, event_key: ''}, reply: {type: text, content: plain}}\n"
        "- {match: {event: subscribe}, reply: {type: text, content: 'scene {event_key}'}}\n"
    )
    assert answer(ruleset, event("event", event="subscribe", event_key=None)) == "plain"
    assert answer(ruleset, event("event", event="subscribe", event_key="qrscene_7")) == "scene qrscene_7"


def test_a_rule_with_an_app_id_applies_only_to_that_account() -> None:
    ruleset = rules(
        "- {match: {app_id: wx1234, msg_type: text}, reply: {type: text, content: mine}}\n"
        "- {match: {msg_type: text}, reply: {type: text, content: everyone}}\n"
    )
    assert answer(ruleset, text("hi", app_id="wx1234")) == "mine"
    assert answer(ruleset, text("hi", app_id="wx9999")) == "everyone"


def test_first_match_wins_in_file_order() -> None:
    ruleset = rules(
        "- {match: {contains: tea}, reply: {type: text, content: first}}\n"
        "- {match: {keyword: green tea}, reply: {type: text, content: second}}\n"
        "- {match: {app_id: wxdemo0000000001}, reply: {type: text, content: account}}\n"
    )
    assert answer(ruleset, text("green tea")) == "first"
    assert answer(ruleset, event("image")) == "account"


def test_fallback_catches_what_the_others_miss() -> None:
    ruleset = rules(
        "- {match: {msg_type: text, keyword: hello}, reply: {type: text, content: Hi!}}\n"
        "- {match: {msg_type: text}, reply: {type: text, content: 'You said: {content}'}}\n"
    )
    assert answer(ruleset, text("hello")) == "Hi!"
    assert answer(ruleset, text("anything")) == "You said: anything"
    assert answer(ruleset, click("NEWS")) is None


def test_empty_match_matches_everything() -> None:
    ruleset = rules("- {match: {}, reply: {type: text, content: any}}\n")
    assert answer(ruleset, event("location", location_x=23.1)) == "any"
    assert answer(ruleset, click("X")) == "any"


def test_voice_recognition_matches_text_rules() -> None:
    ruleset = rules(
        "- {match: {keyword: hello}, reply: {type: text, content: 'heard {recognition}'}}\n"
        "- {match: {msg_type: voice, contains: 价格}, reply: {type: text, content: prices}}\n"
    )
    assert answer(ruleset, event("voice", media_id="m", format="amr", recognition="Hello。")) == "heard Hello。"
    assert answer(ruleset, event("voice", media_id="m", recognition="现在的价格是多少？")) == "prices"
    assert answer(ruleset, event("voice", media_id="m", recognition=None)) is None
    assert answer(ruleset, event("voice", media_id="m")) is None


def test_text_tests_never_match_an_event_or_another_message_type() -> None:
    ruleset = rules("- {match: {keyword: hello}, reply: {type: text, content: Hi}}\n")
    assert answer(ruleset, event("image", content="hello")) is None
    assert answer(ruleset, event("event", event="click", event_key="hello", content="hello")) is None


def test_len_counts_the_rules() -> None:
    assert len(RuleSet.from_yaml("rules: []")) == 0
    assert len(RuleSet.load(EXAMPLE)) == 21


# --- replies as WeChat gets them ---------------------------------------------------------------


def reply_xml(ruleset: RuleSet, incoming: dict[str, Any]) -> dict[str, Any]:
    """The reply XML for ``incoming``, as the gateway would send it, parsed back."""
    reply = ruleset.reply_for(incoming)
    assert reply is not None
    xml = render_reply(reply, to_user=incoming["from_user"], from_user=incoming["to_user"], create_time=1700000009)
    fields = parse_xml(xml.encode())
    assert (fields["ToUserName"], fields["FromUserName"], fields["CreateTime"]) == (FOLLOWER, ACCOUNT, "1700000009")
    return fields


@pytest.mark.parametrize(
    ("incoming", "msg_type", "body"),
    [
        (text("Hello"), "text", {"Content": "Hi! Send 'menu' to see what I can do."}),
        (text("logo"), "image", {"Image": {"MediaId": "demo-image-media-id"}}),
        (text("voice"), "voice", {"Voice": {"MediaId": "demo-voice-media-id"}}),
        (
            text("video"),
            "video",
            {"Video": {"MediaId": "demo-video-media-id", "Title": "Welcome", "Description": "A tour of the shop"}},
        ),
        (
            text("music"),
            "music",
            {
                "Music": {
                    "Title": "Shop radio",
                    "Description": "Today's playlist",
                    "MusicUrl": "https://example.com/static/radio.mp3",
                    "HQMusicUrl": "https://example.com/static/radio-hq.mp3",
                    "ThumbMediaId": "demo-thumb-media-id",
                }
            },
        ),
        (
            click("NEWS"),
            "news",
            {
                "ArticleCount": "1",
                "Articles": {
                    "item": [
                        {
                            "Title": "This week at the shop",
                            "Description": "New arrivals, opening hours and the summer sale.",
                            "PicUrl": "https://example.com/static/news/week.jpg",
                            "Url": f"https://example.com/news/week?from={FOLLOWER}",
                        }
                    ]
                },
            },
        ),
        (text("人工"), "transfer_customer_service", {}),
        (text("order 123456"), "text", {"Content": "Order 123456 received — we will message you when it ships."}),
        (event("event", event="subscribe", event_key="qrscene_42"), "text", {}),
    ],
    ids=["text", "image", "voice", "video", "music", "news", "transfer", "regex", "subscribe-scene"],
)
def test_example_file_replies_in_wechat_shape(incoming: dict[str, Any], msg_type: str, body: dict[str, Any]) -> None:
    fields = reply_xml(RuleSet.load(EXAMPLE), incoming)
    assert fields["MsgType"] == msg_type
    assert fields.items() >= body.items()
    if msg_type == "transfer_customer_service":
        assert set(fields) == {"ToUserName", "FromUserName", "CreateTime", "MsgType"}


def test_example_file_welcomes_with_the_scene_and_answers_per_account() -> None:
    ruleset = RuleSet.load(EXAMPLE)
    subscribe = event("event", event="subscribe", event_key="qrscene_42")
    assert reply_xml(ruleset, subscribe)["Content"] == "Welcome! You followed us by scanning qrscene_42."
    assert reply_xml(ruleset, event("event", event="subscribe"))["Content"].startswith("Welcome! Send")
    assert reply_xml(ruleset, text("account"))["Content"] == "You said: account"
    own = reply_xml(ruleset, text("account", app_id="wxdemo0000000002"))["Content"]
    assert own == f"You are talking to {ACCOUNT}, the plaintext demo account (wxdemo0000000002)."
    assert reply_xml(ruleset, event("voice", recognition="你好。"))["Content"].startswith("你好！")
    picture = event("image", media_id="m-1", pic_url="https://example.com/p.jpg")
    assert reply_xml(ruleset, picture)["Content"] == "Nice picture! (media m-1)"
    place = event("location", location_x=23.13, location_y=113.26, scale=15, label="Guangzhou")
    assert reply_xml(ruleset, place)["Content"] == "Got your location: Guangzhou (23.13, 113.26)."
    help_click = event("event", event="click", event_key="HELP")
    assert reply_xml(ruleset, help_click)["Content"].startswith("Type 'hello'")
    assert ruleset.reply_for(event("link", url="https://example.com")) is None


# --- placeholders ------------------------------------------------------------------------------


def only_reply(reply_yaml: str, match_yaml: str = "{}") -> RuleSet:
    return rules(f"- match: {match_yaml}\n  reply: {reply_yaml}\n")


def test_placeholders_take_event_fields() -> None:
    ruleset = only_reply("{type: text, content: '{from_user} to {to_user} at {create_time} on {app_id}: {content}'}")
    assert answer(ruleset, text("hi")) == f"{FOLLOWER} to {ACCOUNT} at 1700000000 on {APP}: hi"


def test_a_missing_field_renders_as_nothing() -> None:
    ruleset = only_reply("{type: text, content: '[{event_key}|{no_such_field}|{msg_id}]'}")
    assert answer(ruleset, event("event", event="subscribe", msg_id=None)) == "[||]"


def test_nested_event_values_render_as_json() -> None:
    ruleset = only_reply("{type: text, content: '{scan_code_info}'}")
    info = {"scan_type": "qrcode", "scan_result": "扫码"}
    assert answer(ruleset, click("S", name="scancode_waitmsg") | {"scan_code_info": info}) == (
        '{"scan_type": "qrcode", "scan_result": "扫码"}'
    )


def test_placeholders_in_nested_article_fields() -> None:
    ruleset = only_reply(
        "{type: news, articles: [{title: 'For {from_user}', description: '{1}', url: 'https://x/?k={1}'}]}",
        "{regex: '^news (\\w+)$'}",
    )
    reply = ruleset.reply_for(text("news sports"))
    assert isinstance(reply, NewsReply)
    article = reply.articles[0]
    assert (article.title, article.description, article.url, article.pic_url) == (
        f"For {FOLLOWER}",
        "sports",
        "https://x/?k=sports",
        "",
    )


def test_double_braces_are_literal_braces() -> None:
    static = only_reply("{type: text, content: '{{json}} stays'}")
    assert answer(static, text("x")) == "{json} stays"
    dynamic = only_reply("{type: text, content: '{{{content}}}'}")
    assert answer(dynamic, text("x")) == "{x}"


def test_event_values_are_not_formatted_again() -> None:
    ruleset = only_reply("{type: text, content: 'You said: {content}'}")
    assert answer(ruleset, text("{from_user} {0.__class__}")) == "You said: {from_user} {0.__class__}"


def test_a_reply_without_placeholders_is_shared() -> None:
    ruleset = only_reply("{type: text, content: same}")
    assert ruleset.reply_for(text("a")) is ruleset.reply_for(text("b"))


def test_attribute_and_index_access_are_refused() -> None:
    message = load_error("rules:\n- {match: {}, reply: {type: text, content: '{content.__class__} {content[0]}'}}\n")
    assert message == (
        "rule 1: reply.content: {content.__class__}: attribute and index access are not supported\n"
        "rule 1: reply.content: {content[0]}: attribute and index access are not supported"
    )


# --- load errors: each kind, exact message -----------------------------------------------------


def one_rule(match: str = "{}", reply: str = "{type: text, content: ok}") -> str:
    return f"rules:\n  - match: {match}\n    reply: {reply}\n"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("rules:\n  - match: {}\n   reply: x\n", "rules file: not valid YAML at line 3, column 4"),
        ("", "rules file: expected a mapping with a rules list"),
        ("- match: {}\n", "rules file: expected a mapping with a rules list"),
        ("rules: []\nrulez: []\n", "rules file: rulez: unknown field (expected rules)"),
        ("rules:\n", "rules file: rules: expected a list of rules (rules: [] for none)"),
        ("rules:\n  - hello\n", "rule 1: expected a mapping with match and reply"),
        (
            "rules:\n  - {reply: {type: text, content: a}}\n  - {match: {}}\n",
            "rule 1: match: missing\nrule 2: reply: missing",
        ),
        (one_rule() + "    name: x\n", "rule 1: name: unknown field (a rule has match and reply)"),
        (
            "rules:\n  - {match: [], reply: {type: text, content: a}}\n",
            "rule 1: match: expected a mapping ({} matches everything)",
        ),
        (
            one_rule("{msg_type: text, kw: hi}"),
            f"rule 1: match.kw: unknown field (expected one of {MATCH_KEYS})",
        ),
        (one_rule("{keyword: 1}"), "rule 1: match.keyword: expected a string, not 1 (quote it)"),
        (one_rule("{keyword: '  '}"), "rule 1: match.keyword: must not be empty"),
        (
            one_rule("{keyword: a, regex: b}"),
            "rule 1: match: at most one of keyword, contains, regex (found keyword and regex)",
        ),
        (
            one_rule("{msg_type: image, contains: a}"),
            "rule 1: match.contains: only applies to msg_type text or voice (this rule matches msg_type image)",
        ),
        (
            one_rule("{event: click, keyword: a}"),
            "rule 1: match.keyword: only applies to msg_type text or voice (this rule matches msg_type event)",
        ),
        (
            one_rule("{msg_type: text, event_key: A}"),
            "rule 1: match.event_key: only applies to msg_type event (this rule has msg_type text)",
        ),
        (one_rule("{regex: 'order (\\d+'}"), "rule 1: match.regex: missing ), unterminated subpattern at position 6"),
        (
            one_rule(reply="{type: txt, content: a}"),
            f"rule 1: reply.type: 'txt' is not one of {REPLY_TYPES}",
        ),
        (one_rule(reply="{content: a}"), f"rule 1: reply.type: missing (one of {REPLY_TYPES})"),
        (one_rule(reply="hello"), f"rule 1: reply: expected a mapping with a type (one of {REPLY_TYPES})"),
        (one_rule(reply="{type: text, content: a, colour: red}"), "rule 1: reply.colour: unknown field"),
        (one_rule(reply="{type: image}"), "rule 1: reply.media_id: missing"),
        (one_rule(reply="{type: text, content: 5}"), "rule 1: reply.content: Input should be a valid string"),
        (
            one_rule(reply="{type: news, articles: [{title: a}, {url: b}]}"),
            "rule 1: reply.articles[2].title: missing",
        ),
        (
            one_rule("{regex: '^order (\\d+)$'}", "{type: text, content: '{2}'}"),
            "rule 1: reply.content: {2}: match.regex has only 1 group(s)",
        ),
        (
            one_rule("{keyword: a}", "{type: text, content: '{1}'}"),
            "rule 1: reply.content: {1}: regex groups need a match.regex",
        ),
        (
            one_rule("{keyword: a, colour: red}", "{type: text, content: '{1}'}"),
            f"rule 1: match.colour: unknown field (expected one of {MATCH_KEYS})\n"
            "rule 1: reply.content: {1}: regex groups need a match.regex",
        ),
        (
            one_rule("{regex: '(a'}", "{type: text, content: '{1}'}"),
            "rule 1: match.regex: missing ), unterminated subpattern at position 0",  # {1} checked once it is fixed
        ),
        (
            one_rule("{regex: '(a)', colour: red}", "{type: text, content: '{2}'}"),
            f"rule 1: match.colour: unknown field (expected one of {MATCH_KEYS})\n"
            "rule 1: reply.content: {2}: match.regex has only 1 group(s)",
        ),
        (
            one_rule(reply="{type: text, content: '{content!r} {content:>9}'}"),
            "rule 1: reply.content: {content!r}: conversions and format specs are not supported\n"
            "rule 1: reply.content: {content:>9}: conversions and format specs are not supported",
        ),
        (
            one_rule(reply="{type: text, content: 'a {} b'}"),
            "rule 1: reply.content: {}: empty placeholder (write {{ or }} for a literal brace)",
        ),
        (
            one_rule(reply="{type: text, content: '{ content }'}"),
            "rule 1: reply.content: { content }: not a field name",
        ),
        (
            one_rule(reply="{type: text, content: 'a } b'}"),
            "rule 1: reply.content: Single '}' encountered in format string (write {{ or }} for a literal brace)",
        ),
    ],
)
def test_bad_file_gives_a_precise_error(yaml_text: str, message: str) -> None:
    assert load_error(yaml_text) == message


def test_every_problem_is_reported_at_once() -> None:
    yaml_text = (
        "rules:\n"
        "  - {match: {keyword: hello}, reply: {type: text, content: Hi}}\n"
        "  - {match: {msg_type: text}, reply: {type: txt, content: a}}\n"
        "  - {match: {regex: 'a(b', keyword: x}, reply: {type: image}}\n"
    )
    with pytest.raises(RulesError) as caught:
        RuleSet.from_yaml(yaml_text)
    assert caught.value.problems == (
        f"rule 2: reply.type: 'txt' is not one of {REPLY_TYPES}",
        "rule 3: match: at most one of keyword, contains, regex (found keyword and regex)",
        "rule 3: match.regex: missing ), unterminated subpattern at position 1",
        "rule 3: reply.media_id: missing",
    )
    assert str(caught.value) == "\n".join(caught.value.problems)
    assert isinstance(caught.value, ValueError)


def test_load_reports_an_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    with pytest.raises(RulesError, match=r"^rules file: cannot read .*absent\.yaml: No such file or directory$"):
        RuleSet.load(missing)


# --- robustness --------------------------------------------------------------------------------

EVENT_KEYS = ["id", "app_id", "msg_type", "event", "from_user", "to_user", "content", "event_key", "recognition"]
MSG_TYPES = ["text", "voice", "event", "image", "TEXT", ""]


@given(
    st.dictionaries(st.one_of(st.sampled_from(EVENT_KEYS), st.text(max_size=8)), st.text(max_size=30)),
    st.sampled_from(MSG_TYPES),
    st.sampled_from(["hello", "order 1234", "人工", "subscribe", "click", "NEWS", "{0}", "{{"]),
)
def test_reply_for_never_raises(fields: dict[str, str], msg_type: str, word: str) -> None:
    ruleset = RuleSet.load(EXAMPLE)
    for incoming in (fields, {"msg_type": msg_type, "content": word, "event": word, **fields}):
        reply = ruleset.reply_for(incoming)
        if reply is not None:
            render_reply(reply, to_user="o", from_user="gh", create_time=1)


@given(st.text(max_size=200))
def test_any_text_loads_or_raises_rules_error(yaml_text: str) -> None:
    with contextlib.suppress(RulesError):
        RuleSet.from_yaml(yaml_text)
