"""The events and messages beyond the basic ones, from WeChat's documented examples
(``callback_samples``): each typed, routed, and its lists JSON lists also for one item."""

from typing import Any

import pytest

from services.dispatcher.analytics_counters import counters_for, counts_from, field_of
from services.dispatcher.rules import RuleSet
from shared.events.base import WeChatEvent
from shared.events.devices import DeviceEventMessage
from shared.events.registry import EVENT_MODELS, MESSAGE_MODELS, UnknownEvent
from tests.unit.callback_samples import MORE_EXPECTED, MORE_SAMPLES
from tests.unit.test_events import APP_ID, body_of, parse, wechat_event_xml, wechat_xml

MESSAGE_SAMPLES = {"device_text", "device_event", "miniprogrampage"}


def _body(name: str) -> dict[str, Any]:
    body = body_of(parse(MORE_SAMPLES[name]))
    assert body.pop("id").startswith(f"{APP_ID}:")
    return body


def _envelope(name: str, **more: Any) -> dict[str, Any]:
    """The common fields of a sample's body."""
    event = parse(MORE_SAMPLES[name])
    return {
        "app_id": APP_ID,
        "msg_type": event.msg_type,
        "event": event.event,
        "from_user": event.from_user,
        "to_user": event.to_user,
        "create_time": event.create_time,
        "msg_id": None,
        **more,
    }


# --- every sample: its model, its routing key, nothing lenient ------------------------------------


def test_every_sample_has_an_expectation() -> None:
    assert MORE_SAMPLES.keys() == MORE_EXPECTED.keys()


def test_every_new_type_has_a_sample() -> None:
    basic = {"subscribe", "unsubscribe", "scan", "location", "click", "view", "scancode_push", "scancode_waitmsg"}
    basic |= {"pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select", "view_miniprogram"}
    basic |= {"templatesendjobfinish", "text", "image", "voice", "video", "shortvideo", "link"}
    sampled = {model for model, _key, _answerable in MORE_EXPECTED.values()}
    registered = {name: model for name, model in (EVENT_MODELS | MESSAGE_MODELS).items() if name not in basic}
    assert {name for name, model in registered.items() if model not in sampled} == set()


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_callback_becomes_its_model_and_routing_key(name: str) -> None:
    model, routing_key, answerable = MORE_EXPECTED[name]
    event = parse(MORE_SAMPLES[name])
    assert (type(event), event.routing_key, event.answerable) == (model, routing_key, answerable)


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_msg_type_and_event_are_lower_case(name: str) -> None:
    event = parse(MORE_SAMPLES[name])
    kind, word = MORE_EXPECTED[name][1].split(".")[1:]
    if kind == "message":
        assert (event.msg_type, event.event) == (word, None)
    else:
        assert (event.msg_type, event.event) == ("event", word)


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_the_documented_example_notes_nothing(name: str) -> None:
    assert parse(MORE_SAMPLES[name]).lenient_fields == ()


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_a_retry_has_the_same_id(name: str) -> None:
    assert parse(MORE_SAMPLES[name]).id == parse(MORE_SAMPLES[name]).id


# --- job reports ---------------------------------------------------------------------------------


def test_publish_job_finish_body() -> None:
    assert _body("publishjobfinish") == _envelope(
        "publishjobfinish",
        publish_event_info={
            "publish_id": "2247503051",
            "publish_status": 0,
            "article_id": "b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvyWP4Hq4",
            "article_detail": {"count": 1, "item": [{"idx": 1, "article_url": "ARTICLE_URL"}]},
            "fail_idx": [],
        },
    )


def test_publish_job_failure_lists_the_failed_articles() -> None:
    info = _body("publishjobfinish_failed")["publish_event_info"]
    assert (info["publish_status"], info["fail_idx"], info["article_detail"]) == (2, [1, 2], None)


def test_one_failed_article_is_still_a_list() -> None:
    xml = wechat_event_xml(
        "PUBLISHJOBFINISH",
        "<PublishEventInfo><publish_id>7</publish_id><publish_status>2</publish_status>"
        "<fail_idx>3</fail_idx></PublishEventInfo>",
    )
    assert body_of(parse(xml))["publish_event_info"]["fail_idx"] == [3]


