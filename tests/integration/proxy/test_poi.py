"""微信门店 (group ``poi``) through the API proxy against the fake WeChat: every catalogued example answered
as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving a 门店小程序 from
application to approved stores, a new Tencent Maps point, and the 门店管理 stores an account still has."""

from typing import Any

from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import ManualClock
from sandbox.fake_wechat.stores.legacy import UPDATE_REVIEW_SECONDS
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.poi import (
    AuditStatus,
    MapPoint,
    MerchantApplication,
    Photo,
    ServiceUpdate,
    StoreChange,
    StoreDraft,
)
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
INVALID_ARGS, API_SHUT_DOWN, INVALID_POI_ID, STORE_STATUS_INVALID = 40097, 45103, 65115, 65118
POI_UPDATING, STORE_HAS_ADDED, APPLY_MERCHANT_FIRST, INVALID_MAP_POI_ID = 65107, 85038, 85053, 85055
# A fresh account, in catalogue order: no store is named yet, and the 门店小程序 applied for by the
# apply_merchant example is not approved when the examples that need it come.
FRESH_REFUSALS = {
    "cgi-bin/poi/getpoi": INVALID_POI_ID, "cgi-bin/poi/updatepoi": INVALID_POI_ID,
    "cgi-bin/poi/delpoi": INVALID_POI_ID, "wxa/modify_merchant": APPLY_MERCHANT_FIRST,
    "wxa/add_store": APPLY_MERCHANT_FIRST, "wxa/update_store": APPLY_MERCHANT_FIRST,
    "wxa/get_store_info": INVALID_POI_ID, "wxa/del_store": INVALID_POI_ID,
}  # fmt: skip
CAFE = "2880741500279549033"  # a point the fake's map has in 海珠区 (440105)
PICTURE = "http://mmbiz.qpic.cn/mmbiz_jpg/store/0?wx_fmt=jpeg"
MERCHANT = MerchantApplication(
    first_catid=269, second_catid=270, headimg_mediaid="media-head", nickname="一号咖啡馆", intro="咖啡",
    qualification_list="media-licence",
)  # fmt: skip
LEGACY = {
    "sid": "33788392", "business_name": "一号咖啡", "branch_name": "艺苑路店", "province": "广东省",
    "city": "广州市", "district": "海珠区", "address": "艺苑路11号", "telephone": "020-12345678",
    "categories": ["美食,咖啡厅"], "offset_type": 1, "longitude": 113.32, "latitude": 23.09,
    "photo_list": [{"photo_url": PICTURE}], "open_time": "8:00-20:00", "avg_price": 35,
}  # fmt: skip


async def approved_merchant(api: WeChatApi, fake: FakeWeChat) -> None:
    await api.poi.apply(MERCHANT)
    audit = await api.poi.audit()
    assert audit.status == AuditStatus.NOT_SUBMITTED  # the administrator has not confirmed yet
    await fake.control("stores/confirm", {"app_id": fake.app_id})
    await fake.control("stores/review", {"app_id": fake.app_id, "audit_id": audit.audit_id})
    assert (await api.poi.audit()).status == AuditStatus.APPROVED


def draft(**changes: Any) -> StoreDraft:
    fields = {"map_poi_id": CAFE, "pictures": [PICTURE], "contract_phone": "020-12345678", "hour": "08:00-22:00",
              "credential": "91440101MA59XXXX1A"}  # fmt: skip
    return StoreDraft.model_validate({**fields, **changes})


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    endpoints = default_catalogue().in_group("poi")
    answered: dict[str, int] = {}
    for endpoint in endpoints:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example or {}, headers=AUTH)
        answer = await response.json()
        answered[endpoint.path] = response.status if endpoint.deprecated else answer.get("errcode", 0)
        if endpoint.path == "wxa/get_district":  # Tencent Maps' answer, passed on as it is
            assert answer["status"] == 0 and "errcode" not in answer
    expected = {e.path: 410 if e.deprecated else FRESH_REFUSALS.get(e.path, 0) for e in endpoints}
    assert answered == expected
    assert expected["cgi-bin/poi/addpoi"] == 410  # no new 门店管理 store since 2024-07-05
    reached = [seen.path for seen in wire(fake_wechat)]
    assert reached == [f"/{path}" for path, status in expected.items() if status != 410]


async def test_addpoi_is_refused_by_wechat_itself(fake_wechat: FakeWeChat) -> None:
    example = default_catalogue()["cgi-bin/poi/addpoi"].example
    token = await fake_wechat.access_token()
    response = await fake_wechat.client.post("/cgi-bin/poi/addpoi", params={"access_token": token}, json=example)
    assert (await response.json())["errcode"] == API_SHUT_DOWN


