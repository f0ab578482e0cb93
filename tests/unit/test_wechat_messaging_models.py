"""What WeChat validates for customer service, templates, subscriptions, broadcasts and the smart
interfaces, checked before a call: formats and ranges at their edges, generated, not filtered."""

import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.wechat.models.kf import NewAccount, RecordQuery, Typing
from shared.wechat.models.mass import Broadcast, Images, MpNews, Preview, Text
from shared.wechat.models.smart import IMAGE_BYTES, Translation, check_image, ratios_field
from shared.wechat.models.subscribe import (
    NewTemplate,
    Notification,
    OnceMessage,
    TitlesQuery,
    keyword_type,
    value_error,
)
from shared.wechat.models.template import Industries, PickTemplate
from shared.wechat.transport import Upload

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PREFIX = st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=10)
_LETTERS = st.text(string.ascii_letters, min_size=1, max_size=20)

# -- customer service ----------------------------------------------------------------------------


@given(_PREFIX, st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=30))
def test_an_account_of_wechats_shape_passes(prefix: str, wechat_id: str) -> None:
    assert NewAccount(kf_account=f"{prefix}@{wechat_id}", nickname="客服").kf_account == f"{prefix}@{wechat_id}"


@given(st.text(string.ascii_letters, min_size=11, max_size=20))
def test_an_account_prefix_past_10_characters_is_refused(prefix: str) -> None:
    with pytest.raises(ValidationError):
        NewAccount(kf_account=f"{prefix}@gh_account", nickname="客服")


@given(st.text(_CJK, min_size=1, max_size=16))
def test_a_nickname_of_at_most_16_characters_passes(nickname: str) -> None:
    assert NewAccount(kf_account="a@b", nickname=nickname).nickname == nickname


@given(st.text(_CJK, min_size=17, max_size=30))
def test_a_nickname_past_16_characters_is_refused(nickname: str) -> None:
    with pytest.raises(ValidationError):
        NewAccount(kf_account="a@b", nickname=nickname)


@given(st.integers(0, 2**31), st.integers(0, 24 * 3600))
def test_a_record_query_within_24_hours_passes(start: int, span: int) -> None:
    assert RecordQuery(starttime=start, endtime=start + span).body()["number"] == 10_000


@given(st.integers(0, 2**31), st.integers(24 * 3600 + 1, 10 * 24 * 3600))
def test_a_record_query_past_24_hours_is_refused(start: int, span: int) -> None:
    with pytest.raises(ValidationError, match="24 h"):
        RecordQuery(starttime=start, endtime=start + span)


@pytest.mark.parametrize("number", [0, 10_001])
def test_a_record_page_holds_1_to_10000(number: int) -> None:
    with pytest.raises(ValidationError):
        RecordQuery(starttime=0, endtime=1, number=number)


def test_typing_is_typing_or_cancel() -> None:
    assert Typing(touser="oFollower1", command="CancelTyping").body() == {
        "touser": "oFollower1",
        "command": "CancelTyping",
    }
    with pytest.raises(ValidationError):
        Typing(touser="oFollower1", command="typing")


# -- the template library ------------------------------------------------------------------------


@given(st.integers(1, 41), st.integers(1, 41))
def test_industries_1_to_41_pass_as_strings(first: int, second: int) -> None:
    assert Industries(industry_id1=first, industry_id2=second).body() == {
        "industry_id1": str(first), "industry_id2": str(second)
    }  # fmt: skip


@given(st.integers(42, 10_000) | st.integers(-100, 0))
def test_an_industry_outside_1_to_41_is_refused(code: int) -> None:
    with pytest.raises(ValidationError):
        Industries(industry_id1=code, industry_id2=1)


@pytest.mark.parametrize("number", ["TM00015", "OPENTM207498902", "tm1"])
def test_the_old_template_library_is_closed(number: str) -> None:
    with pytest.raises(ValidationError, match="old template library"):
        PickTemplate(template_id_short=number, keyword_name_list=["时间"])


