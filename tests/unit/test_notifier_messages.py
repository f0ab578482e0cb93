"""The notifier's message models: every validation rule with its exact message, the bodies WeChat
receives, batches, and parsing that never fails with anything but InvalidMessage."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.notifier.messages import (
    MAX_BATCH,
    InvalidMessage,
    TemplateMessage,
    parse_batch,
    parse_custom,
    parse_template,
)

URL_RULE = "must be an absolute http(s) URL"
ID_RULE = "must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -"
MSGTYPE_RULE = "must be one of text, image, voice, video, music, news, mpnewsarticle, msgmenu, wxcard, miniprogrampage"
MPNEWS_RETIRED = (
    "WeChat stopped mpnews customer-service messages: "
    "send msgtype mpnewsarticle with the article_id of a published article instead"
)
KF_RULE = (
    "must be prefix@wechat_id: a prefix of at most 10 letters, digits or _, "
    "then the account's WeChat ID (at most 30 characters)"
)
MINIPROGRAM_PAGE = {"title": "Order", "appid": "wxmini", "pagepath": "pages/order?id=1", "thumb_media_id": "T9"}


def template(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"touser": "oUser1", "template_id": "tpl-1", "data": {"first": {"value": "Hello"}}}
    return {key: value for key, value in (payload | changes).items() if value is not ...}


def custom(msgtype: str, body: Any, **changes: Any) -> dict[str, Any]:
    return {"touser": "oUser1", "msgtype": msgtype, msgtype: body} | changes


def batch(**changes: Any) -> dict[str, Any]:
    return template(touser=["o1", "o2", "o3"]) | changes


def problems(parse: Any, payload: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidMessage) as caught:
        parse(payload)
    return caught.value.problems


# --- InvalidMessage ----------------------------------------------------------------------


def test_one_problem_reads_field_colon_reason() -> None:
    exc = InvalidMessage("data.first.value", "required")
    assert isinstance(exc, ValueError)
    assert (exc.field, exc.reason, exc.problems) == ("data.first.value", "required", ("data.first.value: required",))
    assert str(exc) == "data.first.value: required"


def test_several_problems_name_the_first_and_list_all() -> None:
    with pytest.raises(InvalidMessage) as caught:
        parse_template({"touser": "", "url": "ftp://x", "data": {"first": {"value": "v", "color": "red"}}})
    exc = caught.value
    assert (exc.field, exc.reason) == ("touser", "must not be empty")
    assert exc.problems == (
        "touser: must not be empty",
        "template_id: required",
        f"url: {URL_RULE}",
        "data.first.color: must be #RRGGBB",
    )
    assert str(exc) == "; ".join(exc.problems)


@pytest.mark.parametrize("payload", [None, [], ["touser"], "touser", 3, 1.5, True])
@pytest.mark.parametrize("parse", [parse_template, parse_custom, parse_batch])
def test_a_body_that_is_not_an_object_is_refused(parse: Any, payload: Any) -> None:
    assert problems(parse, payload) == ("body: must be a JSON object",)


# --- template messages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"touser": ...}, "touser: required"),
        ({"touser": ""}, "touser: must not be empty"),
        ({"touser": "o" * 65}, "touser: must be at most 64 characters"),
        ({"touser": 12}, "touser: must be a string"),
        ({"touser": None}, "touser: must be a string"),
        ({"template_id": ...}, "template_id: required"),
        ({"template_id": ""}, "template_id: must not be empty"),
        ({"template_id": "t" * 129}, "template_id: must be at most 128 characters"),
        ({"url": "ftp://example.com/a"}, f"url: {URL_RULE}"),
        ({"url": "/relative/path"}, f"url: {URL_RULE}"),
        ({"url": "https://"}, f"url: {URL_RULE}"),
        ({"url": "https://exa mple.com"}, f"url: {URL_RULE}"),
        ({"url": "http://[::1"}, f"url: {URL_RULE}"),
        ({"url": 5}, "url: must be a string"),
        ({"miniprogram": "wxapp"}, "miniprogram: must be an object"),
        ({"miniprogram": {}}, "miniprogram.appid: required"),
        ({"miniprogram": {"appid": ""}}, "miniprogram.appid: must not be empty"),
        ({"miniprogram": {"appid": "wxmini", "path": "p"}}, "miniprogram.path: unknown field"),
        ({"data": ...}, "data: required"),
        ({"data": []}, "data: must be an object"),
        ({"data": {"first": "Hello"}}, "data.first: must be an object"),
        ({"data": {"first": {}}}, "data.first.value: required"),
        ({"data": {"first": {"value": 3}}}, "data.first.value: must be a string"),
        ({"data": {"first": {"value": "v" * 1001}}}, "data.first.value: must be at most 1000 characters"),
        ({"data": {"first": {"value": "v", "size": 2}}}, "data.first.size: unknown field"),
        ({"data": {"first": {"value": "v", "color": "red"}}}, "data.first.color: must be #RRGGBB"),
        ({"data": {"first": {"value": "v", "color": "#12345"}}}, "data.first.color: must be #RRGGBB"),
        ({"data": {"first": {"value": "v", "color": "#1234567"}}}, "data.first.color: must be #RRGGBB"),
        ({"data": {"first": {"value": "v", "color": "#GG0000"}}}, "data.first.color: must be #RRGGBB"),
        ({"data": {"": {"value": "v"}}}, "data: keys must be non-empty strings"),
        ({"client_msg_id": ""}, f"client_msg_id: {ID_RULE}"),
        ({"client_msg_id": "a b"}, f"client_msg_id: {ID_RULE}"),
        ({"client_msg_id": "a" * 65}, f"client_msg_id: {ID_RULE}"),
        ({"client_msg_id": "订单"}, f"client_msg_id: {ID_RULE}"),
        ({"topcolor": "#FF0000"}, "topcolor: unknown field"),
    ],
)
def test_template_rules(changes: dict[str, Any], problem: str) -> None:
    assert problems(parse_template, template(**changes)) == (problem,)


@pytest.mark.parametrize(
    "changes",
    [
        {"touser": "o" * 64},
        {"template_id": "t" * 128},
        {"url": "HTTPS://example.com/path?q=1#frag"},
        {"url": None, "miniprogram": None, "client_msg_id": None},
        {"data": {}},
        {"data": {"first": {"value": "", "color": "#aBcD09"}}},
        {"data": {"first": {"value": "v" * 1000}}},
        {"client_msg_id": "Aa0_-" + "z" * 59},
    ],
)
def test_template_limits_accept(changes: dict[str, Any]) -> None:
    parse_template(template(**changes))


def test_template_body_minimal() -> None:
    message = parse_template(template(client_msg_id="order-1"))
    assert message.client_msg_id == "order-1"
    assert message.wechat_body("given-id") == {
        "touser": "oUser1",
        "template_id": "tpl-1",
        "client_msg_id": "given-id",
        "data": {"first": {"value": "Hello"}},
    }


def test_template_body_with_url_miniprogram_and_colors() -> None:
    message = parse_template(
        template(
            url="https://example.com/order/1",
            miniprogram={"appid": "wxmini", "pagepath": "pages/order?id=1"},
            data={"first": {"value": "Paid", "color": "#173177"}, "remark": {"value": "Thanks"}},
        )
    )
    assert message.wechat_body("m-1") == {
        "touser": "oUser1",
        "template_id": "tpl-1",
        "url": "https://example.com/order/1",
        "miniprogram": {"appid": "wxmini", "pagepath": "pages/order?id=1"},
        "client_msg_id": "m-1",
        "data": {"first": {"value": "Paid", "color": "#173177"}, "remark": {"value": "Thanks"}},
    }


def test_template_body_miniprogram_without_pagepath() -> None:
    body = parse_template(template(miniprogram={"appid": "wxmini"})).wechat_body("m-1")
    assert body["miniprogram"] == {"appid": "wxmini"}
    assert "url" not in body


def test_template_messages_are_frozen() -> None:
    message = parse_template(template())
    with pytest.raises(ValueError, match="frozen"):
        message.touser = "other"  # type: ignore[misc]


# --- customer-service messages -----------------------------------------------------------

ARTICLE: dict[str, Any] = {"title": "Spring sale", "url": "https://example.com/sale"}
MENU: dict[str, Any] = {
    "head_content": "Satisfied?",
    "list": [{"id": "101", "content": "Yes"}],
    "tail_content": "Thanks",
}
MUSIC: dict[str, Any] = {
    "musicurl": "https://m.example.com/a.mp3",
    "hqmusicurl": "https://m.example.com/a.flac",
    "thumb_media_id": "T",
}


@pytest.mark.parametrize(
    ("msgtype", "body", "sent"),
    [
        ("text", {"content": "Hi"}, {"content": "Hi"}),
        ("image", {"media_id": "M1"}, {"media_id": "M1"}),
        ("voice", {"media_id": "M2"}, {"media_id": "M2"}),
        ("video", {"media_id": "M3"}, {"media_id": "M3"}),
        (
            "video",
            {"media_id": "M3", "thumb_media_id": "T3", "title": "Clip", "description": "A clip"},
            {"media_id": "M3", "thumb_media_id": "T3", "title": "Clip", "description": "A clip"},
        ),
        ("music", MUSIC, MUSIC),
        ("music", MUSIC | {"title": "Song", "description": "D"}, MUSIC | {"title": "Song", "description": "D"}),
        ("news", {"articles": [ARTICLE]}, {"articles": [ARTICLE]}),
        (
            "news",
            {"articles": [ARTICLE | {"description": "D", "picurl": "https://example.com/p.jpg"}]},
            {"articles": [ARTICLE | {"description": "D", "picurl": "https://example.com/p.jpg"}]},
        ),
        ("mpnewsarticle", {"article_id": "A4"}, {"article_id": "A4"}),
        ("msgmenu", MENU, MENU),
        ("wxcard", {"card_id": "pCard1"}, {"card_id": "pCard1"}),
        ("miniprogrampage", MINIPROGRAM_PAGE, MINIPROGRAM_PAGE),
    ],
)
def test_custom_body_per_msgtype(msgtype: str, body: dict[str, Any], sent: dict[str, Any]) -> None:
    message = parse_custom(custom(msgtype, body))
    assert message.wechat_body() == {"touser": "oUser1", "msgtype": msgtype, msgtype: sent}


@pytest.mark.parametrize("kf_account", ["kf01@gh_account", "a@b", "k_2025@my-shop_1", "0123456789@" + "w" * 30])
def test_customservice_kf_account_is_prefix_at_the_accounts_wechat_id(kf_account: str) -> None:
    message = parse_custom(custom("miniprogrampage", MINIPROGRAM_PAGE, customservice={"kf_account": kf_account}))
    assert message.wechat_body()["customservice"] == {"kf_account": kf_account}


def test_mpnews_is_never_sent_even_when_built_without_validation() -> None:
    message = parse_custom(custom("text", {"content": "Hi"}))
    assert "mpnews" not in message.wechat_body() and "mpnews" not in message.model_dump(exclude_none=True)


def test_custom_body_with_customservice_and_client_msg_id() -> None:
    payload = custom("text", {"content": "Hi"}, customservice={"kf_account": "kf01@gh_account"}, client_msg_id="c-1")
    message = parse_custom(payload)
    assert message.client_msg_id == "c-1"
    assert message.wechat_body() == {
        "touser": "oUser1",
        "msgtype": "text",
        "text": {"content": "Hi"},
        "customservice": {"kf_account": "kf01@gh_account"},
    }


def test_custom_message_dumps_back_to_what_it_parses() -> None:
    message = parse_custom(custom("msgmenu", MENU))
    assert parse_custom(message.model_dump(exclude_none=True)) == message


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"touser": "o", "msgtype": "text"}, ("text: required for msgtype text",)),
        ({"touser": "o", "msgtype": "news", "news": None}, ("news: required for msgtype news",)),
        (custom("text", {"content": "Hi"}, image={"media_id": "M"}), ("image: not allowed with msgtype text",)),
        (custom("text", {"content": "Hi"}, image={}), ("image: not allowed with msgtype text",)),
        (
            {"touser": "o", "msgtype": "image", "text": {"content": "Hi"}},
            (
                "text: not allowed with msgtype image",
                "image: required for msgtype image",
            ),
        ),
        ({"touser": "o", "text": {"content": "Hi"}}, ("msgtype: required",)),
        (custom("link", {"url": "x"}), ("msgtype: " + MSGTYPE_RULE, "link: unknown field")),
        ({"touser": "o", "msgtype": "TEXT", "text": {"content": "Hi"}}, ("msgtype: " + MSGTYPE_RULE,)),
        (custom("text", {"content": "Hi"}, touser=""), ("touser: must not be empty",)),
        (custom("text", {"content": ""}), ("text.content: must not be empty",)),
        (custom("text", {"content": 1}), ("text.content: must be a string",)),
        (custom("text", "Hi"), ("text: must be an object",)),
        (custom("text", {"content": "Hi", "x": 1}), ("text.x: unknown field",)),
        (custom("image", {}), ("image.media_id: required",)),
        (custom("voice", {"media_id": ""}), ("voice.media_id: must not be empty",)),
        (custom("video", {"thumb_media_id": "T"}), ("video.media_id: required",)),
        (custom("mpnews", {"media_id": "M4"}), (f"msgtype: {MPNEWS_RETIRED}",)),
        (custom("text", {"content": "Hi"}, mpnews={"media_id": "M4"}), (f"mpnews: {MPNEWS_RETIRED}",)),
        (custom("mpnewsarticle", {}), ("mpnewsarticle.article_id: required",)),
        (custom("mpnewsarticle", {"article_id": ""}), ("mpnewsarticle.article_id: must not be empty",)),
        (
            custom("mpnewsarticle", {"media_id": "M4"}),
            (
                "mpnewsarticle.article_id: required",
                "mpnewsarticle.media_id: unknown field",
            ),
        ),
        (custom("wxcard", {"card_id": 7}), ("wxcard.card_id: must be a string",)),
        (custom("wxcard", {"card_id": "c", "card_ext": "{}"}), ("wxcard.card_ext: unknown field",)),
        (
            custom("miniprogrampage", {k: v for k, v in MINIPROGRAM_PAGE.items() if k != "thumb_media_id"}),
            ("miniprogrampage.thumb_media_id: required",),
        ),
        (custom("miniprogrampage", MINIPROGRAM_PAGE | {"appid": ""}), ("miniprogrampage.appid: must not be empty",)),
        (
            custom("miniprogrampage", MINIPROGRAM_PAGE | {"thumb_url": "u"}),
            ("miniprogrampage.thumb_url: unknown field",),
        ),
        (custom("music", {k: v for k, v in MUSIC.items() if k != "musicurl"}), ("music.musicurl: required",)),
        (custom("music", MUSIC | {"hqmusicurl": "m.flac"}), ("music.hqmusicurl: " + URL_RULE,)),
        (custom("music", MUSIC | {"thumb_media_id": ""}), ("music.thumb_media_id: must not be empty",)),
        (custom("news", {"articles": []}), ("news.articles: must have at least 1 item",)),
        (custom("news", {"articles": [ARTICLE, ARTICLE]}), ("news.articles: must have at most 1 item",)),
        (custom("news", {"articles": ARTICLE}), ("news.articles: must be a list",)),
        (custom("news", {"articles": [{"title": "T"}]}), ("news.articles[0].url: required",)),
        (custom("news", {"articles": [ARTICLE | {"title": ""}]}), ("news.articles[0].title: must not be empty",)),
        (custom("news", {"articles": [ARTICLE | {"url": "sale"}]}), ("news.articles[0].url: " + URL_RULE,)),
        (custom("news", {"articles": [ARTICLE | {"picurl": "p.jpg"}]}), ("news.articles[0].picurl: " + URL_RULE,)),
        (custom("msgmenu", MENU | {"list": []}), ("msgmenu.list: must have at least 1 item",)),
        (custom("msgmenu", MENU | {"list": MENU["list"] * 11}), ("msgmenu.list: must have at most 10 items",)),
        (custom("msgmenu", MENU | {"list": [{"id": "1"}]}), ("msgmenu.list[0].content: required",)),
        (custom("msgmenu", MENU | {"list": [{"id": "", "content": "c"}]}), ("msgmenu.list[0].id: must not be empty",)),
        (
            custom("msgmenu", {k: v for k, v in MENU.items() if k != "head_content"}),
            ("msgmenu.head_content: required",),
        ),
        (custom("msgmenu", MENU | {"items": MENU["list"]}), ("msgmenu.items: unknown field",)),
        (custom("text", {"content": "Hi"}, customservice={}), ("customservice.kf_account: required",)),
        (
            custom("text", {"content": "Hi"}, customservice={"kf_account": "kf01"}),
            (f"customservice.kf_account: {KF_RULE}",),
        ),
        (
            custom("text", {"content": "Hi"}, customservice={"kf_account": "@gh_account"}),
            (f"customservice.kf_account: {KF_RULE}",),
        ),
        (
            custom("text", {"content": "Hi"}, customservice={"kf_account": "prefix_is_11@gh_a"}),
            (f"customservice.kf_account: {KF_RULE}",),
        ),
        (
            custom("text", {"content": "Hi"}, customservice={"kf_account": "kf01@" + "w" * 31}),
            (f"customservice.kf_account: {KF_RULE}",),
        ),
        (
            custom("text", {"content": "Hi"}, customservice={"kf_account": "kf 1@gh_account"}),
            (f"customservice.kf_account: {KF_RULE}",),
        ),
        (custom("text", {"content": "Hi"}, client_msg_id="a:b"), (f"client_msg_id: {ID_RULE}",)),
        (custom("text", {"content": "Hi"}, kf="x"), ("kf: unknown field",)),
    ],
)
def test_custom_rules(payload: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert problems(parse_custom, payload) == expected


def test_custom_msgmenu_accepts_ten_items() -> None:
    parse_custom(custom("msgmenu", MENU | {"list": [{"id": str(i), "content": "c"} for i in range(10)]}))


# --- batches -----------------------------------------------------------------------------


def test_batch_becomes_one_message_per_openid() -> None:
    payload = batch(url="https://example.com/o", miniprogram={"appid": "wxmini"}, client_batch_id="b-1")
    parsed = parse_batch(payload)
    assert parsed.client_batch_id == "b-1"
    messages = parsed.messages()
    assert [m.touser for m in messages] == ["o1", "o2", "o3"]
    assert all(isinstance(m, TemplateMessage) and m.client_msg_id is None for m in messages)
    single = {k: v for k, v in payload.items() if k != "client_batch_id"} | {"touser": "o2"}
    assert messages[1] == parse_template(single)
    assert messages[1].wechat_body("x") == parse_template(single).wechat_body("x")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"touser": ["a", "b", "a", "c", "b", "a"]},
            ("touser[2]: duplicate openid", "touser[4]: duplicate openid", "touser[5]: duplicate openid"),
        ),
        ({"touser": []}, ("touser: must have at least 1 item",)),
        ({"touser": "o1"}, ("touser: must be a list",)),
        ({"touser": [f"o{i}" for i in range(MAX_BATCH + 1)]}, ("touser: must have at most 10000 items",)),
        ({"touser": ["o1", "", 7]}, ("touser[1]: must not be empty", "touser[2]: must be a string")),
        ({"touser": ["o1", "o" * 65]}, ("touser[1]: must be at most 64 characters",)),
        ({"client_batch_id": "b 1"}, (f"client_batch_id: {ID_RULE}",)),
        ({"client_msg_id": "m-1"}, ("client_msg_id: unknown field",)),
        ({"data": {"first": {"value": "v", "color": "blue"}}}, ("data.first.color: must be #RRGGBB",)),
    ],
)
def test_batch_rules(changes: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert problems(parse_batch, batch(**changes)) == expected


def test_batch_accepts_the_limit() -> None:
    assert len(parse_batch(batch(touser=[f"o{i}" for i in range(MAX_BATCH)])).messages()) == MAX_BATCH


# --- anything at all ---------------------------------------------------------------------

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=80)
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
)
NAMES = [
    "touser",
    "template_id",
    "url",
    "miniprogram",
    "data",
    "client_msg_id",
    "client_batch_id",
    "msgtype",
    "text",
    "image",
    "video",
    "music",
    "news",
    "msgmenu",
    "mpnews",
    "mpnewsarticle",
    "wxcard",
    "miniprogrampage",
    "customservice",
    "value",
    "color",
    "appid",
    "list",
]
# Objects made of the models' own field names reach the deeper rules more often than random keys.
NEAR = st.recursive(
    SCALARS | st.sampled_from(["text", "news", "msgmenu", "https://example.com", "#FF0000"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES), inner, max_size=6),
)
VALID = [template(), batch(), custom("text", {"content": "Hi"}), custom("news", {"articles": [ARTICLE]})]
# A valid message with one field replaced by anything: reaches every validator of every field.
MUTATED = st.builds(
    lambda base, name, value: base | {name: value}, st.sampled_from(VALID), st.sampled_from(NAMES), JSON
)


@given(payload=JSON | NEAR | MUTATED)
@pytest.mark.parametrize("parse", [parse_template, parse_custom, parse_batch])
def test_parsing_fails_only_with_invalid_message(parse: Any, payload: Any) -> None:
    try:
        parse(payload)
    except InvalidMessage as exc:
        assert exc.problems and exc.problems[0] == f"{exc.field}: {exc.reason}"
        assert str(exc) == "; ".join(exc.problems)
