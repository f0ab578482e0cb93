"""Passive replies render to WeChat's exact reply XML, and invalid replies are refused."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.replies import (
    REPLY_ADAPTER,
    Article,
    ImageReply,
    MusicReply,
    NewsReply,
    TextReply,
    TransferCustomerServiceReply,
    VideoReply,
    VoiceReply,
    render_reply,
)
from shared.xml import parse_xml

FOLLOWER = "oMgHVjngRipVsoxg6TuX3vz6glDg"
ACCOUNT = "gh_e136c6e50636"
NOW = 1700000123


def rendered(reply: Any) -> dict[str, Any]:
    """The reply XML parsed back (xmltodict's shape: ``<item>`` lists under ``item``)."""
    return parse_xml(render_reply(reply, to_user=FOLLOWER, from_user=ACCOUNT, create_time=NOW).encode())


def head(msg_type: str) -> dict[str, Any]:
    return {"ToUserName": FOLLOWER, "FromUserName": ACCOUNT, "CreateTime": str(NOW), "MsgType": msg_type}


def test_text_reply_exact_string() -> None:
    xml = render_reply(TextReply(content="你好 <b>&</b>"), to_user=FOLLOWER, from_user=ACCOUNT, create_time=NOW)
    assert xml == (
        "<xml>"
        f"<ToUserName><![CDATA[{FOLLOWER}]]></ToUserName>"
        f"<FromUserName><![CDATA[{ACCOUNT}]]></FromUserName>"
        f"<CreateTime>{NOW}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        "<Content><![CDATA[你好 <b>&</b>]]></Content>"
        "</xml>"
    )


def test_reply_goes_to_the_follower_from_the_account() -> None:
    xml = render_reply(TextReply(content="x"), to_user="oA", from_user="gh_B", create_time=5)
    fields = parse_xml(xml.encode())
    assert (fields["ToUserName"], fields["FromUserName"], fields["CreateTime"]) == ("oA", "gh_B", "5")


@pytest.mark.parametrize(
    ("reply", "body"),
    [
        (TextReply(content="Hi!"), {"Content": "Hi!"}),
        (ImageReply(media_id="img-1"), {"Image": {"MediaId": "img-1"}}),
        (VoiceReply(media_id="voice-1"), {"Voice": {"MediaId": "voice-1"}}),
        (
            VideoReply(media_id="video-1", title="T", description="D"),
            {"Video": {"MediaId": "video-1", "Title": "T", "Description": "D"}},
        ),
        (
            MusicReply(
                title="Song",
                description="Artist",
                music_url="http://m.example.com/a.mp3",
                hq_music_url="http://m.example.com/a-hq.mp3",
                thumb_media_id="thumb-1",
            ),
            {
                "Music": {
                    "Title": "Song",
                    "Description": "Artist",
                    "MusicUrl": "http://m.example.com/a.mp3",
                    "HQMusicUrl": "http://m.example.com/a-hq.mp3",
                    "ThumbMediaId": "thumb-1",
                }
            },
        ),
        (
            NewsReply(
                articles=[Article(title="T1", description="D1", pic_url="http://p/1.jpg", url="http://u/1")],
            ),
            {
                "ArticleCount": "1",
                "Articles": {
                    "item": [{"Title": "T1", "Description": "D1", "PicUrl": "http://p/1.jpg", "Url": "http://u/1"}]
                },
            },
        ),
        (
            NewsReply(
                articles=[
                    Article(title="T1", description="D1", pic_url="http://p/1.jpg", url="http://u/1"),
                    Article(title="T2", description="D2", pic_url="http://p/2.jpg", url="http://u/2"),
                ],
            ),
            {
                "ArticleCount": "2",
                "Articles": {
                    "item": [
                        {"Title": "T1", "Description": "D1", "PicUrl": "http://p/1.jpg", "Url": "http://u/1"},
                        {"Title": "T2", "Description": "D2", "PicUrl": "http://p/2.jpg", "Url": "http://u/2"},
                    ]
                },
            },
        ),
        (TransferCustomerServiceReply(), {}),
        (
            TransferCustomerServiceReply(kf_account="test1@test"),
            {"TransInfo": {"KfAccount": "test1@test"}},
        ),
    ],
    ids=["text", "image", "voice", "video", "music", "news_one", "news_two", "transfer", "transfer_to_kf"],
)
def test_reply_renders_wechat_elements(reply: Any, body: dict[str, Any]) -> None:
    assert rendered(reply) == head(reply.type) | body


def test_transfer_customer_service_msg_type() -> None:
    assert rendered(TransferCustomerServiceReply())["MsgType"] == "transfer_customer_service"


def test_elements_follow_wechat_order() -> None:
    xml = render_reply(
        NewsReply(articles=[Article(title="T", description="D", pic_url="P", url="U")]),
        to_user=FOLLOWER,
        from_user=ACCOUNT,
        create_time=NOW,
    )
    names = ["<ToUserName>", "<FromUserName>", "<CreateTime>", "<MsgType>", "<ArticleCount>", "<Articles>"]
    positions = [xml.index(name) for name in names]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("data", "model"),
    [
        ({"type": "text", "content": "Hi"}, TextReply),
        ({"type": "image", "media_id": "m"}, ImageReply),
        ({"type": "voice", "media_id": "m"}, VoiceReply),
        ({"type": "video", "media_id": "m"}, VideoReply),
        ({"type": "music", "thumb_media_id": "t"}, MusicReply),
        ({"type": "news", "articles": [{"title": "T"}]}, NewsReply),
        ({"type": "transfer_customer_service"}, TransferCustomerServiceReply),
    ],
)
def test_reply_adapter_picks_the_model_by_type(data: dict[str, Any], model: type) -> None:
    assert type(REPLY_ADAPTER.validate_python(data)) is model


@pytest.mark.parametrize(
    "data",
    [
        {"type": "link", "url": "http://x"},
        {"content": "no type"},
        {"type": "text"},
        {"type": "image"},
        {"type": "music", "title": "no thumb"},
        {"type": "news", "articles": []},
        {"type": "news", "articles": [{"title": f"T{i}"} for i in range(9)]},
        {"type": "news", "articles": [{"description": "no title"}]},
        {"type": "text", "content": "Hi", "contnet": "typo"},
    ],
    ids=[
        "unknown_type",
        "no_type",
        "text_without_content",
        "image_without_media_id",
        "music_without_thumb",
        "news_with_0_articles",
        "news_with_9_articles",
        "article_without_title",
        "extra_field",
    ],
)
def test_reply_adapter_refuses_invalid_replies(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        REPLY_ADAPTER.validate_python(data)


def test_news_accepts_up_to_eight_articles() -> None:
    reply = REPLY_ADAPTER.validate_python({"type": "news", "articles": [{"title": f"T{i}"} for i in range(8)]})
    fields = rendered(reply)
    assert fields["ArticleCount"] == "8"
    assert [item["Title"] for item in fields["Articles"]["item"]] == [f"T{i}" for i in range(8)]