def test_mass_send_job_finish_body_has_every_field() -> None:
    item = {
        "user_declare_state": 0,
        "audit_state": 2,
        "original_article_type": 1,
        "can_reprint": 1,
        "need_replace_content": 1,
        "need_show_reprint_source": 1,
    }
    assert _body("masssendjobfinish_copyright") == _envelope(
        "masssendjobfinish_copyright",
        msg_id=1000001625,
        status="err(30003)",
        total_count=0,
        filter_count=0,
        sent_count=0,
        error_count=0,
        copyright_check_result={
            "count": 2,
            "result_list": [
                {"article_idx": 1, "original_article_url": "Url_1", **item},
                {"article_idx": 2, "original_article_url": "Url_2", **item},
            ],
            "check_state": 2,
        },
        article_url_result={"count": 1, "result_list": [{"article_idx": 1, "article_url": "Url"}]},
    )


MASS_ONE_ITEM = wechat_event_xml(
    "MASSSENDJOBFINISH",
    """
<MsgID>1000001626</MsgID>
<Status><![CDATA[send success]]></Status>
<TotalCount>3</TotalCount>
<FilterCount>3</FilterCount>
<SentCount>3</SentCount>
<ErrorCount>0</ErrorCount>
<CopyrightCheckResult>
<Count>1</Count>
<ResultList>
<item>
<ArticleIdx>1</ArticleIdx>
<UserDeclareState>0</UserDeclareState>
<AuditState>1</AuditState>
<OriginalArticleUrl><![CDATA[]]></OriginalArticleUrl>
</item>
</ResultList>
<CheckState>1</CheckState>
</CopyrightCheckResult>
""",
)


def test_one_copyright_check_result_is_still_a_list() -> None:
    result = body_of(parse(MASS_ONE_ITEM))["copyright_check_result"]
    assert result["result_list"] == [
        {
            "article_idx": 1,
            "user_declare_state": 0,
            "audit_state": 1,
            "original_article_url": None,
            "original_article_type": None,
            "can_reprint": None,
            "need_replace_content": None,
            "need_show_reprint_source": None,
        }
    ]
    assert parse(MASS_ONE_ITEM).lenient_fields == ()


def test_a_mass_send_without_checks_has_them_null() -> None:
    xml = wechat_event_xml("MASSSENDJOBFINISH", "<MsgID>1</MsgID><Status><![CDATA[send success]]></Status>")
    body = body_of(parse(xml))
    assert (body["copyright_check_result"], body["article_url_result"]) == (None, None)


# --- customer service and subscription notices ----------------------------------------------------


def test_kf_session_bodies() -> None:
    assert _body("kf_create_session")["kf_account"] == "test1@test"
    assert _body("kf_close_session")["kf_account"] == "test1@test"
    switch = _body("kf_switch_session")
    assert (switch["from_kf_account"], switch["to_kf_account"]) == ("test1@test", "test2@test")


def test_subscribe_popup_lists_every_template() -> None:
    assert _body("subscribe_msg_popup_event")["subscribe_msg_popup_event"] == {
        "list": [
            {
                "template_id": "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc",
                "subscribe_status_string": "accept",
                "popup_scene": 2,
            },
            {
                "template_id": "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI",
                "subscribe_status_string": "reject",
                "popup_scene": 2,
            },
        ]
    }


POPUP_ONE = wechat_event_xml(
    "subscribe_msg_popup_event",
    """
<SubscribeMsgPopupEvent>
<List>
<TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
<SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
<PopupScene>1</PopupScene>
</List>
</SubscribeMsgPopupEvent>
""",
)


def test_one_popup_choice_is_still_a_list() -> None:
    assert body_of(parse(POPUP_ONE))["subscribe_msg_popup_event"]["list"] == [
        {
            "template_id": "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc",
            "subscribe_status_string": "accept",
            "popup_scene": 1,
        }
    ]


def test_subscribe_change_and_sent_with_one_list_are_lists() -> None:
    assert _body("subscribe_msg_change_event")["subscribe_msg_change_event"] == {
        "list": [{"template_id": "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", "subscribe_status_string": "reject"}]
    }
    assert _body("subscribe_msg_sent_event")["subscribe_msg_sent_event"] == {
        "list": [
            {
                "template_id": "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc",
                "msg_id": 1700827132819554304,
                "error_code": 0,
                "error_status": "success",
            }
        ]
    }


