"""摇一摇周边 (group ``shakearound``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a new account (its registration approved once it has asked), and the typed API
over ``ProxyTransport`` through a rollout: registration, pages, devices, groups, shakes and statistics."""

from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient
from pydantic import ValidationError

from sandbox.fake_wechat import ManualClock
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.shake_lottery import Lottery, LotteryTemplate, Tickets
from shared.wechat.models.shakearound import (
    DeviceApplication,
    DeviceIdentifier,
    MaterialKind,
    Page,
    PageChange,
    Registration,
)
from shared.wechat.transport import Upload
from tests.conftest import FakeWeChat
from tests.images import png
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("shakearound")
QUERY = {
    "shakearound/lottery/addlotteryinfo": {"use_template": "1", "logo_url": "http://shp.qpic.cn/logo/120"},
    "shakearound/lottery/setlotteryswitch": {"lottery_id": "5794560", "onoff": "0"},
    "shakearound/lottery/querylottery": {"lottery_id": "5794560"},
}
# In catalogue order on a new account: nobody has shaken yet, and a device still shows the page.
REFUSED = {
    "shakearound/user/getshakeinfo": 9001003,  # Ticket不合法
    "shakearound/page/delete": 9001029,  # 页面已应用在设备中
}


def icon_form(width: int = 120, height: int = 120) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("media", png(width, height), filename="icon.png", content_type="image/png")
    return form


