"""Broadcast requests: one audience within WeChat's limits, one content of a broadcast type, the
preview, and the sendall/send/preview bodies WeChat receives."""

from typing import Any

import pytest

from services.notifier.messages import InvalidMessage, parse_mass
from services.notifier.messages_mass import AUDIENCE_RULE, MAX_OPENIDS

MPNEWS = {"mpnews": {"media_id": "draft-1"}, "msgtype": "mpnews"}
ONE_PERSON = "a preview goes to touser (an openid) or towxname (a WeChat ID): exactly one"
AS_MPVIDEO = "a broadcast sends a video as mpvideo, with the media_id media/uploadvideo answers"
NO_TAG = "filter.tag_id: required unless is_to_all is true"


def mass(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"filter": {"is_to_all": True}, **MPNEWS}
    return {key: value for key, value in (payload | changes).items() if value is not ...}


def problems(payload: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidMessage) as caught:
        parse_mass(payload)
    return caught.value.problems


def openids(count: int) -> list[str]:
    return [f"oFollower{i}" for i in range(count)]


@pytest.mark.parametrize(
    ("audience", "path", "sent"),
    [
        ({"filter": {"is_to_all": True}}, "sendall", {"filter": {"is_to_all": True}}),
        ({"filter": {"tag_id": 2}}, "sendall", {"filter": {"is_to_all": False, "tag_id": 2}}),
        ({"filter": {"is_to_all": False, "tag_id": 0}}, "sendall", {"filter": {"is_to_all": False, "tag_id": 0}}),
        ({"filter": ..., "touser": ["oA", "oB"]}, "send", {"touser": ["oA", "oB"]}),
    ],
)
def test_each_audience_goes_to_its_endpoint(audience: dict[str, Any], path: str, sent: dict[str, Any]) -> None:
    broadcast = parse_mass(mass(**audience)).broadcast("job-1")
    assert broadcast.path == f"cgi-bin/message/mass/{path}"
    assert broadcast.body() == {**sent, **MPNEWS, "send_ignore_reprint": 0, "clientmsgid": "job-1"}


@pytest.mark.parametrize(
    ("content", "part"),
    [
        ({"msgtype": "text", "text": {"content": "Hello"}}, {"text": {"content": "Hello"}}),
        ({"msgtype": "voice", "voice": {"media_id": "v1"}}, {"voice": {"media_id": "v1"}}),
        (
            {"msgtype": "image", "images": {"media_ids": ["i1", "i2"], "recommend": "新品"}},
            {"images": {"media_ids": ["i1", "i2"], "recommend": "新品", "need_open_comment": 0,
                        "only_fans_can_comment": 0}},
        ),
        ({"msgtype": "mpvideo", "mpvideo": {"media_id": "mv1"}}, {"mpvideo": {"media_id": "mv1"}}),
        (
            {"msgtype": "mpvideo", "mpvideo": {"media_id": "mv1", "title": "T", "description": "D"}},
            {"mpvideo": {"media_id": "mv1", "title": "T", "description": "D"}},
        ),
        ({"msgtype": "wxcard", "wxcard": {"card_id": "pCard"}}, {"wxcard": {"card_id": "pCard"}}),
    ],
)  # fmt: skip
def test_each_content_type(content: dict[str, Any], part: dict[str, Any]) -> None:
    payload = {"filter": {"tag_id": 1}, **content}
    body = parse_mass(payload).broadcast("c").body()
    assert body == {
        "filter": {"is_to_all": False, "tag_id": 1},
        **part,
        "msgtype": content["msgtype"],
        "clientmsgid": "c",
    }


def test_articles_carry_send_ignore_reprint() -> None:
    assert parse_mass(mass(send_ignore_reprint=1)).broadcast("c").body()["send_ignore_reprint"] == 1