async def test_a_store_is_added_reviewed_changed_listed_and_deleted(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    assert await errcode_of(api.poi.add(draft())) == APPLY_MERCHANT_FIRST
    await approved_merchant(api, fake_wechat)
    assert [point["sosomap_poi_uid"] for point in await api.poi.search_map(440100, "咖啡")] == [CAFE]
    assert await errcode_of(api.poi.add(draft(map_poi_id="1"))) == INVALID_MAP_POI_ID

    audit_id = await api.poi.add(draft())
    assert await errcode_of(api.poi.add(draft())) == STORE_HAS_ADDED
    [reviewing] = [store async for store in api.poi.stores()]
    assert (reviewing["status"], reviewing["poi_id"]) == (AuditStatus.REVIEWING, "")
    await fake_wechat.control("stores/review", {"app_id": fake_wechat.app_id, "audit_id": audit_id})
    [store] = [store async for store in api.poi.stores()]
    poi_id = store["poi_id"]
    assert (store["status"], store["business_name"], store["open_time"]) == (1, "一号咖啡(新港中路店)", "08:00-22:00")

    at_once = await api.poi.update(
        StoreChange(poi_id=poi_id, pictures=[PICTURE], contract_phone="110", hour="09:00-21:00")
    )
    assert not at_once.reviewed
    assert (await api.poi.store(poi_id))["telephone"] == "110"
    new_picture = "http://mmbiz.qpic.cn/mmbiz_jpg/store/1"
    change = StoreChange(poi_id=poi_id, pictures=[new_picture], contract_phone="110", hour="09:00-21:00")
    reviewed = await api.poi.update(change)
    assert reviewed.reviewed
    assert await errcode_of(api.poi.update(change)) == STORE_STATUS_INVALID  # its change is under review
    await fake_wechat.control("stores/review", {"app_id": fake_wechat.app_id, "audit_id": reviewed.audit_id})
    assert (await api.poi.store(poi_id))["photo_list"] == [{"photo_url": new_picture}]

    await api.poi.delete(poi_id)
    assert await errcode_of(api.poi.store(poi_id)) == INVALID_POI_ID
    assert (await api.poi.page()).total_count == 0


async def test_a_new_map_point_is_found_once_reviewed(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    example = default_catalogue()["wxa/create_map_poi"].example
    assert example is not None
    point = MapPoint.model_validate({**example, "name": "二号咖啡", "address": "天河路1号", "districtid": "440106"})
    base_id = await api.poi.create_map_point(point)
    assert await api.poi.search_map(440106, "二号") == []
    await fake_wechat.control("stores/review", {"app_id": fake_wechat.app_id, "audit_id": base_id})
    [found] = await api.poi.search_map(440000, "二号")  # found from its province too
    assert (found["branch_name"], found["category"]) == ("二号咖啡", "美食:咖啡厅")
    provinces, cities, districts = await api.poi.districts()
    guangdong = next(place for place in provinces if place["id"] == "440000")
    first, last = guangdong["cidx"]
    assert [city["fullname"] for city in cities[first : last + 1]] == ["广州市", "深圳市"]
    assert {place["id"] for place in districts} >= {"440105", "440106"}


async def test_a_legacy_store_changes_only_its_service_fields_and_moves_to_the_mini_program(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    seeded = [await fake_wechat.control("stores/poi", {"app_id": fake_wechat.app_id, "base_info": LEGACY})
              for _ in range(3)]  # fmt: skip
    poi_id = seeded[0]["poi_id"]
    assert [store["poi_id"] async for store in api.poi.legacy_stores(page_size=2)] == [s["poi_id"] for s in seeded]
    change = ServiceUpdate(poi_id=poi_id, telephone="020-87654321", photo_list=[Photo(photo_url=PICTURE)])
    await api.poi.update_legacy(change)
    store = await api.poi.legacy_store(poi_id)
    assert (store["telephone"], store["update_status"], store["business_name"]) == ("020-87654321", 1, "一号咖啡")
    assert await errcode_of(api.poi.update_legacy(change)) == POI_UPDATING
    renamed = {"business": {"base_info": {"poi_id": poi_id, "business_name": "二号咖啡"}}}
    assert await errcode_of(api.call("cgi-bin/poi/updatepoi", json=renamed)) == INVALID_ARGS
    assert isinstance(fake_wechat.clock, ManualClock)
    fake_wechat.clock.advance(UPDATE_REVIEW_SECONDS)
    assert (await api.poi.legacy_store(poi_id))["update_status"] == 0
    assert "美食,川菜,火锅" in await api.poi.legacy_categories()

    await approved_merchant(api, fake_wechat)
    audit_id = await api.poi.add(draft(poi_id=poi_id))
    assert (await api.poi.store(poi_id))["status"] == AuditStatus.REVIEWING  # a moved store keeps its poi_id
    await fake_wechat.control("stores/review", {"app_id": fake_wechat.app_id, "audit_id": audit_id})
    assert (await api.poi.store(poi_id))["status"] == AuditStatus.APPROVED
    await api.poi.delete_legacy(seeded[2]["poi_id"])
    assert (await api.poi.legacy_page()).total_count == 2