async def test_every_example_reaches_the_fake_and_is_answered_as_a_new_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    answers: dict[str, dict[str, Any]] = {}
    for endpoint in ENDPOINTS:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        params = QUERY.get(endpoint.path, {})
        if endpoint.method == "GET":
            response = await proxy.get(url, params=params, headers=AUTH)
        elif endpoint.upload_field:
            response = await proxy.post(url, params={"type": "icon"}, data=icon_form(), headers=AUTH)
        else:
            response = await proxy.post(url, params=params, json=endpoint.example or {}, headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answers[endpoint.path] = await response.json()
        if endpoint.path == "shakearound/account/auditstatus":  # WeChat's reviewers approve the registration
            await fake_wechat.control("shakearound/registration", {"app_id": app_id, "approved": True})
    assert {path: answer["errcode"] for path, answer in answers.items()} == {
        endpoint.path: REFUSED.get(endpoint.path, 0) for endpoint in ENDPOINTS
    }
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{endpoint.path}" for endpoint in ENDPOINTS]
    lottery = {e.path for e in ENDPOINTS if "/lottery/" in e.path}
    assert {path: a["errmsg"] for path, a in answers.items() if a["errcode"] == 0 and path not in lottery} == {
        path: "success." for path, a in answers.items() if a["errcode"] == 0 and path not in lottery
    }
    assert answers["shakearound/device/applyid"]["data"] == {"apply_id": 123, "audit_status": 2,
                                                           "audit_comment": "审核通过"}  # fmt: skip
    assert answers["shakearound/lottery/addlotteryinfo"]["lottery_id"] == "5794560"
    assert answers["shakearound/lottery/querylottery"]["result"]["onoff"] == 0
    assert answers["shakearound/statistics/devicelist"]["page_index"] == 1


DAY = 86400
ACCOUNT_INVALID, TICKET_INVALID, PAGE_ARGS_INVALID, PAGE_IN_USE = 9001020, 9001003, 9001027, 9001029
POST_INVALID, ACTIVATION_TOO_LOW, UNDER_REVIEW, DATE_RANGE_INVALID = 9001001, 9001021, 9001023, 9001031
REGISTRATION = Registration(
    name="张三", phone_number="13512345678", email="weixin123@qq.com", industry_id="0118",
    qualification_cert_urls=["http://shp.qpic.cn/wx_shake_bus/0/1/0"], apply_reason="门店导购",
)  # fmt: skip
PAGE = Page(title="开业大吉", description="到店有礼", page_url="https://example.com/a", icon_url="http://shp.qpic.cn/i")


async def opened(api: WeChatApi, fake: FakeWeChat) -> None:
    await api.shakearound.register(REGISTRATION)
    await fake.control("shakearound/registration", {"app_id": fake.app_id, "approved": True})


async def shake(fake: FakeWeChat, device_id: int, openid: str, *, clicked: bool = True) -> dict[str, Any]:
    body = {"app_id": fake.app_id, "device_id": device_id, "openid": openid, "clicked": clicked}
    answer: dict[str, Any] = await fake.control("shakearound/shake", body)
    return answer


async def test_a_registered_account_pages_its_devices_and_reads_who_shook_them(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    shake_api = api.shakearound
    assert await errcode_of(shake_api.add_page(PAGE)) == ACCOUNT_INVALID
    await shake_api.register(REGISTRATION)
    assert (await shake_api.audit_status()).audit_status == 1
    assert await errcode_of(shake_api.register(REGISTRATION)) == ACCOUNT_INVALID  # not again while reviewed
    await fake_wechat.control("shakearound/registration", {"app_id": fake_wechat.app_id, "approved": True})
    assert (await shake_api.audit_status()).audit_status == 2

    icon = await shake_api.upload(Upload("icon.png", png(120, 120), "image/png"), MaterialKind.ICON)
    first = await shake_api.add_page(PAGE.model_copy(update={"icon_url": icon}))
    second = await shake_api.add_page(PAGE)
    await shake_api.update_page(PageChange(page_id=second, **{**PAGE.body(), "title": "周年庆"}))
    assert [p.title for p in await shake_api.pages([first, second])] == ["开业大吉", "周年庆"]
    assert [p.page_id async for p in shake_api.all_pages(page_size=1)] == [first, second]

    applied = await shake_api.apply(DeviceApplication(quantity=3, apply_reason="一号店", poi_id=1234))
    assert (applied.audit_status, (await shake_api.application(applied.apply_id)).audit_status) == (2, 2)
    devices = [d async for d in shake_api.all_devices(applied.apply_id, page_size=2)]
    assert [d.poi_id for d in devices] == [1234] * 3
    door = devices[0]
    await shake_api.update_device(DeviceIdentifier(uuid=door.uuid, major=door.major, minor=door.minor), "门口")
    await shake_api.bind_pages(door.device_id, [first, second])
    assert [r.page_id for r in await shake_api.device_pages(door.device_id)] == [first, second]
    assert [r.device_id async for r in shake_api.page_devices(second)] == [door.device_id]

    shaken = await shake(fake_wechat, door.device_id, "oShaker")
    info = await shake_api.shake_info(shaken["ticket"], need_poi=True)
    assert (info.page_id, info.openid, info.poi_id) == (first, "oShaker", 1234)
    assert (info.beacon_info.major, info.beacon_info.minor) == (door.major, door.minor)
    assert (await shake_api.devices([door.device_id]))[0].status == 1
    assert (await shake(fake_wechat, door.device_id, "oShaker"))["page_id"] == second  # the next page in turn
    assert isinstance(fake_wechat.clock, ManualClock)
    fake_wechat.clock.advance(30 * 60)
    assert await errcode_of(shake_api.shake_info(shaken["ticket"])) == TICKET_INVALID

    assert await errcode_of(shake_api.delete_page(first)) == PAGE_IN_USE
    await shake_api.bind_pages(door.device_id, [])
    await shake_api.delete_page(first)
    assert [p.page_id async for p in shake_api.all_pages()] == [second]


async def test_statistics_count_yesterdays_shakes_and_clicks_but_never_today(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    await opened(api, fake_wechat)
    shake_api = api.shakearound
    page_id = await shake_api.add_page(PAGE)
    applied = await shake_api.apply(DeviceApplication(quantity=2, apply_reason="统计"))
    one, two = [d.device_id async for d in shake_api.all_devices(applied.apply_id)]
    for device_id in (one, two):
        await shake_api.bind_pages(device_id, [page_id])
    for openid, device_id, clicked in (("oA", one, True), ("oA", one, False), ("oB", one, True), ("oC", two, True)):
        await shake(fake_wechat, device_id, openid, clicked=clicked)
    shaken_at = int(fake_wechat.clock.time())
    assert await errcode_of(shake_api.device_stats(one, shaken_at, shaken_at)) == DATE_RANGE_INVALID  # today
    assert isinstance(fake_wechat.clock, ManualClock)
    fake_wechat.clock.advance(DAY)

    (day,) = await shake_api.device_stats(one, shaken_at, shaken_at)
    assert (day.shake_pv, day.shake_uv, day.click_pv, day.click_uv) == (3, 2, 2, 2)
    assert day.ftime <= shaken_at < day.ftime + DAY
    week = await shake_api.page_stats(page_id, shaken_at - 6 * DAY, shaken_at)
    assert [d.shake_pv for d in week] == [0] * 6 + [4]
    ranked = [row async for row in shake_api.day_of_devices(shaken_at)]
    assert [(r["device_id"], r["shake_uv"]) for r in ranked] == [(one, 2), (two, 1)]
    assert [r["page_id"] async for r in shake_api.day_of_pages(shaken_at)] == [page_id]
    with pytest.raises(ValidationError):
        await shake_api.device_stats(one, shaken_at - 30 * DAY, shaken_at)
    too_long = {"device_identifier": {"device_id": one}, "begin_date": shaken_at - 30 * DAY, "end_date": shaken_at}
    assert await errcode_of(api.call("shakearound/statistics/device", json=too_long)) == DATE_RANGE_INVALID


async def test_devices_are_grouped_and_a_group_is_deleted_only_empty(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    await opened(api, fake_wechat)
    shake_api = api.shakearound
    applied = await shake_api.apply(DeviceApplication(quantity=3, apply_reason="分组"))
    ids = [d.device_id async for d in shake_api.all_devices(applied.apply_id)]
    group = await shake_api.add_group("一号店")
    await shake_api.rename_group(group.group_id, "一号店门口")
    await shake_api.add_to_group(group.group_id, list(ids))
    detail = await shake_api.group(group.group_id)
    assert (detail.group_name, detail.total_count, [d["device_id"] for d in detail.devices]) == ("一号店门口", 3, ids)
    assert [g.group_id async for g in shake_api.groups()] == [group.group_id]
    assert await errcode_of(shake_api.delete_group(group.group_id)) == POST_INVALID
    await shake_api.remove_from_group(group.group_id, list(ids))
    await shake_api.delete_group(group.group_id)
    assert [g async for g in shake_api.groups()] == []


async def test_a_large_application_waits_for_review_and_idle_devices_stop_the_next(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    await opened(api, fake_wechat)
    shake_api = api.shakearound
    large = await shake_api.apply(DeviceApplication(quantity=500, apply_reason="全国门店"))
    assert large.audit_status == 1
    assert [d async for d in shake_api.all_devices(large.apply_id)] == []
    assert await errcode_of(shake_api.apply(DeviceApplication(quantity=1, apply_reason="再来"))) == UNDER_REVIEW
    review = {"app_id": fake_wechat.app_id, "apply_id": large.apply_id, "approved": True}
    await fake_wechat.control("shakearound/application", review)
    assert (await shake_api.application(large.apply_id)).audit_status == 2
    assert len([d async for d in shake_api.all_devices()]) == 500
    assert await errcode_of(shake_api.apply(DeviceApplication(quantity=1, apply_reason="再来"))) == ACTIVATION_TOO_LOW


async def test_what_wechat_refuses_in_a_page_or_an_upload_reaches_no_one(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    with pytest.raises(ValidationError):
        Page(**{**PAGE.body(), "title": "开业大吉大利"[:6] + "啊"})  # 7 CJK characters
    with pytest.raises(ValidationError):
        Lottery(title="摇红包", desc="开业", begin_time=0, expire_time=92 * DAY, sponsor_appid="wx1", total=1,
                jump_url="https://a.b", key="k")  # fmt: skip
    with pytest.raises(ValueError, match="format"):
        await api.shakearound.upload(Upload("icon.bmp", b"BM", "image/bmp"))
    assert wire(fake_wechat) == []
    await opened(api, fake_wechat)
    long_title = {**PAGE.body(), "title": "开业大吉大利啊"}
    assert await errcode_of(api.call("shakearound/page/add", json=long_title)) == PAGE_ARGS_INVALID
    assert await errcode_of(api.shakearound.upload(Upload("big.png", png(300, 300), "image/png"))) == 9001009


async def test_a_lottery_takes_tickets_up_to_its_total_and_is_switched_off(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    await opened(api, fake_wechat)
    lottery_api = api.shakearound.lottery
    lottery = Lottery(title="摇红包", desc="开业有礼", begin_time=1_700_000_000, expire_time=1_700_000_000 + DAY,
                      sponsor_appid="wx476f028272e53c62", total=2, jump_url="https://a.b", key="k")  # fmt: skip
    lottery_id, page_id = await lottery_api.create(lottery, LotteryTemplate(logo_url="http://shp.qpic.cn/logo"))
    assert page_id in [p.page_id async for p in api.shakearound.all_pages()]
    tickets = Tickets(lottery_id=lottery_id, mchid="1", sponsor_appid="wx476f028272e53c62",
                      tickets=["v1|a", "v1|a", "bad"])  # fmt: skip
    added = await lottery_api.add_tickets(tickets)
    assert (added.success_num, added.repeat_ticket_list, added.invalid_ticket_list) == (
        1, [{"ticket": "v1|a"}], [{"ticket": "bad"}]
    )  # fmt: skip
    await lottery_api.switch(lottery_id, on=False)
    info = await lottery_api.get(lottery_id)
    assert (info.onoff, info.prize_count, info.prize_count_limit, info.available_prizes) == (0, 1, 2, 1)
    more = tickets.model_copy(update={"tickets": ["v1|b", "v1|c"]})
    assert await errcode_of(lottery_api.add_tickets(more)) == POST_INVALID  # past its total: none added
    assert (await lottery_api.get(lottery_id)).prize_count == 1
    assert await errcode_of(lottery_api.get("1")) == POST_INVALID
