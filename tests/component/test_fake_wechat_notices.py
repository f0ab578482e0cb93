"""The fake WeChat's template library and subscription notifications keep WeChat's rules: industries
1–41 once a month (40102, 43100), category templates picked with their keywords (40246, 40247, 45026),
subscription titles and keywords (200014–200021), sends only to followers who subscribed (43101),
values checked by keyword type (47003), the one-time message per scene (40129, 43101)."""

from typing import Any

import pytest

from tests.component.fake_account import OK, Api
from tests.conftest import FakeWeChat

TEMPLATE = "/cgi-bin/template/"
NEWTMPL = "/wxaapi/newtmpl/"
BIZSEND = "/cgi-bin/message/subscribe/bizsend"
ONCE = "/cgi-bin/message/template/subscribe"


# -- the template library ------------------------------------------------------------------------


BLOCKED = "/wxa/sec/queryblocktmplmsg"


async def test_an_intercepted_template_message_is_found_by_its_template_one_at_a_time(api: Api) -> None:
    picked = await api.post(
        TEMPLATE + "api_add_template", {"template_id_short": "47123", "keyword_name_list": ["时间", "金额"]}
    )
    [openid] = (await api.seed(count=1))["openids"]
    message = {"touser": openid, "template_id": picked["template_id"], "data": {"time1": {"value": "12:00"}}}
    msgids = [(await api.post("/cgi-bin/message/template/send", message))["msgid"] for _ in range(2)]
    query = {"tmpl_msg_id": picked["template_id"], "largest_id": 0, "limit": 100}
    assert await api.post(BLOCKED, query) == OK  # nothing intercepted yet
    blocked = [await api.fake.control("templates/block", {"app_id": api.app_id, "msgid": m}) for m in msgids]
    first = await api.post(BLOCKED, query)
    assert first == {**OK, "msginfo": blocked[0]}
    assert (blocked[0]["tmpl_msg_id"], blocked[0]["openid"], blocked[0]["content"]) == (
        picked["template_id"],
        openid,
        "time1:12:00",
    )
    assert blocked[0]["title"] and isinstance(blocked[0]["send_timestamp"], int)
    assert (await api.post(BLOCKED, {**query, "largest_id": first["msginfo"]["id"]}))["msginfo"] == blocked[1]
    assert await api.post(BLOCKED, {**query, "largest_id": blocked[1]["id"]}) == OK
    assert await api.post(BLOCKED, {**query, "tmpl_msg_id": "another-template"}) == OK


@pytest.mark.parametrize(
    "body",
    [
        {"largest_id": 0, "limit": 10},
        {"tmpl_msg_id": "T", "largest_id": -1, "limit": 10},
        {"tmpl_msg_id": "T", "largest_id": 0, "limit": 0},
        {"tmpl_msg_id": "T", "largest_id": 0, "limit": 101},
        {"tmpl_msg_id": "T", "largest_id": "0", "limit": 10},
    ],
)
async def test_a_malformed_intercept_query_is_40097(api: Api, body: dict[str, Any]) -> None:
    assert await api.errcode(BLOCKED, body) == 40097


async def test_industries_are_set_once_a_month_and_read_by_name(api: Api, fake_wechat: FakeWeChat) -> None:
    assert await api.post(TEMPLATE + "api_set_industry", {"industry_id1": "1", "industry_id2": "13"}) == OK
    assert await api.get(TEMPLATE + "get_industry") == {
        "primary_industry": {"first_class": "IT科技", "second_class": "互联网|电子商务"},
        "secondary_industry": {"first_class": "运输与仓储", "second_class": "快递"},
    }
    assert await api.errcode(TEMPLATE + "api_set_industry", {"industry_id1": "2", "industry_id2": "4"}) == 43100
    fake_wechat.clock.advance(32 * 24 * 3600)
    await api.renew()
    assert await api.errcode(TEMPLATE + "api_set_industry", {"industry_id1": "42", "industry_id2": "4"}) == 40102
    assert await api.errcode(TEMPLATE + "api_set_industry", {"industry_id1": "x", "industry_id2": "4"}) == 40103
    assert await api.errcode(TEMPLATE + "api_set_industry", {"industry_id1": 2, "industry_id2": 4}) == 0


