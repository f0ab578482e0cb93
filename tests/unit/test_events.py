"""WeChat callbacks, as WeChat sends them, through parse_xml + event_from_xml_fields."""

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shared.events import InvalidCallback, WeChatEvent, event_from_xml_fields
from shared.events.events import (
    ClickEvent,
    LocationEvent,
    LocationSelectEvent,
    MassSendJobFinishEvent,
    PicPhotoOrAlbumEvent,
    PicSysPhotoEvent,
    PicWeixinEvent,
    ScanCodePushEvent,
    ScanCodeWaitMsgEvent,
    ScanEvent,
    SubscribeEvent,
    TemplateSendJobFinishEvent,
    UnsubscribeEvent,
    ViewEvent,
    ViewMiniProgramEvent,
)
from shared.events.messages import (
    ImageMessage,
    LinkMessage,
    LocationMessage,
    ShortVideoMessage,
    TextMessage,
    VideoMessage,
    VoiceMessage,
)
from shared.events.normalize import snake_case
from shared.events.registry import UnknownEvent
from shared.xml import parse_xml

APP_ID = "wx1"
ACCOUNT = "gh_e136c6e50636"
FOLLOWER = "oMgHVjngRipVsoxg6TuX3vz6glDg"


def wechat_xml(
    msg_type: str,
    body: str,
    *,
    create_time: int | str = 1408090651,
    from_user: str = FOLLOWER,
    to_user: str = ACCOUNT,
) -> bytes:
    """A callback laid out the way WeChat sends it: CDATA strings, bare numbers, one element per line."""
    return (
        "<xml>\n"
        f"<ToUserName><![CDATA[{to_user}]]></ToUserName>\n"
        f"<FromUserName><![CDATA[{from_user}]]></FromUserName>\n"
        f"<CreateTime>{create_time}</CreateTime>\n"
        f"<MsgType><![CDATA[{msg_type}]]></MsgType>\n"
        f"{body.strip()}\n"
        "</xml>"
    ).encode()


def wechat_event_xml(event: str, body: str = "", **header: Any) -> bytes:
    return wechat_xml("event", f"<Event><![CDATA[{event}]]></Event>\n{body.strip()}", **header)


def parse(xml: bytes, app_id: str = APP_ID) -> WeChatEvent:
    return event_from_xml_fields(app_id, parse_xml(xml))


def body_of(event: WeChatEvent) -> dict[str, Any]:
    """The JSON body published for ``event``."""
    body: dict[str, Any] = json.loads(event.model_dump_json())
    return body


TEMPLATE_STATUSES = ("success", "failed:user block", "failed: system failed")