def test_a_list_element_sent_as_text_is_kept_and_noted() -> None:
    xml = wechat_event_xml(
        "subscribe_msg_change_event", "<SubscribeMsgChangeEvent><List>oops</List></SubscribeMsgChangeEvent>"
    )
    event = parse(xml)
    assert body_of(event)["subscribe_msg_change_event"] == {"list": "oops"}
    assert [(note.path, note.reason) for note in event.lenient_fields] == [
        ("subscribe_msg_change_event.list", "kept_as_sent")
    ]


# --- cards and invoices ----------------------------------------------------------------------------


def test_user_get_card_body() -> None:
    assert _body("user_get_card") == _envelope(
        "user_get_card",
        card_id="pZI8Fjwsy5fVPRBeD78J4RmqVvBc",
        user_card_code="226009850808",
        is_give_by_friend=0,
        friend_user_name=None,
        outer_id=0,
        old_user_card_code=None,
        outer_str="12b",
        is_restore_member_card=0,
        is_recommend_by_friend=0,
        union_id="o6_bmasdasdsad6_2sgVt7hMZOPfL",
    )


def test_card_codes_stay_text() -> None:
    assert _body("submit_membercard_user_info")["user_card_code"] == "018255396048"
    assert _body("user_pay_from_pay_cell")["trans_id"] == "10022403432015000000000"


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("user_pay_from_pay_cell", {"location_id": 291710000, "fee": 10000, "original_fee": 10000}),
        ("update_member_card", {"modify_bonus": 3, "modify_balance": 0}),
        ("user_gifting_card", {"is_return_back": 0, "is_chat_room": 0}),
        (
            "card_pay_order",
            {
                "create_order_time": 1453295737,
                "pay_finish_time": 0,
                "free_coin_count": 200,
                "pay_coin_count": 0,
                "refund_free_coin_count": 0,
                "refund_pay_coin_count": 0,
            },
        ),
        ("wificonnected", {"connect_time": 0, "expire_time": 0}),
        ("user_scan_product", {"sex": 1, "scene": 2}),
        ("qualification_verify_success", {"expired_time": 1442401156}),
        ("qualification_verify_fail", {"fail_time": 1442401122}),
        ("naming_verify_success", {"expired_time": 1442401093}),
        ("naming_verify_fail", {"fail_time": 1442401061}),
        ("annual_renew", {"expired_time": 1442401004}),
        ("verify_expired", {"expired_time": 1442400900}),
        ("device_text", {"session_id": 9394, "msg_id": 66807316}),
    ],
)
def test_declared_numbers_are_numbers(name: str, numbers: dict[str, int]) -> None:
    body = _body(name)
    assert {field: body[field] for field in numbers} == numbers


def test_user_consume_card_keeps_empty_documented_fields_null() -> None:
    body = _body("user_consume_card")
    assert (body["consume_source"], body["staff_open_id"], body["outer_str"]) == (
        "FROM_API",
        "oZ********nJ3bPJu_Rtjkw4c",
        "xxxxx",
    )
    assert (body["location_name"], body["verify_code"], body["remark_amount"]) == (None, None, None)


def test_card_review_bodies() -> None:
    for name in ("card_pass_check", "card_not_pass_check"):
        assert _body(name) == _envelope(name, card_id="cardid", user_card_code=None, refuse_reason="非法代制")


def test_invoice_bodies() -> None:
    authorize = _body("user_authorize_invoice")
    assert (authorize["succ_order_id"], authorize["fail_order_id"], authorize["source"]) == (
        "1202933957956",
        None,
        "web",
    )
    assert authorize["authorize_app_id"] == "wx1234567887654321"
    status = _body("update_invoice_status")
    assert (status["status"], status["card_id"], status["code"]) == (
        "INVOICE_REIMBURSE_INIT",
        "pjZ8Yt7Um2jYxzneP8GomnxoVFWo",
        "186921658591",
    )
    title = _body("submit_invoice_title")
    assert (title["title"], title["tax_no"], title["phone"], title["title_type"]) == (
        "样例公司抬头",
        "1486715661",
        "13313331333",
        "InvoiceUserTitleBusinessType",
    )