async def test_a_category_template_is_picked_with_its_keywords(api: Api) -> None:
    picked = await api.post(
        TEMPLATE + "api_add_template", {"template_id_short": "47123", "keyword_name_list": ["时间", "金额"]}
    )
    assert picked["errcode"] == 0 and picked["template_id"]
    [template] = (await api.get(TEMPLATE + "get_all_private_template"))["template_list"]
    assert template["template_id"] == picked["template_id"]
    assert template["content"] == "时间:{{time1.DATA}}\n金额:{{amount2.DATA}}"
    assert (template["primary_industry"], template["deputy_industry"]) == ("IT科技", "互联网|电子商务")
    assert await api.post(TEMPLATE + "del_private_template", {"template_id": picked["template_id"]}) == OK
    assert (await api.get(TEMPLATE + "get_all_private_template"))["template_list"] == []
    assert await api.errcode(TEMPLATE + "del_private_template", {"template_id": picked["template_id"]}) == 40037


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"template_id_short": "47123", "keyword_name_list": []}, 40246),
        ({"template_id_short": "47123"}, 40246),
        ({"template_id_short": "47123", "keyword_name_list": ["不存在"]}, 40246),
        ({"template_id_short": "OPENTM207498902", "keyword_name_list": ["时间"]}, 40247),
        ({"template_id_short": "TM00015", "keyword_name_list": ["时间"]}, 40247),
        ({"template_id_short": "99999", "keyword_name_list": ["时间"]}, 40037),
    ],
)
async def test_a_template_wechat_would_not_pick_is_refused(api: Api, body: dict[str, Any], errcode: int) -> None:
    assert await api.errcode(TEMPLATE + "api_add_template", body) == errcode


async def test_25_templates_at_once_and_an_industry_change_takes_its_templates(
    api: Api, fake_wechat: FakeWeChat
) -> None:
    await fake_wechat.control(
        "templates/library",
        {"template_id_short": "50001", "title": "测试通知", "industry": 41, "keywords": [{"name": "内容"}]},
    )
    add = {"template_id_short": "47123", "keyword_name_list": ["时间"]}
    for _ in range(24):
        assert await api.errcode(TEMPLATE + "api_add_template", add) == 0
    other = {"template_id_short": "50001", "keyword_name_list": ["内容"]}
    assert await api.errcode(TEMPLATE + "api_add_template", other) == 0
    assert await api.errcode(TEMPLATE + "api_add_template", add) == 45026
    assert await api.post(TEMPLATE + "api_set_industry", {"industry_id1": "41", "industry_id2": "40"}) == OK
    [kept] = (await api.get(TEMPLATE + "get_all_private_template"))["template_list"]
    assert kept["title"] == "测试通知"


# -- subscription notifications ------------------------------------------------------------------


async def template_of(api: Api, tid: int = 99, kids: list[int] | None = None) -> str:
    answer = await api.post(
        NEWTMPL + "addtemplate", {"tid": str(tid), "kidList": kids or [1, 2, 3], "sceneDesc": "付款"}
    )
    assert answer["errcode"] == 0, answer
    pri: str = answer["priTmplId"]
    return pri


async def test_the_library_categories_titles_and_keywords(api: Api) -> None:
    categories = await api.get(NEWTMPL + "getcategory")
    assert categories["data"] == [{"id": 616, "name": "商业服务"}]
    titles = await api.get(NEWTMPL + "getpubtemplatetitles", ids="616", start="0", limit="1")
    assert titles["count"] == 2 and titles["data"] == [
        {"tid": 99, "title": "付款成功通知", "type": 2, "categoryId": "616"}
    ]
    assert (await api.get(NEWTMPL + "getpubtemplatetitles", ids="616", start="1", limit="30"))["data"][0]["tid"] == 1001
    assert (await api.get(NEWTMPL + "getpubtemplatetitles", start="0", limit="1"))["errcode"] == 200018
    assert (await api.get(NEWTMPL + "getpubtemplatetitles", ids="1", start="0", limit="1"))["errcode"] == 200019
    assert (await api.get(NEWTMPL + "getpubtemplatetitles", ids="616", start="-1", limit="1"))["errcode"] == 200016
    assert (await api.get(NEWTMPL + "getpubtemplatetitles", ids="616", start="0", limit="31"))["errcode"] == 200017
    keywords = await api.get(NEWTMPL + "getpubtemplatekeywords", tid="99")
    assert keywords["count"] == 6
    assert keywords["data"][0] == {"kid": 1, "name": "商品名称", "example": "咖啡", "rule": "thing"}
    assert (await api.get(NEWTMPL + "getpubtemplatekeywords", tid="12345"))["errcode"] == 200014


@pytest.mark.parametrize(
    ("body", "errcode"),
    [
        ({"tid": "12345", "kidList": [1, 2], "sceneDesc": ""}, 200014),
        ({"tid": "99", "kidList": [1], "sceneDesc": ""}, 200020),
        ({"tid": "99", "kidList": [1, 2, 3, 4, 5, 6], "sceneDesc": ""}, 200020),
        ({"tid": "99", "kidList": [1, 1], "sceneDesc": ""}, 200020),
        ({"tid": "99", "kidList": [1, 9], "sceneDesc": ""}, 200020),
        ({"tid": "99", "kidList": [1, 2], "sceneDesc": "一二三四五六七八九十一二三四五六"}, 200021),
    ],
)
async def test_a_template_outside_the_rules_is_refused(api: Api, body: dict[str, Any], errcode: int) -> None:
    assert await api.errcode(NEWTMPL + "addtemplate", body) == errcode


