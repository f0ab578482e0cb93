"""What WeChat validates, checked before a call: articles, followers and tags, comments, short keys, quotas."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.models.base import NetworkCheck, QuotaRequest
from shared.wechat.models.comment import CommentQuery, CommentRef, CommentType
from shared.wechat.models.draft import Article, Draft
from shared.wechat.models.publish import PublishState, PublishStatus
from shared.wechat.models.shorten import LONG_DATA_BYTES, MAX_EXPIRE_SECONDS, ShortenRequest
from shared.wechat.models.users import (
    BLACKLIST_PER_CALL,
    PROFILES_PER_CALL,
    TAGGING_PER_CALL,
    BlacklistBatch,
    NewTag,
    ProfilesRequest,
    Remark,
    TagMembers,
    TagRename,
    UserRef,
)

ARTICLE: dict[str, Any] = {"title": "标题", "content": "<p>正文</p>", "thumb_media_id": "THUMB"}

# -- tags, remarks, batches -----------------------------------------------------------------------


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)  # 3 bytes each in UTF-8
_ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
names_within_30_bytes = (
    st.text(min_size=1, max_size=7)  # any character is at most 4 bytes
    | st.text(_ASCII, min_size=1, max_size=30)
    | st.text(_CJK, min_size=1, max_size=10)
)
names_past_30_bytes = st.text(min_size=31, max_size=60) | st.text(_CJK, min_size=11, max_size=20)


@given(names_within_30_bytes)
def test_a_tag_name_of_at_most_30_utf8_bytes_passes(name: str) -> None:
    assert NewTag(name=name).body() == {"name": name}


@given(names_past_30_bytes)
def test_a_tag_name_past_30_utf8_bytes_is_refused(name: str) -> None:
    with pytest.raises(ValidationError, match="at most 30 bytes"):
        NewTag(name=name)


@pytest.mark.parametrize(
    ("name", "accepted"),
    [("a" * 30, True), ("a" * 31, False), ("广" * 10, True), ("广" * 10 + "a", False), ("", False)],
)
def test_tag_name_edges(name: str, accepted: bool) -> None:
    if accepted:
        NewTag(name=name)
    else:
        with pytest.raises(ValidationError):
            NewTag(name=name)


@pytest.mark.parametrize("tag_id", [0, 1, 2])
def test_wechats_own_tags_cannot_be_renamed(tag_id: int) -> None:
    with pytest.raises(ValidationError, match="WeChat's own"):
        TagRename(id=tag_id, name="x")
    assert TagRename(id=3, name="x").body() == {"id": 3, "name": "x"}


def test_a_remark_is_under_30_utf8_bytes() -> None:
    assert Remark(openid="o1", remark="a" * 29).body() == {"openid": "o1", "remark": "a" * 29}
    assert Remark(openid="o1", remark="").body()["remark"] == ""  # clears it
    for remark in ("a" * 30, "备" * 10):
        with pytest.raises(ValidationError, match="under 30 bytes"):
            Remark(openid="o1", remark=remark)


def _openids(count: int) -> list[str]:
    return [f"oFollower{index}" for index in range(count)]


@pytest.mark.parametrize(
    ("build", "most"),
    [
        (lambda ids: ProfilesRequest(user_list=[UserRef(openid=openid) for openid in ids]), PROFILES_PER_CALL),
        (lambda ids: TagMembers(openid_list=ids, tagid=134), TAGGING_PER_CALL),
        (lambda ids: BlacklistBatch(openid_list=ids), BLACKLIST_PER_CALL),
    ],
    ids=["profiles-100", "tagging-50", "blacklist-20"],
)
def test_a_call_carries_1_to_its_batch_size(build: Any, most: int) -> None:
    build(_openids(1))
    build(_openids(most))
    for count in (0, most + 1):
        with pytest.raises(ValidationError):
            build(_openids(count))


@pytest.mark.parametrize("openid", ["", "o 1", " ", "o\n"])
def test_an_openid_is_one_word(openid: str) -> None:
    with pytest.raises(ValidationError):
        UserRef(openid=openid)


def test_a_profile_language_is_one_wechat_knows() -> None:
    assert UserRef(openid="o1", lang="en").body() == {"openid": "o1", "lang": "en"}
    with pytest.raises(ValidationError):
        UserRef(openid="o1", lang="fr")


# -- drafts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "limit"), [("title", 32), ("author", 16), ("digest", 128)])
def test_article_text_fields_at_and_past_their_limit(field: str, limit: int) -> None:
    Article(**{**ARTICLE, field: "字" * limit})
    with pytest.raises(ValidationError, match=field):
        Article(**{**ARTICLE, field: "字" * (limit + 1)})


def test_article_content_is_required_and_under_20000_characters() -> None:
    Article(**{**ARTICLE, "content": "x" * 19_999})
    for content in ("", "x" * 20_000):
        with pytest.raises(ValidationError, match="content"):
            Article(**{**ARTICLE, "content": content})
    with pytest.raises(ValidationError, match="content"):
        Article(title="t", thumb_media_id="T")


def test_a_news_article_needs_its_cover_and_a_picture_post_its_pictures() -> None:
    with pytest.raises(ValidationError, match="thumb_media_id"):
        Article(title="t", content="c")
    with pytest.raises(ValidationError, match="thumb_media_id"):
        Article(title="t", content="c", article_type="news")
    pictures = {"image_list": [{"image_media_id": "IMAGE1"}, {"image_media_id": "IMAGE2"}]}
    post = Article(title="t", article_type="newspic", image_info=pictures)
    assert post.body() == {"article_type": "newspic", "title": "t", "image_info": pictures}


@pytest.mark.parametrize("image_info", [None, {"image_list": []}, {"image_list": [{"image_media_id": ""}]}])
def test_a_picture_post_needs_its_pictures(image_info: Any) -> None:
    with pytest.raises(ValidationError, match="image"):
        Article(title="t", article_type="newspic", image_info=image_info)


@pytest.mark.parametrize("field", ["need_open_comment", "only_fans_can_comment"])
def test_comment_switches_are_0_or_1(field: str) -> None:
    assert Article(**{**ARTICLE, field: 1}).body()[field] == 1
    with pytest.raises(ValidationError):
        Article(**{**ARTICLE, field: 2})


def test_the_read_more_url_is_at_most_1kb() -> None:
    Article(**{**ARTICLE, "content_source_url": "https://e.com/" + "a" * (1024 - 14)})
    with pytest.raises(ValidationError, match="1024 bytes"):
        Article(**{**ARTICLE, "content_source_url": "https://e.com/" + "a" * 1024})


def test_fields_wechat_added_later_pass_through() -> None:
    body = Article(**{**ARTICLE, "pic_crop_235_1": "0_0_1_0.5"}).body()
    assert body["pic_crop_235_1"] == "0_0_1_0.5"


@given(st.integers(min_value=1, max_value=8))
def test_a_draft_holds_1_to_8_articles(count: int) -> None:
    assert len(Draft(articles=[Article(**ARTICLE)] * count).body()["articles"]) == count


@pytest.mark.parametrize("count", [0, 9])
def test_an_empty_draft_or_one_of_9_articles_is_refused(count: int) -> None:
    with pytest.raises(ValidationError):
        Draft(articles=[Article(**ARTICLE)] * count)


# -- comments, short keys, base ------------------------------------------------------------------


def test_a_comment_page_is_under_50() -> None:
    assert CommentQuery(msg_data_id=1, count=49).count == 49
    for count in (0, 50):
        with pytest.raises(ValidationError):
            CommentQuery(msg_data_id=1, count=count)


def test_comment_types_and_ids() -> None:
    assert CommentQuery(msg_data_id=1, type=CommentType.ELECTED).model_dump(mode="json")["type"] == 2
    with pytest.raises(ValidationError):
        CommentQuery(msg_data_id=1, type=3)
    for bad in (-1, 2**32, "1"):
        with pytest.raises(ValidationError):
            CommentRef(msg_data_id=bad, user_comment_id=1)


def test_long_data_is_at_most_4kb_and_kept_at_most_30_days() -> None:
    assert ShortenRequest(long_data="d" * LONG_DATA_BYTES).body()["expire_seconds"] == MAX_EXPIRE_SECONDS
    ShortenRequest(long_data="数" * (LONG_DATA_BYTES // 3), expire_seconds=MAX_EXPIRE_SECONDS)
    refused: list[dict[str, Any]] = [
        {"long_data": "d" * (LONG_DATA_BYTES + 1)},
        {"long_data": ""},
        {"long_data": "d", "expire_seconds": MAX_EXPIRE_SECONDS + 1},
        {"long_data": "d", "expire_seconds": 0},
    ]
    for bad in refused:
        with pytest.raises(ValidationError):
            ShortenRequest(**bad)


@pytest.mark.parametrize(
    ("given_path", "sent"),
    [("cgi-bin/message/custom/send", "/cgi-bin/message/custom/send"), ("/cgi-bin/menu/get", "/cgi-bin/menu/get")],
)
def test_a_quota_path_gets_its_leading_slash(given_path: str, sent: str) -> None:
    assert QuotaRequest(cgi_path=given_path).body() == {"cgi_path": sent}


@pytest.mark.parametrize("path", ["", "/", "/cgi-bin/menu/get?x=1"])
def test_a_quota_path_is_an_api_path(path: str) -> None:
    with pytest.raises(ValidationError):
        QuotaRequest(cgi_path=path)


def test_the_network_check_takes_wechats_actions_and_carriers() -> None:
    assert NetworkCheck().model_dump() == {"action": "all", "check_operator": "DEFAULT"}
    with pytest.raises(ValidationError):
        NetworkCheck(action="traceroute")
    with pytest.raises(ValidationError):
        NetworkCheck(check_operator="MOBILE")


def test_a_publish_status_reads_wechats_answer() -> None:
    status = PublishStatus.model_validate(
        {"publish_id": 100000001, "publish_status": 0, "article_id": "A",
         "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": "https://mp.weixin.qq.com/s/x"}]},
         "fail_idx": []}
    )  # fmt: skip
    assert (status.publish_id, status.state, status.finished, status.succeeded) == (
        "100000001", PublishState.SUCCEEDED, True, True,
    )  # fmt: skip
    assert status.urls == ["https://mp.weixin.qq.com/s/x"]
    publishing = PublishStatus.model_validate({"publish_id": "1", "publish_status": 1})
    assert (publishing.finished, publishing.succeeded, publishing.urls) == (False, False, [])
    assert PublishStatus.model_validate({"publish_id": "1", "publish_status": 9}).state is None