# --- stores, Wi-Fi, beacons, products ----------------------------------------------------------------


def test_poi_check_notify_body() -> None:
    assert _body("poi_check_notify") == _envelope(
        "poi_check_notify", uniq_id="123adb", poi_id="123123", result="fail", msg="xxxxxx"
    )


def test_wifi_connected_body() -> None:
    body = _body("wificonnected")
    assert (body["vendor_id"], body["shop_id"], body["device_no"], body["place_id"]) == (
        "3001224419",
        "PlaceId",
        "DeviceNo",
        None,
    )


def test_shake_body_lists_the_beacons_around() -> None:
    body = _body("shakearoundusershake")
    assert body["chosen_beacon"] == {"uuid": "uuid", "major": 12345, "minor": 54321, "distance": 0.057}
    assert [beacon["distance"] for beacon in body["around_beacons"]["around_beacon"]] == [166.816, 15.013]


@pytest.mark.parametrize(
    ("around", "expected"),
    [
        (
            "<AroundBeacons><AroundBeacon><Uuid><![CDATA[u]]></Uuid><Major>1</Major><Minor>2</Minor>"
            "<Distance>3.5</Distance></AroundBeacon></AroundBeacons>",
            {"around_beacon": [{"uuid": "u", "major": 1, "minor": 2, "distance": 3.5}]},
        ),
        ("<AroundBeacons></AroundBeacons>", None),
    ],
    ids=["one_beacon", "none"],
)
def test_one_beacon_around_is_still_a_list(around: str, expected: Any) -> None:
    chosen = "<ChosenBeacon><Uuid>u</Uuid><Major>1</Major><Minor>2</Minor><Distance>0.5</Distance></ChosenBeacon>"
    event = parse(wechat_event_xml("ShakearoundUserShake", chosen + around))
    assert body_of(event)["around_beacons"] == expected
    assert event.lenient_fields == ()


def test_product_bodies() -> None:
    scan = _body("user_scan_product")
    assert (scan["key_standard"], scan["key_str"], scan["city"], scan["ext_info"]) == (
        "ean13",
        "6901481811083",
        "揭阳",
        "123",
    )
    assert _body("user_scan_product_enter_session")["ext_info"] is None
    assert _body("user_scan_product_async")["region_code"] == "440105"
    verify = _body("user_scan_product_verify_action")
    assert (verify["result"], verify["reason_msg"]) == ("verify_ok", None)


def test_verification_failure_body() -> None:
    assert _body("naming_verify_fail") == _envelope("naming_verify_fail", fail_time=1442401061, fail_reason="by time")


# --- device and mini program messages ----------------------------------------------------------------


def test_device_text_body() -> None:
    event = parse(MORE_SAMPLES["device_text"])
    assert event.id == f"{APP_ID}:msg:66807316"
    assert body_of(event) == _envelope(
        "device_text",
        id=event.id,
        msg_id=66807316,
        device_type="gh_e136c6e50636",
        device_id="dev1234",
        content="aGVsbG8=",
        session_id=9394,
        open_id="oMgHVjngRipVsoxg6TuX3vz6glDg",
    )


def test_device_event_keeps_its_own_event_apart() -> None:
    event = parse(MORE_SAMPLES["device_event"])
    assert isinstance(event, DeviceEventMessage)
    body = body_of(event)
    assert (body["msg_type"], body["event"], body["wechat_event"]) == ("device_event", None, "bind")
    assert (body["content"], body["session_id"], body["op_type"]) == (None, 0, None)


def test_device_bind_and_unbind_in_one_second_differ() -> None:
    unbind = MORE_SAMPLES["device_event"].replace(b"[bind]", b"[unbind]")
    other_device = MORE_SAMPLES["device_event"].replace(b"dev1234", b"dev5678")
    first = parse(MORE_SAMPLES["device_event"])
    assert len({first.id, parse(unbind).id, parse(other_device).id}) == 3


def test_a_message_without_its_usual_event_element_is_still_typed() -> None:
    event = parse(wechat_xml("device_event", "<DeviceType>gh</DeviceType><DeviceID>d</DeviceID><OpenID>o</OpenID>"))
    assert type(event) is DeviceEventMessage
    assert [(note.path, note.reason) for note in event.lenient_fields] == [("wechat_event", "absent")]