async def test_templates_are_listed_with_their_fields_limited_to_25_and_deleted(api: Api) -> None:
    pri = await template_of(api)
    [listed] = (await api.get(NEWTMPL + "gettemplate"))["data"]
    assert listed["priTmplId"] == pri and listed["type"] == 2
    assert listed["content"] == "商品名称:{{thing1.DATA}}\n付款时间:{{time2.DATA}}\n付款金额:{{amount3.DATA}}"
    for _ in range(24):
        await template_of(api)
    assert await api.errcode(NEWTMPL + "addtemplate", {"tid": "99", "kidList": [1, 2]}) == 200012
    assert await api.post(NEWTMPL + "deltemplate", {"priTmplId": pri}) == OK
    assert await api.errcode(NEWTMPL + "deltemplate", {"priTmplId": pri}) == 40037


def notice(template_id: str, **values: str) -> dict[str, Any]:
    data = {"thing1": "咖啡", "time2": "2019年10月1日 15:01", "amount3": "¥29.90"} | values
    return {"touser": "oFollower1", "template_id": template_id, "data": {k: {"value": v} for k, v in data.items()}}


async def test_a_one_time_subscription_allows_one_send(api: Api, fake_wechat: FakeWeChat) -> None:
    pri = await template_of(api)
    assert await api.errcode(BIZSEND, notice(pri)) == 43101
    grant = {"app_id": api.app_id, "openid": "oFollower1", "template_id": pri}
    await fake_wechat.control("subscribe/grant", grant)
    sent = await api.post(BIZSEND, notice(pri))
    assert sent["errcode"] == 0 and sent["msgid"] > 0
    assert await api.errcode(BIZSEND, notice(pri)) == 43101
    described = (await fake_wechat.control(f"messaging?app_id={api.app_id}"))[api.app_id]["subscribe"]
    assert [s["msgid"] for s in described["sent"]] == [sent["msgid"]]


async def test_a_long_term_subscription_allows_every_send_until_cancelled(api: Api, fake_wechat: FakeWeChat) -> None:
    pri = await template_of(api, 1001, [1, 2, 3, 4])
    grant = {"app_id": api.app_id, "openid": "oFollower1", "template_id": pri}
    await fake_wechat.control("subscribe/grant", grant)
    values = {"thing1": "年检", "time2": "15:01", "name3": "张三", "car_number4": "粤A8Z888"}
    body = {"touser": "oFollower1", "template_id": pri, "data": {k: {"value": v} for k, v in values.items()}}
    for _ in range(3):
        assert (await api.post(BIZSEND, body))["errcode"] == 0
    await fake_wechat.control("subscribe/grant", grant | {"cancel": True})
    assert await api.errcode(BIZSEND, body) == 43101


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"thing1": "一二三四五六七八九十一二三四五六七八九十一"}, "thing1"),
        ({"time2": "明天"}, "time2"),
        ({"amount3": "二十九元"}, "amount3"),
        ({"amount3": ""}, "amount3"),
    ],
)
async def test_values_are_checked_by_keyword_type(
    api: Api, fake_wechat: FakeWeChat, values: dict[str, str], field: str
) -> None:
    pri = await template_of(api)
    await fake_wechat.control("subscribe/grant", {"app_id": api.app_id, "openid": "oFollower1", "template_id": pri})
    answer = await api.post(BIZSEND, notice(pri, **values))
    assert answer["errcode"] == 47003 and f"data.{field}.value" in answer["errmsg"]


async def test_a_send_to_an_unknown_template_or_openid_is_refused(api: Api) -> None:
    pri = await template_of(api)
    assert await api.errcode(BIZSEND, notice("nope")) == 40037
    assert await api.errcode(BIZSEND, notice(pri) | {"touser": "bad"}) == 40003


async def test_the_one_time_message_goes_once_per_scene_the_follower_allowed(api: Api, fake_wechat: FakeWeChat) -> None:
    body = {"touser": "oFollower1", "template_id": "ONCE_TEMPLATE", "scene": "1000", "title": "订阅通知",
            "data": {"content": {"value": "您的订单已发货", "color": "#173177"}}}  # fmt: skip
    assert await api.errcode(ONCE, body) == 43101
    allow = {"app_id": api.app_id, "openid": "oFollower1", "template_id": "ONCE_TEMPLATE", "scene": 1000}
    await fake_wechat.control("subscribe/once", allow)
    assert await api.post(ONCE, body) == OK
    assert await api.errcode(ONCE, body) == 43101
    assert await api.errcode(ONCE, body | {"scene": "10001"}) == 40129
    assert await api.errcode(ONCE, body | {"title": "标题超过十五个字符的订阅通知消息标题"}) == 47003
    assert await api.errcode(ONCE, body | {"data": {"content": {"value": "长" * 201}}}) == 47003