SAMPLES: dict[str, bytes] = {
    "text": wechat_xml(
        "text",
        """
<Content><![CDATA[this is a test]]></Content>
<MsgId>1234567890123456</MsgId>
""",
    ),
    "image": wechat_xml(
        "image",
        """
<PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/abc/0]]></PicUrl>
<MediaId><![CDATA[media_id_image_1]]></MediaId>
<MsgId>1234567890123457</MsgId>
""",
    ),
    "voice": wechat_xml(
        "voice",
        """
<MediaId><![CDATA[media_id_voice_1]]></MediaId>
<Format><![CDATA[amr]]></Format>
<Recognition><![CDATA[腾讯微信团队]]></Recognition>
<MsgId>1234567890123458</MsgId>
""",
    ),
    "video": wechat_xml(
        "video",
        """
<MediaId><![CDATA[media_id_video_1]]></MediaId>
<ThumbMediaId><![CDATA[thumb_media_id_1]]></ThumbMediaId>
<MsgId>1234567890123459</MsgId>
""",
    ),
    "shortvideo": wechat_xml(
        "shortvideo",
        """
<MediaId><![CDATA[media_id_short_1]]></MediaId>
<ThumbMediaId><![CDATA[thumb_media_id_2]]></ThumbMediaId>
<MsgId>1234567890123460</MsgId>
""",
    ),
    "location": wechat_xml(
        "location",
        """
<Location_X>23.134521</Location_X>
<Location_Y>113.358803</Location_Y>
<Scale>20</Scale>
<Label><![CDATA[位置信息]]></Label>
<MsgId>1234567890123461</MsgId>
""",
    ),
    "link": wechat_xml(
        "link",
        """
<Title><![CDATA[公众平台官网链接]]></Title>
<Description><![CDATA[公众平台官网链接]]></Description>
<Url><![CDATA[https://mp.weixin.qq.com/]]></Url>
<MsgId>1234567890123462</MsgId>
""",
    ),
    "subscribe": wechat_event_xml("subscribe", "<EventKey><![CDATA[]]></EventKey>"),
    "subscribe_qrscene": wechat_event_xml(
        "subscribe",
        """
<EventKey><![CDATA[qrscene_123123]]></EventKey>
<Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket>
""",
    ),
    "unsubscribe": wechat_event_xml("unsubscribe", "<EventKey><![CDATA[]]></EventKey>"),
    "scan": wechat_event_xml(
        "SCAN",
        """
<EventKey><![CDATA[123123]]></EventKey>
<Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket>
""",
    ),
    "location_event": wechat_event_xml(
        "LOCATION",
        """
<Latitude>23.137466</Latitude>
<Longitude>113.352425</Longitude>
<Precision>119.385040</Precision>
""",
    ),
    "click": wechat_event_xml("CLICK", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>"),
    "view": wechat_event_xml(
        "VIEW",
        """
<EventKey><![CDATA[https://www.qq.com/]]></EventKey>
<MenuId>208396938</MenuId>
""",
    ),
    "scancode_push": wechat_event_xml(
        "scancode_push",
        """
<EventKey><![CDATA[6]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>
<ScanResult><![CDATA[1]]></ScanResult>
</ScanCodeInfo>
""",
    ),
    "scancode_waitmsg": wechat_event_xml(
        "scancode_waitmsg",
        """
<EventKey><![CDATA[6]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>
<ScanResult><![CDATA[2]]></ScanResult>
</ScanCodeInfo>
""",
    ),
    "pic_sysphoto": wechat_event_xml(
        "pic_sysphoto",
        """
<EventKey><![CDATA[6]]></EventKey>
<SendPicsInfo><Count>1</Count>
<PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>
</item>
</PicList>
</SendPicsInfo>
""",
    ),
    "pic_photo_or_album": wechat_event_xml(
        "pic_photo_or_album",
        """
<EventKey><![CDATA[6]]></EventKey>
<SendPicsInfo><Count>1</Count>
<PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum>
</item>
</PicList>
</SendPicsInfo>
""",
    ),
    "pic_weixin": wechat_event_xml(
        "pic_weixin",
        """
<EventKey><![CDATA[6]]></EventKey>
<SendPicsInfo><Count>3</Count>
<PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum>
</item>
<item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>
</item>
<item><PicMd5Sum><![CDATA[9f3e4a1c0d2b8e7f6a5b4c3d2e1f0a9b]]></PicMd5Sum>
</item>
</PicList>
</SendPicsInfo>
""",
    ),
    "pic_weixin_one": wechat_event_xml(
        "pic_weixin",
        """
<EventKey><![CDATA[6]]></EventKey>
<SendPicsInfo><Count>1</Count>
<PicList><item><PicMd5Sum><![CDATA[5a75aaca956d97be686719218f275c6b]]></PicMd5Sum>
</item>
</PicList>
</SendPicsInfo>
""",
    ),
    "location_select": wechat_event_xml(
        "location_select",
        """
<EventKey><![CDATA[6]]></EventKey>
<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>
<Location_Y><![CDATA[113]]></Location_Y>
<Scale><![CDATA[15]]></Scale>
<Label><![CDATA[广州市海珠区客村艺苑路 106号]]></Label>
<Poiname><![CDATA[广州塔]]></Poiname>
</SendLocationInfo>
""",
    ),
    "view_miniprogram": wechat_event_xml(
        "view_miniprogram",
        """
<EventKey><![CDATA[pages/index/index]]></EventKey>
<MenuId>208396993</MenuId>
""",
    ),
    **{
        f"templatesendjobfinish_{i}": wechat_event_xml(
            "TEMPLATESENDJOBFINISH",
            f"""
<MsgID>200163836</MsgID>
<Status><![CDATA[{status}]]></Status>
""",
        )
        for i, status in enumerate(TEMPLATE_STATUSES)
    },
    "masssendjobfinish": wechat_event_xml(
        "MASSSENDJOBFINISH",
        """
<MsgID>1000001625</MsgID>
<Status><![CDATA[send success]]></Status>
<TotalCount>100</TotalCount>
<FilterCount>80</FilterCount>
<SentCount>75</SentCount>
<ErrorCount>5</ErrorCount>
""",
    ),
}

# sample → (model, routing key, answerable)
EXPECTED: dict[str, tuple[type[WeChatEvent], str, bool]] = {
    "text": (TextMessage, "wx1.message.text", True),
    "image": (ImageMessage, "wx1.message.image", True),
    "voice": (VoiceMessage, "wx1.message.voice", True),
    "video": (VideoMessage, "wx1.message.video", True),
    "shortvideo": (ShortVideoMessage, "wx1.message.shortvideo", True),
    "location": (LocationMessage, "wx1.message.location", True),
    "link": (LinkMessage, "wx1.message.link", True),
    "subscribe": (SubscribeEvent, "wx1.event.subscribe", True),
    "subscribe_qrscene": (SubscribeEvent, "wx1.event.subscribe", True),
    "unsubscribe": (UnsubscribeEvent, "wx1.event.unsubscribe", False),
    "scan": (ScanEvent, "wx1.event.scan", True),
    "location_event": (LocationEvent, "wx1.event.location", False),
    "click": (ClickEvent, "wx1.event.click", True),
    "view": (ViewEvent, "wx1.event.view", False),
    "scancode_push": (ScanCodePushEvent, "wx1.event.scancode_push", False),
    "scancode_waitmsg": (ScanCodeWaitMsgEvent, "wx1.event.scancode_waitmsg", True),
    "pic_sysphoto": (PicSysPhotoEvent, "wx1.event.pic_sysphoto", True),
    "pic_photo_or_album": (PicPhotoOrAlbumEvent, "wx1.event.pic_photo_or_album", True),
    "pic_weixin": (PicWeixinEvent, "wx1.event.pic_weixin", True),
    "pic_weixin_one": (PicWeixinEvent, "wx1.event.pic_weixin", True),
    "location_select": (LocationSelectEvent, "wx1.event.location_select", True),
    "view_miniprogram": (ViewMiniProgramEvent, "wx1.event.view_miniprogram", False),
    **{
        f"templatesendjobfinish_{i}": (TemplateSendJobFinishEvent, "wx1.event.templatesendjobfinish", False)
        for i in range(len(TEMPLATE_STATUSES))
    },
    "masssendjobfinish": (MassSendJobFinishEvent, "wx1.event.masssendjobfinish", False),
}


def test_every_sample_has_an_expectation() -> None:
    assert SAMPLES.keys() == EXPECTED.keys()


@pytest.mark.parametrize("name", EXPECTED)
def test_callback_becomes_its_model(name: str) -> None:
    model = EXPECTED[name][0]
    assert type(parse(SAMPLES[name])) is model


@pytest.mark.parametrize("name", EXPECTED)
def test_routing_key_is_lower_case_type_or_event(name: str) -> None:
    assert parse(SAMPLES[name]).routing_key == EXPECTED[name][1]


@pytest.mark.parametrize("name", EXPECTED)
def test_answerable_only_where_wechat_shows_a_passive_reply(name: str) -> None:
    assert parse(SAMPLES[name]).answerable is EXPECTED[name][2]


@pytest.mark.parametrize("name", EXPECTED)
def test_msg_type_and_event_are_lower_case(name: str) -> None:
    event = parse(SAMPLES[name])
    if name in {"text", "image", "voice", "video", "shortvideo", "location", "link"}:
        assert (event.msg_type, event.event) == (name, None)
    else:
        assert event.msg_type == "event"
        assert event.event == EXPECTED[name][1].rsplit(".", 1)[1]


def test_text_message_body() -> None:
    event = parse(SAMPLES["text"])
    assert body_of(event) == {
        "id": "wx1:msg:1234567890123456",
        "app_id": "wx1",
        "msg_type": "text",
        "event": None,
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": 1234567890123456,
        "content": "this is a test",
    }


def test_voice_message_body_keeps_recognition() -> None:
    body = body_of(parse(SAMPLES["voice"]))
    assert body == {
        "id": "wx1:msg:1234567890123458",
        "app_id": "wx1",
        "msg_type": "voice",
        "event": None,
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": 1234567890123458,
        "media_id": "media_id_voice_1",
        "format": "amr",
        "recognition": "腾讯微信团队",
    }


def test_location_message_body_has_numbers_as_numbers() -> None:
    body = body_of(parse(SAMPLES["location"]))
    del body["id"]
    assert body == {
        "app_id": "wx1",
        "msg_type": "location",
        "event": None,
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": 1234567890123461,
        "location_x": 23.134521,
        "location_y": 113.358803,
        "scale": 20,
        "label": "位置信息",
    }


def test_subscribe_with_qrscene_body() -> None:
    event = parse(SAMPLES["subscribe_qrscene"])
    body = body_of(event)
    assert body.pop("id").startswith("wx1:evt:")
    assert body == {
        "app_id": "wx1",
        "msg_type": "event",
        "event": "subscribe",
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": None,
        "event_key": "qrscene_123123",
        "ticket": "gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==",
    }


@pytest.mark.parametrize(("name", "scene"), [("subscribe_qrscene", "123123"), ("subscribe", None)])
def test_subscribe_scene_comes_from_qrscene_event_key(name: str, scene: str | None) -> None:
    event = parse(SAMPLES[name])
    assert isinstance(event, SubscribeEvent)
    assert event.scene == scene


def test_plain_subscribe_has_no_event_key_or_ticket() -> None:
    body = body_of(parse(SAMPLES["subscribe"]))
    assert (body["event_key"], body["ticket"]) == (None, None)


def test_scancode_body_nests_scan_code_info() -> None:
    body = body_of(parse(SAMPLES["scancode_waitmsg"]))
    body.pop("id")
    assert body == {
        "app_id": "wx1",
        "msg_type": "event",
        "event": "scancode_waitmsg",
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": None,
        "event_key": "6",
        "scan_code_info": {"scan_type": "qrcode", "scan_result": "2"},
    }


def test_pic_weixin_body_lists_every_picture() -> None:
    body = body_of(parse(SAMPLES["pic_weixin"]))
    body.pop("id")
    assert body == {
        "app_id": "wx1",
        "msg_type": "event",
        "event": "pic_weixin",
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": None,
        "event_key": "6",
        "send_pics_info": {
            "count": 3,
            "pic_list": [
                {"pic_md5_sum": "5a75aaca956d97be686719218f275c6b"},
                {"pic_md5_sum": "1b5f7c23b5bf75682a53e7b6d163e185"},
                {"pic_md5_sum": "9f3e4a1c0d2b8e7f6a5b4c3d2e1f0a9b"},
            ],
        },
    }


@pytest.mark.parametrize("name", ["pic_sysphoto", "pic_photo_or_album", "pic_weixin_one"])
def test_a_single_picture_is_still_a_list(name: str) -> None:
    info = body_of(parse(SAMPLES[name]))["send_pics_info"]
    assert info["count"] == 1
    assert isinstance(info["pic_list"], list)
    assert len(info["pic_list"]) == 1
    assert set(info["pic_list"][0]) == {"pic_md5_sum"}


def test_location_select_body_nests_send_location_info() -> None:
    body = body_of(parse(SAMPLES["location_select"]))
    assert body["event_key"] == "6"
    assert body["send_location_info"] == {
        "location_x": 23.0,
        "location_y": 113.0,
        "scale": 15,
        "label": "广州市海珠区客村艺苑路 106号",
        "poiname": "广州塔",
    }


# WeChat's own location_select sample carries an empty <Poiname><![CDATA[]]></Poiname>;
# an empty ScanResult is the same shape. An empty nested element must take its default,
# as an empty top-level element does.
@pytest.mark.parametrize(
    ("xml", "path", "default"),
    [
        (
            wechat_event_xml(
                "location_select",
                """
<EventKey><![CDATA[6]]></EventKey>
<SendLocationInfo><Location_X><![CDATA[23]]></Location_X>
<Location_Y><![CDATA[113]]></Location_Y>
<Scale><![CDATA[15]]></Scale>
<Label><![CDATA[ 广州市海珠区客村艺苑路 106号]]></Label>
<Poiname><![CDATA[]]></Poiname>
</SendLocationInfo>
""",
            ),
            ("send_location_info", "poiname"),
            "",
        ),
        (
            wechat_event_xml(
                "scancode_waitmsg",
                """
<EventKey><![CDATA[6]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>
<ScanResult><![CDATA[]]></ScanResult>
</ScanCodeInfo>
""",
            ),
            ("scan_code_info", "scan_result"),
            "",
        ),
    ],
    ids=["location_select_empty_poiname", "scancode_empty_scan_result"],
)
def test_empty_nested_element_takes_its_default(xml: bytes, path: tuple[str, str], default: str) -> None:
    body = body_of(parse(xml))
    assert body[path[0]][path[1]] == default


def test_location_event_body_has_float_coordinates() -> None:
    body = body_of(parse(SAMPLES["location_event"]))
    assert (body["latitude"], body["longitude"], body["precision"]) == (23.137466, 113.352425, 119.38504)
    assert body["msg_id"] is None


@pytest.mark.parametrize("name", ["view", "view_miniprogram"])
def test_menu_id_is_a_number(name: str) -> None:
    body = body_of(parse(SAMPLES[name]))
    assert isinstance(body["menu_id"], int)
    assert body["menu_id"] in (208396938, 208396993)


@pytest.mark.parametrize(("index", "status"), list(enumerate(TEMPLATE_STATUSES)))
def test_template_send_job_finish_keeps_status_and_msgid(index: int, status: str) -> None:
    body = body_of(parse(SAMPLES[f"templatesendjobfinish_{index}"]))
    body.pop("id")
    assert body == {
        "app_id": "wx1",
        "msg_type": "event",
        "event": "templatesendjobfinish",
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": 200163836,
        "status": status,
    }


def test_mass_send_job_finish_counts_are_numbers() -> None:
    body = body_of(parse(SAMPLES["masssendjobfinish"]))
    assert body["msg_id"] == 1000001625
    assert body["status"] == "send success"
    assert (body["total_count"], body["filter_count"], body["sent_count"], body["error_count"]) == (100, 80, 75, 5)


def test_mass_send_job_finish_keeps_undeclared_nested_blocks() -> None:
    xml = wechat_event_xml(
        "MASSSENDJOBFINISH",
        """
<MsgID>1000001625</MsgID>
<Status><![CDATA[err(30003)]]></Status>
<TotalCount>0</TotalCount>
<FilterCount>0</FilterCount>
<SentCount>0</SentCount>
<ErrorCount>0</ErrorCount>
<CopyrightCheckResult>
<Count>2</Count>
<ResultList>
<item>
<ArticleIdx>1</ArticleIdx>
<OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl>
</item>
<item>
<ArticleIdx>2</ArticleIdx>
<OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl>
</item>
</ResultList>
<CheckState>2</CheckState>
</CopyrightCheckResult>
""",
    )
    result = body_of(parse(xml))["copyright_check_result"]
    assert set(result) == {"count", "result_list", "check_state"}
    assert [item["original_article_url"] for item in result["result_list"]] == ["Url_1", "Url_2"]


# --- unknown types ---------------------------------------------------------------------------


def test_unknown_msg_type_is_kept_and_routed_under_its_own_name() -> None:
    xml = wechat_xml(
        "NewCardKind",
        """
<Title><![CDATA[小程序]]></Title>
<PagePath><![CDATA[pages/index]]></PagePath>
<ThumbUrl><![CDATA[http://example.com/t.jpg]]></ThumbUrl>
<MsgId>22000000000000001</MsgId>
""",
    )
    event = parse(xml)
    assert type(event) is UnknownEvent
    assert event.routing_key == "wx1.message.newcardkind"
    assert body_of(event) == {
        "id": "wx1:msg:22000000000000001",
        "app_id": "wx1",
        "msg_type": "newcardkind",
        "event": None,
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": 22000000000000001,
        "title": "小程序",
        "page_path": "pages/index",
        "thumb_url": "http://example.com/t.jpg",
    }


def test_the_account_app_id_wins_over_an_app_id_element() -> None:
    # A miniprogrampage message carries the mini program's <AppId>; routing must stay on the account.
    xml = wechat_xml("miniprogrampage", "<AppId><![CDATA[wxabcdef]]></AppId><MsgId>1</MsgId>")
    event = parse(xml)
    assert (event.app_id, event.routing_key) == ("wx1", "wx1.message.miniprogrampage")


def test_unknown_event_is_kept_and_routed_under_its_own_name() -> None:
    xml = wechat_event_xml(
        "Some_New_Event",
        """
<EventKey><![CDATA[k1]]></EventKey>
<NewInfo><InnerValue><![CDATA[v]]></InnerValue>
<ItemList><item><SubKey>1</SubKey></item><item><SubKey>2</SubKey></item></ItemList>
</NewInfo>
""",
    )
    event = parse(xml)
    assert type(event) is UnknownEvent
    assert event.routing_key == "wx1.event.some_new_event"
    body = body_of(event)
    body.pop("id")
    assert body == {
        "app_id": "wx1",
        "msg_type": "event",
        "event": "some_new_event",
        "from_user": FOLLOWER,
        "to_user": ACCOUNT,
        "create_time": 1408090651,
        "msg_id": None,
        "event_key": "k1",
        "new_info": {"inner_value": "v", "item_list": [{"sub_key": "1"}, {"sub_key": "2"}]},
    }


def test_unknown_event_is_not_answerable() -> None:
    assert parse(wechat_event_xml("brand_new", "<EventKey>x</EventKey>")).answerable is False


# --- de-duplication ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_retry_of_the_same_xml_has_the_same_id(name: str) -> None:
    assert parse(SAMPLES[name]).id == parse(SAMPLES[name]).id


def test_messages_deduplicate_by_msgid() -> None:
    first = parse(wechat_xml("text", "<Content>a</Content><MsgId>42</MsgId>", create_time=1))
    same_id_other_time = parse(wechat_xml("text", "<Content>a</Content><MsgId>42</MsgId>", create_time=2))
    other = parse(wechat_xml("text", "<Content>a</Content><MsgId>43</MsgId>", create_time=1))
    assert first.id == same_id_other_time.id
    assert first.id != other.id


def test_the_same_msgid_in_two_accounts_differs() -> None:
    xml = SAMPLES["text"]
    assert parse(xml, "wxA").id != parse(xml, "wxB").id


BASE_EVENT: dict[str, Any] = {"event": "CLICK", "event_key": "K1", "create_time": 1700000000, "from_user": FOLLOWER}


def _click_like(event: str, event_key: str, create_time: int, from_user: str) -> WeChatEvent:
    return parse(
        wechat_event_xml(
            event, f"<EventKey><![CDATA[{event_key}]]></EventKey>", create_time=create_time, from_user=from_user
        )
    )


@pytest.mark.parametrize(
    "change",
    [
        {"event": "VIEW"},
        {"event_key": "K2"},
        {"create_time": 1700000001},
        {"from_user": "oAnotherFollower00000000000"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_events_differ_when_event_key_time_or_sender_differ(change: dict[str, Any]) -> None:
    assert _click_like(**BASE_EVENT).id != _click_like(**(BASE_EVENT | change)).id


def test_location_events_five_seconds_apart_differ() -> None:
    body = "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>"
    first = parse(wechat_event_xml("LOCATION", body, create_time=1700000000))
    second = parse(wechat_event_xml("LOCATION", body, create_time=1700000005))
    assert first.id != second.id


def test_job_finish_reports_for_different_messages_differ() -> None:
    # Two template messages to one follower can finish in the same second; each report
    # carries its own MsgID and both must be published.
    def report(msg_id: int) -> WeChatEvent:
        return parse(
            wechat_event_xml(
                "TEMPLATESENDJOBFINISH",
                f"<MsgID>{msg_id}</MsgID><Status><![CDATA[success]]></Status>",
                create_time=1700000000,
            )
        )

    assert report(200163836).id != report(200163837).id


# --- invalid callbacks: only a broken envelope (the rest: test_events_lenient.py) --------------

ENVELOPE_HEAD = {
    "ToUserName": "<ToUserName><![CDATA[gh_1]]></ToUserName>",
    "FromUserName": "<FromUserName><![CDATA[o1]]></FromUserName>",
    "CreateTime": "<CreateTime>1700000000</CreateTime>",
    "MsgType": "<MsgType><![CDATA[text]]></MsgType>",
}


def _envelope_xml(**replace: str) -> bytes:
    head = "".join(replace.get(name, element) for name, element in ENVELOPE_HEAD.items())
    return f"<xml>{head}<Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>".encode()


@pytest.mark.parametrize(
    "xml",
    [
        *(_envelope_xml(**{name: ""}) for name in ENVELOPE_HEAD),
        *(_envelope_xml(**{name: f"<{name}></{name}>"}) for name in ENVELOPE_HEAD),
        _envelope_xml(CreateTime="<CreateTime>yesterday</CreateTime>"),
        _envelope_xml(CreateTime="<CreateTime>1700000000.5</CreateTime>"),
        _envelope_xml(FromUserName="<FromUserName><a>o1</a></FromUserName>"),
        _envelope_xml(MsgType="<MsgType><![CDATA[  ]]></MsgType>"),
    ],
    ids=[
        *(f"no_{name}" for name in ENVELOPE_HEAD),
        *(f"empty_{name}" for name in ENVELOPE_HEAD),
        "create_time_not_a_number",
        "create_time_not_whole",
        "from_user_not_text",
        "blank_msgtype",
    ],
)
def test_a_callback_without_its_envelope_is_invalid(xml: bytes) -> None:
    with pytest.raises(InvalidCallback):
        parse(xml)


# --- properties -------------------------------------------------------------------------------


@given(st.text())
def test_snake_case_is_lower_case_without_double_underscores(name: str) -> None:
    snake = snake_case(name)
    assert snake == snake.lower()
    assert "__" not in snake
    assert not snake.startswith("_")
    assert not snake.endswith("_")


@pytest.mark.parametrize(
    ("xml_name", "snake"),
    [
        ("FromUserName", "from_user"),
        ("ToUserName", "to_user"),
        ("MsgId", "msg_id"),
        ("MsgID", "msg_id"),
        ("Location_X", "location_x"),
        ("PicMd5Sum", "pic_md5_sum"),
        ("ScanCodeInfo", "scan_code_info"),
        ("EventKey", "event_key"),
        ("Poiname", "poiname"),
    ],
)
def test_snake_case_of_wechat_names(xml_name: str, snake: str) -> None:
    assert snake_case(xml_name) == snake


XML_NAMES = (
    "ToUserName",
    "FromUserName",
    "CreateTime",
    "MsgType",
    "Event",
    "EventKey",
    "MsgId",
    "MsgID",
    "Content",
    "Location_X",
    "Location_Y",
    "Scale",
    "Latitude",
    "Longitude",
    "Precision",
    "MediaId",
    "ScanCodeInfo",
    "SendPicsInfo",
    "SendLocationInfo",
    "PicList",
    "item",
    "Count",
    "Status",
    "MenuId",
    "Url",
)
TYPE_VALUES = (*(name.split("_")[0] for name in EXPECTED), "event", "SCAN", "LOCATION", "CLICK", "VIEW")

keys = st.one_of(st.sampled_from(XML_NAMES), st.text(max_size=12))
scalars = st.one_of(st.none(), st.sampled_from(TYPE_VALUES), st.text(max_size=20), st.integers().map(str))
xml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


arbitrary_fields = st.dictionaries(keys, xml_values, max_size=12)
# Real callbacks with some fields replaced, removed or added, so that model validation is reached.
perturbed_fields = st.builds(
    lambda base, drop, extra: {k: v for k, v in base.items() if k not in drop} | extra,
    st.sampled_from(list(SAMPLES.values())).map(parse_xml),
    st.sets(st.sampled_from(XML_NAMES), max_size=3),
    st.dictionaries(keys, xml_values, max_size=3),
)


@given(st.one_of(arbitrary_fields, perturbed_fields))
@example({"item": ["x"]})  # <xml><item>x</item></xml>
@example({"Item": None, "MsgType": "text"})
def test_event_from_xml_fields_raises_only_invalid_callback(fields: dict[str, Any]) -> None:
    try:
        event = event_from_xml_fields(APP_ID, fields)
    except InvalidCallback:
        return
    assert event.app_id == APP_ID
    json.loads(event.model_dump_json())


@pytest.mark.parametrize(
    "xml",
    [b"<xml><item>x</item></xml>", b"<xml><item><MsgType>text</MsgType></item><item>y</item></xml>"],
    ids=["item_text", "item_elements"],
)
def test_a_root_of_items_is_an_invalid_callback(xml: bytes) -> None:
    with pytest.raises(InvalidCallback):
        parse(xml)