def test_a_template_keeps_at_least_one_keyword() -> None:
    with pytest.raises(ValidationError):
        PickTemplate(template_id_short="47123", keyword_name_list=[])
    assert PickTemplate(template_id_short="47123", keyword_name_list=["时间", "金额"]).body() == {
        "template_id_short": "47123", "keyword_name_list": ["时间", "金额"]
    }  # fmt: skip


# -- subscription values by keyword type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "type_"),
    [("thing1", "thing"), ("character_string12", "character_string"), ("phone_number3", "phone_number"),
     ("amount10", "amount"), ("const", "const")],
)  # fmt: skip
def test_a_keyword_names_its_type(key: str, type_: str) -> None:
    assert keyword_type(key) == type_


@given(st.text(min_size=1, max_size=20).filter(lambda v: not any(ord(c) < 32 or ord(c) == 127 for c in v)))
def test_a_thing_of_at_most_20_characters_passes(value: str) -> None:
    assert value_error("thing1", value) is None


@given(st.text(_CJK, min_size=21, max_size=40))
def test_a_thing_past_20_characters_is_refused(value: str) -> None:
    assert value_error("thing1", value) is not None


@given(st.text(_CJK, min_size=1, max_size=5))
def test_a_phrase_of_at_most_5_chinese_characters_passes(value: str) -> None:
    assert value_error("phrase2", value) is None


@given(st.text(_CJK, min_size=6, max_size=10) | st.text(string.ascii_letters, min_size=1, max_size=5))
def test_a_longer_or_non_chinese_phrase_is_refused(value: str) -> None:
    assert value_error("phrase2", value) is not None


@given(st.text(_CJK, min_size=1, max_size=10) | _LETTERS)
def test_a_name_of_10_chinese_or_20_letters_passes(value: str) -> None:
    assert value_error("name3", value) is None


@given(st.text(_CJK, min_size=11, max_size=15) | st.text(string.ascii_letters, min_size=21, max_size=30))
def test_a_longer_name_is_refused(value: str) -> None:
    assert value_error("name3", value) is not None


def test_a_name_with_digits_is_refused() -> None:
    assert value_error("name1", "用户410774") is not None  # WeChat's own refusal, seen in its community


@given(st.text(string.digits, min_size=1, max_size=32))
def test_a_number_of_at_most_32_digits_passes(value: str) -> None:
    assert value_error("number4", value) is None
    assert value_error("number4", value[:30] + ".5") is None  # a decimal part too


@given(st.text(string.digits, min_size=33, max_size=40) | st.text(string.ascii_letters, min_size=1, max_size=5))
def test_a_longer_or_lettered_number_is_refused(value: str) -> None:
    assert value_error("number4", value) is not None


@given(st.text(string.ascii_letters + string.digits + "-_#", min_size=1, max_size=32))
def test_a_character_string_of_at_most_32_passes(value: str) -> None:
    assert value_error("character_string5", value) is None


@given(st.text(string.ascii_letters + string.digits, min_size=33, max_size=40) | st.text(_CJK, min_size=1, max_size=3))
def test_a_longer_or_chinese_character_string_is_refused(value: str) -> None:
    assert value_error("character_string5", value) is not None


@pytest.mark.parametrize("value", ["¥29.90", "29.90", "100元", "$1234567890", "￥0.01"])
def test_an_amount_of_wechats_shape_passes(value: str) -> None:
    assert value_error("amount6", value) is None


@pytest.mark.parametrize("value", ["二十九元", "¥12345678901", "¥¥1", "1.2.3", ""])
def test_an_amount_of_another_shape_is_refused(value: str) -> None:
    assert value_error("amount6", value) is not None


@pytest.mark.parametrize(
    ("key", "value"),
    [("time1", "15:01"), ("time1", "15:01:30"), ("time1", "2019年10月1日 15:01"), ("time1", "15:01~16:00"),
     ("date1", "2019年10月1日"), ("date1", "2018-01-01"), ("date1", "2018/01/01"), ("date1", "2018.01.01"),
     ("date1", "2018-01"), ("date1", "01-01"), ("date1", "2019年10月1日 15:01"), ("date1", "2019年10月~2019年11月"),
     ("phone_number1", "+86-0766-66888866"), ("car_number1", "粤A8Z888挂"), ("car_number1", "粤A8Z888"),
     ("symbol1", "%$#")],
)  # fmt: skip
def test_times_dates_phones_cars_and_symbols_of_wechats_shape_pass(key: str, value: str) -> None:
    assert value_error(key, value) is None