@pytest.mark.parametrize("count", [2, MAX_OPENIDS])
def test_openid_lists_from_2_to_10000(count: int) -> None:
    assert len(parse_mass(mass(filter=..., touser=openids(count))).broadcast("c").body()["touser"]) == count


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"filter": ...}, (f"touser: required without filter: {AUDIENCE_RULE}",)),
        ({"touser": ["oA", "oB"]}, (f"touser: not allowed with filter: {AUDIENCE_RULE}",)),
        ({"filter": ..., "touser": ["oA"]}, ("touser: must have at least 2 items",)),
        ({"filter": ..., "touser": openids(MAX_OPENIDS + 1)}, ("touser: must have at most 10000 items",)),
        (
            {"filter": ..., "touser": ["oA", "oB", "oA", "oA"]},
            ("touser[2]: duplicate openid", "touser[3]: duplicate openid"),
        ),
        ({"filter": ..., "touser": ["oA", "o B"]}, ("touser[1]: must not contain whitespace",)),
        ({"filter": ..., "touser": "oA,oB"}, ("touser: must be a list",)),
        ({"filter": {}}, (NO_TAG,)),
        ({"filter": {"is_to_all": False}}, (NO_TAG,)),
        ({"filter": {"is_to_all": True, "tag_id": 2}}, ("filter.tag_id: not allowed with is_to_all true",)),
        ({"filter": {"is_to_all": "true"}}, ("filter.is_to_all: Input should be a valid boolean",)),
        ({"filter": {"tag_id": "2"}}, ("filter.tag_id: Input should be a valid integer",)),
        ({"filter": {"tag_id": -1}}, ("filter.tag_id: Input should be greater than or equal to 0",)),
        ({"filter": {"group_id": 2}}, (NO_TAG, "filter.group_id: unknown field")),
        ({"msgtype": ...}, ("msgtype: required",)),
        ({"msgtype": "video"}, (f"msgtype: {AS_MPVIDEO}",)),
        ({"msgtype": "news"}, ("msgtype: a broadcast sends articles as mpnews, with the media_id of a draft",)),
        ({"msgtype": "music"}, ("msgtype: must be one of mpnews, text, voice, image, mpvideo, wxcard",)),
        ({"msgtype": "text"}, ("mpnews: not allowed with msgtype text", "text: required for msgtype text")),
        ({"mpnews": {}}, ("mpnews.media_id: required",)),
        ({"mpnews": {"media_id": "a b"}}, ("mpnews.media_id: must not contain whitespace",)),
        (
            {"msgtype": "image", "mpnews": ..., "images": {"media_ids": []}},
            ("images.media_ids: must have at least 1 item",),
        ),
        (
            {"msgtype": "image", "mpnews": ..., "image": {"media_id": "i"}},
            ("images: required for msgtype image", "image: unknown field"),
        ),
        ({"msgtype": "text", "mpnews": ..., "text": {"content": ""}}, ("text.content: must not be empty",)),
        ({"msgtype": "wxcard", "mpnews": ..., "wxcard": {}}, ("wxcard.card_id: required",)),
        ({"send_ignore_reprint": 2}, ("send_ignore_reprint: must be one of 0, 1",)),
        ({"preview": "oA"}, ("preview: must be an object",)),
        ({"preview": {}}, (f"preview.towxname: {ONE_PERSON}",)),
        ({"preview": {"touser": "oA", "towxname": "boss"}}, (f"preview.towxname: {ONE_PERSON}",)),
        ({"client_msg_id": "x" * 65}, ("client_msg_id: must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",)),
        ({"clientmsgid": "mine"}, ("clientmsgid: unknown field",)),
    ],
)
def test_mass_rules(changes: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert problems(mass(**changes)) == expected


def test_a_body_that_is_not_an_object_is_refused() -> None:
    assert problems(["not", "an", "object"]) == ("body: must be a JSON object",)


@pytest.mark.parametrize(
    ("preview", "person"),
    [({"touser": "oBoss"}, {"touser": "oBoss"}), ({"towxname": "boss_wx"}, {"towxname": "boss_wx"})],
)
def test_the_preview_goes_to_one_person(preview: dict[str, str], person: dict[str, str]) -> None:
    request = parse_mass(mass(preview=preview)).preview_request()
    assert request is not None and request.body() == {**person, **MPNEWS}


def test_a_picture_broadcast_previews_its_first_picture() -> None:
    payload = {
        "filter": {"tag_id": 1},
        "msgtype": "image",
        "images": {"media_ids": ["i1", "i2"]},
        "preview": {"touser": "oB"},
    }
    request = parse_mass(payload).preview_request()
    assert request is not None and request.body() == {"touser": "oB", "image": {"media_id": "i1"}, "msgtype": "image"}


def test_no_preview_unless_asked() -> None:
    assert parse_mass(mass()).preview_request() is None


def test_the_request_dumps_back_to_what_it_parses() -> None:
    message = parse_mass(mass(filter={"tag_id": 3}, preview={"touser": "oB"}, client_msg_id="spring-sale"))
    assert parse_mass(message.model_dump(mode="json", exclude_none=True)) == message