def test_miniprogrampage_keeps_the_mini_program_app_id_apart() -> None:
    event = parse(MORE_SAMPLES["miniprogrampage"])
    assert body_of(event) == _envelope(
        "miniprogrampage",
        id="wx1:msg:1234567890123456",
        msg_id=1234567890123456,
        title="Title",
        wechat_app_id="appid",
        page_path="PagePath",
        thumb_url="ThumbUrl",
        thumb_media_id="ThumbMediaId",
    )


# --- de-duplication: what one sender causes in one second ----------------------------------------------


def test_an_event_type_without_dedup_fields_keeps_its_id() -> None:
    # Pinned: ids of the basic events are the same as before DEDUP_FIELDS (Redis keys survive a deploy).
    click = parse(
        wechat_event_xml("CLICK", "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>", create_time=1700000000)
    )
    assert click.id == "wx1:evt:9502bd1318f4e0ca6865db03bc3794cd"


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("user_get_card", b"226009850808", b"226009850809"),  # two cards taken at once (wx.addCard)
        ("user_get_card", b"pZI8Fjwsy5fVPRBeD78J4RmqVvBc", b"pZI8FjOtherCardxxxxxxxxxxxx"),
        ("publishjobfinish", b"2247503051", b"2247503052"),  # two jobs ending in one second (mphelper)
        ("publishjobfinish", b"<publish_status>0", b"<publish_status>5"),  # a published job deleted later
        ("subscribe_msg_sent_event", b"1700827132819554304", b"1700827132819554305"),
        ("update_member_card", b"<ModifyBonus>3", b"<ModifyBonus>4"),
        ("card_pay_order", b"ORDER_STATUS_FINANCE_SUCC", b"ORDER_STATUS_QUANTITY_SUCC"),
        ("update_invoice_status", b"186921658591", b"186921658592"),
        ("poi_check_notify", b"123adb", b"123adc"),
        ("user_scan_product", b"6901481811083", b"6901481811084"),
    ],
)
def test_two_events_in_one_second_that_differ_in_their_subject_both_publish(name: str, old: bytes, new: bytes) -> None:
    assert old in MORE_SAMPLES[name]
    assert parse(MORE_SAMPLES[name]).id != parse(MORE_SAMPLES[name].replace(old, new)).id


def test_the_dedup_fields_are_read_from_the_normalized_body() -> None:
    for model in {*EVENT_MODELS.values(), *MESSAGE_MODELS.values()}:
        for path in model.DEDUP_FIELDS:
            assert path.split(".")[0] in model.model_fields, (model.__name__, path)


# --- the dispatcher: rules match them, analytics count them ------------------------------------------


def _kind_and_name(event: WeChatEvent) -> tuple[str, str]:
    return ("events", event.event or "") if event.msg_type == "event" else ("messages", event.msg_type)


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_a_rule_can_match_it(name: str) -> None:
    event = parse(MORE_SAMPLES[name])
    match = {"msg_type": "event", "event": event.event} if event.event else {"msg_type": event.msg_type}
    rules = RuleSet.from_data(
        {
            "rules": [
                {"match": {"msg_type": "text"}, "reply": {"type": "text", "content": "no"}},
                {"match": match, "reply": {"type": "text", "content": "for {from_user}"}},
            ]
        }
    )
    reply = rules.reply_for(body_of(event))
    assert reply is not None
    assert reply.model_dump()["content"] == f"for {event.from_user}"


@pytest.mark.parametrize("name", MORE_EXPECTED)
def test_analytics_count_it_under_its_name(name: str) -> None:
    event = parse(MORE_SAMPLES[name])
    counters = counters_for(body_of(event))
    group, kind = _kind_and_name(event)
    assert counters == [(group, kind)]
    counts = counts_from({field_of(counter): 1 for counter in counters}, unique_users=1)
    assert counts[group] == {kind: 1}  # type: ignore[literal-required]
    assert counts["total"] == 1


def test_no_sample_is_unknown() -> None:
    assert all(type(parse(xml)) is not UnknownEvent for xml in MORE_SAMPLES.values())