@pytest.mark.parametrize(
    ("key", "value"),
    [("time1", "明天"), ("time1", "25:00"), ("date1", "yesterday"), ("phone_number1", "123456789012345678"),
     ("phone_number1", "call me"), ("car_number1", "粤A8Z888挂12"), ("car_number1", "粤A8中888"), ("symbol1", "abc"),
     ("symbol1", "%%%%%%"), ("letter1", "abc1")],
)  # fmt: skip
def test_values_of_another_shape_are_refused(key: str, value: str) -> None:
    assert value_error(key, value) is not None


def test_a_notification_names_the_values_that_do_not_fit() -> None:
    with pytest.raises(ValidationError, match=r"data\.thing1\.value .* thing keyword"):
        Notification(touser="oFollower1", template_id="T", data={"thing1": {"value": "长" * 21}})
    with pytest.raises(ValidationError, match="empty"):
        Notification(touser="oFollower1", template_id="T", data={"time2": {"value": ""}})
    sent = Notification(touser="oFollower1", template_id="T", data={"enum1": {"value": "anything"}})
    assert sent.body()["data"] == {"enum1": {"value": "anything"}}  # a type WeChat judges itself


@given(st.lists(st.integers(1, 50), min_size=2, max_size=5, unique=True), st.text(_CJK, max_size=15))
def test_a_template_of_2_to_5_distinct_keywords_passes(kids: list[int], scene: str) -> None:
    assert NewTemplate(tid=99, kidList=kids, sceneDesc=scene).body() == {
        "tid": "99",
        "kidList": kids,
        "sceneDesc": scene,
    }


@given(st.lists(st.integers(1, 50), min_size=0, max_size=1) | st.lists(st.integers(1, 50), min_size=6, max_size=9))
def test_a_template_of_fewer_than_2_or_more_than_5_keywords_is_refused(kids: list[int]) -> None:
    with pytest.raises(ValidationError):
        NewTemplate(tid=99, kidList=kids)


def test_a_template_repeats_no_keyword_and_describes_its_scene_in_15() -> None:
    with pytest.raises(ValidationError, match="once"):
        NewTemplate(tid=99, kidList=[1, 1])
    with pytest.raises(ValidationError):
        NewTemplate(tid=99, kidList=[1, 2], sceneDesc="长" * 16)


@given(st.integers(1, 30))
def test_a_titles_page_holds_1_to_30(limit: int) -> None:
    assert TitlesQuery(ids=[616, 2], limit=limit).params() == {"ids": "616,2", "start": "0", "limit": str(limit)}


@pytest.mark.parametrize(
    "changes", [{"scene": 10_001}, {"scene": -1}, {"title": "长" * 16}, {"content": "长" * 201}, {"title": ""}]
)
def test_the_one_time_message_keeps_wechats_limits(changes: dict[str, Any]) -> None:
    fields: dict[str, Any] = {"scene": 1000, "title": "订阅通知", "content": "内容"} | changes
    data = {"content": {"value": fields.pop("content")}}
    with pytest.raises(ValidationError):
        OnceMessage(touser="oFollower1", template_id="T", data=data, **fields)


def test_the_one_time_message_sends_its_scene_as_text() -> None:
    message = OnceMessage(touser="oF", template_id="T", scene=0, title="通知", data={"content": {"value": "您好"}})
    assert message.body() == {"touser": "oF", "template_id": "T", "scene": "0", "title": "通知",
                              "data": {"content": {"value": "您好"}}}  # fmt: skip


# -- broadcasts ----------------------------------------------------------------------------------

TEXT = Text(content="本周活动")


