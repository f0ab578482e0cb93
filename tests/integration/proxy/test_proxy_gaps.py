"""Endpoints the audit found missing, in groups without an every-example test of their own (base,
template, draft, publisher, cityservice): every catalogued example through the API proxy, answered as
WeChat answers a fresh account, and their typed methods over ``ProxyTransport``."""

from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE
from sandbox.fake_wechat.datacube_figures import china_day
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.errors import WeChatError
from shared.wechat.models.cityservice import MedicalMessage
from shared.wechat.models.product_card import CardType
from shared.wechat.models.publisher import ADPOS, AdSlot, PublisherQuery
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

Client = TestClient[Any, Any]
NOT_PUBLISHER, API_UNAUTHORIZED, INVALID_APPID = 2009, 48001, 40013
PATHS = ("cgi-bin/openapi/quota/clear", "wxa/sec/queryblocktmplmsg", "channels/ec/service/product/getcardinfo",
         "publisher/stat", "cityservice/sendchannelmsg")  # fmt: skip
# A GET's example: its query string (the catalogue's examples are JSON bodies).
QUERIES = {"publisher/stat": {"action": ADPOS, "page": "1", "page_size": "10", "start_date": "2024-01-01",
                              "end_date": "2024-01-31"}}  # fmt: skip
# What a fresh account answers each example (errcode, or base_resp.ret for 流量主): 0 unless named here.
FRESH_REFUSALS: dict[str, int] = {
    "publisher/stat": NOT_PUBLISHER,  # no account is a 流量主 until it opens
    "cityservice/sendchannelmsg": API_UNAUTHORIZED,  # nor has 就医助手 enabled
}


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    catalogue = default_catalogue()
    endpoints = [catalogue[path] for path in PATHS]
    answered: dict[str, int] = {}
    for endpoint in endpoints:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, params=QUERIES[endpoint.path], headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answer = await response.json()
        answered[endpoint.path] = answer.get("errcode") or answer.get("base_resp", {}).get("ret", 0)
    assert answered == {path: FRESH_REFUSALS.get(path, 0) for path in PATHS}
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{path}" for path in PATHS]


async def test_one_apis_quota_is_reset_through_the_proxy(api: WeChatApi) -> None:
    await api.base.callback_ips()
    assert (await api.base.quota("cgi-bin/getcallbackip")).used == 1
    await api.base.clear_api_quota("cgi-bin/getcallbackip")
    assert (await api.base.quota("cgi-bin/getcallbackip")).used == 0


async def test_an_intercepted_template_message_through_the_proxy(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    template_id = await api.template.add("47123", ["时间", "金额"])
    [openid] = (await fake_wechat.control("followers", {"app_id": fake_wechat.app_id, "count": 1}))["openids"]
    message = {"touser": openid, "template_id": template_id, "data": {"time1": {"value": "12:00"}}}
    sent = await api.call("cgi-bin/message/template/send", json=message)
    assert isinstance(sent, dict)
    record = await fake_wechat.control("templates/block", {"app_id": fake_wechat.app_id, "msgid": sent["msgid"]})
    assert await api.template.blocked(template_id) == record
    assert await api.template.blocked(template_id, largest_id=record["id"]) is None


async def test_a_publishers_reports_across_windows_and_pages(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    today = china_day(fake_wechat.clock.time())
    start, end = today - timedelta(days=200), today - timedelta(days=1)
    with pytest.raises(WeChatError) as error:
        await api.publisher.ad_slots(start, end)
    assert error.value.errcode == NOT_PUBLISHER
    await fake_wechat.control("publisher", {"app_id": fake_wechat.app_id})
    before = len(wire(fake_wechat))
    rows = await api.publisher.ad_slots(start, end)
    assert len(rows) == 200 * 4  # four slots a day
    assert len(wire(fake_wechat)) - before == 4 + 4 + 1  # windows of 90, 90, 20 days: 360, 360, 80 rows
    assert {row["date"] for row in rows} == {(start + timedelta(days=n)).isoformat() for n in range(200)}
    bottom = await api.publisher.ad_slots(start, end, ad_slot=AdSlot.BOTTOM)
    assert [row for row in rows if row["ad_slot"] == AdSlot.BOTTOM] == bottom
    assert len(await api.publisher.cps(start, end)) == 200
    settlements = await api.publisher.settlements(today - timedelta(days=365), today)
    assert settlements.rows and settlements.model_extra is not None and settlements.model_extra["body"]
    page = await api.publisher.page(PublisherQuery.of(ADPOS, start, start + timedelta(days=9), page_size=5))
    assert (len(page.rows), page.total_num, page.summary["req_succ_count"] > 0) == (5, 40, True)
    with pytest.raises(ValueError, match="90 days"):
        await api.publisher.page(PublisherQuery.of(ADPOS, start, end))


async def test_a_hospital_pushes_the_steps_of_a_visit(api: WeChatApi, proxy: Client, fake_wechat: FakeWeChat) -> None:
    info = {"pat_name": "李*龙", "pat_hospital_id": "a123456", "department_name": "心内科"}
    booked = MedicalMessage(status=1501001, open_id="oPatient", order_id="visit-1", msg_id="m-1", business_info=info)
    with pytest.raises(WeChatError) as error:
        await api.cityservice.send_medical(booked)
    assert error.value.errcode == API_UNAUTHORIZED
    await fake_wechat.control("cityservice", {"app_id": fake_wechat.app_id})
    await api.cityservice.send_medical(booked)
    await api.cityservice.send_medical(booked)  # a retry is the same message
    await api.cityservice.send_medical(booked.model_copy(update={"status": 1505001, "msg_id": "m-2"}))
    sent = fake_wechat.app[FAKE].state.cityservice.of(fake_wechat.app_id).messages
    assert [(m.status, m.order_id, m.msg_id) for m in sent] == [
        (1501001, "visit-1", "m-1"),
        (1505001, "visit-1", "m-2"),
    ]
    body = {**booked.body("wxanotherhospital"), "msg_id": "m-3"}
    response = await proxy.post(
        f"/v1/apps/{fake_wechat.app_id}/wechat/cityservice/sendchannelmsg", json=body, headers=AUTH
    )
    assert (await response.json())["errcode"] == INVALID_APPID


async def test_a_shop_products_card_for_an_article(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    pic = await api.draft.product_card("1000000001", "newspic", CardType.SMALL)
    assert pic.product_key and pic.dom and pic.product_key in pic.dom
    product = {"app_id": fake_wechat.app_id, "product_id": "2000000001", "title": "新品礼盒", "price": 19900}
    await fake_wechat.control("shop/products", product)
    news = await api.draft.product_card("2000000001", "news", CardType.LARGE)
    assert news.product_key is None and news.dom is not None and "新品礼盒" in news.dom
    with pytest.raises(WeChatError) as error:
        await api.draft.product_card("3000000000", "news", CardType.LINK)
    assert error.value.errcode == 10170001
    with pytest.raises(ValueError, match="large"):
        await api.draft.product_card("1000000001", "newspic", CardType.LARGE)