@given(st.lists(st.from_regex(r"o[A-Za-z0-9_-]{27}", fullmatch=True), min_size=2, max_size=60, unique=True))
def test_a_broadcast_to_2_or_more_openids_goes_to_mass_send(openids: list[str]) -> None:
    broadcast = Broadcast(content=TEXT, openids=openids)
    assert broadcast.path == "cgi-bin/message/mass/send"
    assert broadcast.body() == {"touser": openids, "text": {"content": "本周活动"}, "msgtype": "text"}


@pytest.mark.parametrize("openids", [[], ["oA"], ["oA", "oA"]])
def test_a_broadcast_to_fewer_than_2_followers_is_refused(openids: list[str]) -> None:
    with pytest.raises(ValidationError):
        Broadcast(content=TEXT, openids=openids)


def test_a_broadcast_to_more_than_10000_openids_is_refused() -> None:
    with pytest.raises(ValidationError):
        Broadcast(content=TEXT, openids=[f"o{n}" for n in range(10_001)])


@pytest.mark.parametrize("audience", [{}, {"to_all": True, "tag_id": 2}, {"tag_id": 2, "openids": ["oA", "oB"]}])
def test_a_broadcast_has_exactly_one_audience(audience: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        Broadcast(content=TEXT, **audience)


@given(st.text(_CJK, min_size=1, max_size=21))
def test_a_clientmsgid_of_at_most_64_bytes_passes(client: str) -> None:
    assert Broadcast(content=TEXT, to_all=True, clientmsgid=client).body()["clientmsgid"] == client


@given(st.text(_CJK, min_size=22, max_size=40))
def test_a_clientmsgid_past_64_bytes_is_refused(client: str) -> None:
    with pytest.raises(ValidationError, match="64 bytes"):
        Broadcast(content=TEXT, to_all=True, clientmsgid=client)


def test_articles_to_a_tag_carry_send_ignore_reprint() -> None:
    body = Broadcast(content=MpNews(media_id="DRAFT"), tag_id=134, send_ignore_reprint=1).body()
    assert body == {"filter": {"is_to_all": False, "tag_id": 134}, "mpnews": {"media_id": "DRAFT"},
                    "msgtype": "mpnews", "send_ignore_reprint": 1}  # fmt: skip


def test_a_preview_goes_to_one_person_and_shows_one_picture() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        Preview(content=TEXT)
    with pytest.raises(ValidationError, match="exactly one"):
        Preview(content=TEXT, openid="oA", wxname="wx")
    with pytest.raises(ValidationError, match="one picture"):
        Preview(content=Images(media_ids=["a", "b"]), openid="oA")
    assert Preview(content=Images(media_ids=["a"]), wxname="wx_id").body() == {
        "towxname": "wx_id", "image": {"media_id": "a"}, "msgtype": "image"
    }  # fmt: skip


# -- smart interfaces ----------------------------------------------------------------------------


@given(st.lists(st.floats(0.1, 10), min_size=1, max_size=5))
def test_up_to_5_positive_ratios_pass(ratios: list[float]) -> None:
    assert len(ratios_field(ratios).split(",")) == len(ratios)


@pytest.mark.parametrize("ratios", [[1, 2, 3, 4, 5, 6], [0], [-1.5], [True]])
def test_other_ratios_are_refused(ratios: list[Any]) -> None:
    with pytest.raises(ValueError):
        ratios_field(ratios)


def test_an_image_is_under_2_mb_and_not_empty() -> None:
    assert check_image(Upload("a.jpg", b"x" * (IMAGE_BYTES - 1)), "ocr") == IMAGE_BYTES - 1
    for data in (b"", b"x" * IMAGE_BYTES):
        with pytest.raises(ValueError):
            check_image(Upload("a.jpg", data), "ocr")


@given(st.text(_CJK, min_size=1, max_size=200))
def test_a_translation_of_at_most_600_bytes_passes(text: str) -> None:
    assert Translation(text=text, lfrom="zh_CN", lto="en_US").text == text


@given(st.text(_CJK, min_size=201, max_size=300))
def test_a_translation_past_600_bytes_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="600 bytes"):
        Translation(text=text, lfrom="zh_CN", lto="en_US")
