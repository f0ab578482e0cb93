"""The fake's 微信门店 without HTTP: each WeChat path's action on a body, as the routes call it."""

import json
from typing import Any

import pytest

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.stores.legacy import UPDATE_REVIEW_SECONDS
from sandbox.fake_wechat.stores.maps import Point
from sandbox.fake_wechat.stores.merchant import CONFIRM_SECONDS
from sandbox.fake_wechat.stores.routes import GET, POST
from sandbox.fake_wechat.stores.state import Stores

NOW = 1_700_000_000.0
APP, OTHER = "wx-stores-a", "wx-stores-b"
CAFE, MARKET = "2880741500279549033", "5938314494307741153"
PICTURE = "http://mmbiz.qpic.cn/store/0"
APPLICATION = {
    "first_catid": 476, "second_catid": 477, "headimg_mediaid": "m-head", "nickname": "一号咖啡",
    "intro": "咖啡", "qualification_list": "m-licence",
}  # fmt: skip
LEGACY = {"business_name": "一号咖啡", "branch_name": "艺苑路店", "telephone": "020-1", "open_time": "8:00-20:00"}
INVALID_ARGS, API_SHUT_DOWN = 40097, 45103


def call(stores: Stores, path: str, body: dict[str, Any] | None = None, *, app: str = APP, now: float = NOW) -> Any:
    action = {**POST, **GET}[f"/{path}"]
    return action(stores, app, body or {}, now)


def errcode(stores: Stores, path: str, body: dict[str, Any] | None = None, **kwargs: Any) -> int:
    with pytest.raises(ApiError) as error:
        call(stores, path, body, **kwargs)
    return error.value.errcode


def store(**changes: Any) -> dict[str, Any]:
    pictures = json.dumps({"list": [PICTURE]})
    fields = {"map_poi_id": CAFE, "pic_list": pictures, "contract_phone": "110", "hour": "08:00-22:00",
              "credential": "91440101MA59XXXX1A"}  # fmt: skip
    return {**fields, **changes}


@pytest.fixture
def stores() -> Stores:
    return Stores()


@pytest.fixture
def merchant(stores: Stores) -> Stores:
    """An account whose 门店小程序 is approved."""
    call(stores, "wxa/apply_merchant", APPLICATION)
    stores.confirm(APP, True)
    stores.review(APP, call(stores, "wxa/get_merchant_audit_info")["data"]["audit_id"], True)
    return stores


def info(stores: Stores, poi_id: str) -> dict[str, Any]:
    return dict(call(stores, "wxa/get_store_info", {"poi_id": poi_id})["business"]["base_info"])


def approved(stores: Stores, **changes: Any) -> str:
    """An approved store: its poi_id."""
    audit_id = call(stores, "wxa/add_store", store(**changes))["data"]["audit_id"]
    stores.review(APP, audit_id, True)
    listed = call(stores, "wxa/get_store_list", {"offset": 0, "limit": 50})["business_list"]
    return str(listed[-1]["base_info"]["poi_id"])


# -- 门店管理 ------------------------------------------------------------------------------------------


def test_no_legacy_store_is_added_any_more(stores: Stores) -> None:
    assert errcode(stores, "cgi-bin/poi/addpoi", {"business": {"base_info": LEGACY}}) == API_SHUT_DOWN


def test_a_legacy_page_holds_at_most_50_and_20_unless_asked(stores: Stores) -> None:
    for _ in range(21):
        stores.seed_legacy(APP, LEGACY)
    assert len(call(stores, "cgi-bin/poi/getpoilist", {"begin": 0})["business_list"]) == 20
    page = call(stores, "cgi-bin/poi/getpoilist", {"begin": 20, "limit": 50})
    assert (len(page["business_list"]), page["total_count"]) == (1, 21)
    assert errcode(stores, "cgi-bin/poi/getpoilist", {"begin": 0, "limit": 51}) == INVALID_ARGS


@pytest.mark.parametrize("field", ["business_name", "address", "longitude", "categories", "colour"])
def test_updatepoi_changes_service_fields_only(stores: Stores, field: str) -> None:
    poi_id = stores.seed_legacy(APP, LEGACY)
    body = {"business": {"base_info": {"poi_id": poi_id, "telephone": "020-2", field: "x"}}}
    assert errcode(stores, "cgi-bin/poi/updatepoi", body) == INVALID_ARGS
    assert call(stores, "cgi-bin/poi/getpoi", {"poi_id": poi_id})["business"]["base_info"]["telephone"] == "020-1"


def test_updatepoi_overwrites_what_it_names_and_keeps_the_rest(stores: Stores) -> None:
    poi_id = stores.seed_legacy(APP, LEGACY)
    call(stores, "cgi-bin/poi/updatepoi", {"business": {"base_info": {"poi_id": poi_id, "avg_price": 40}}})
    info = call(stores, "cgi-bin/poi/getpoi", {"poi_id": poi_id})["business"]["base_info"]
    assert (info["avg_price"], info["telephone"], info["open_time"]) == (40, "020-1", "8:00-20:00")


def test_an_unapproved_legacy_store_is_not_changed(stores: Stores) -> None:
    poi_id = stores.seed_legacy(APP, LEGACY, available_state=2)
    body = {"business": {"base_info": {"poi_id": poi_id, "telephone": "020-2"}}}
    assert errcode(stores, "cgi-bin/poi/updatepoi", body) == 65106


def test_a_legacy_change_under_review_blocks_the_next_for_five_days(stores: Stores) -> None:
    poi_id = stores.seed_legacy(APP, LEGACY)
    body = {"business": {"base_info": {"poi_id": poi_id, "telephone": "020-2"}}}
    call(stores, "cgi-bin/poi/updatepoi", body)
    later = NOW + UPDATE_REVIEW_SECONDS - 1
    assert errcode(stores, "cgi-bin/poi/updatepoi", body, now=later) == 65107
    call(stores, "cgi-bin/poi/updatepoi", body, now=later + 1)


def test_an_unknown_or_foreign_legacy_store_is_65115(stores: Stores) -> None:
    poi_id = stores.seed_legacy(OTHER, LEGACY)
    assert errcode(stores, "cgi-bin/poi/getpoi", {"poi_id": poi_id}) == 65115
    assert errcode(stores, "cgi-bin/poi/delpoi", {"poi_id": "abc"}) == 65115


# -- the merchant ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("nickname", "valid"), [("一号", True), ("abcd", True), ("一", False), ("abc", False),
                                                 ("一" * 15, True), ("一" * 15 + "a", False)])  # fmt: skip
def test_a_nickname_is_4_to_30_wide_a_chinese_character_counting_two(
    stores: Stores, nickname: str, valid: bool
) -> None:
    body = {**APPLICATION, "nickname": nickname}
    if valid:
        call(stores, "wxa/apply_merchant", body)
    else:
        assert errcode(stores, "wxa/apply_merchant", body) == INVALID_ARGS


def test_a_merchant_names_a_second_level_category_under_its_first(stores: Stores) -> None:
    assert errcode(stores, "wxa/apply_merchant", {**APPLICATION, "second_catid": 279}) == INVALID_ARGS


def test_only_a_sensitive_category_needs_its_certificates(stores: Stores) -> None:
    sensitive = {**APPLICATION, "first_catid": 269, "second_catid": 270, "qualification_list": ""}
    assert errcode(stores, "wxa/apply_merchant", sensitive) == INVALID_ARGS
    plain = {key: value for key, value in APPLICATION.items() if key != "qualification_list"}
    call(stores, "wxa/apply_merchant", plain)  # 洗衣店: sensitive_type 0


@pytest.mark.parametrize(("media_ids", "valid"), [("m1|m2|m3|m4|m5", True), ("m1|m2|m3|m4|m5|m6", False)])
def test_an_application_names_at_most_5_certificates_joined_by_a_bar(
    stores: Stores, media_ids: str, valid: bool
) -> None:
    body = {**APPLICATION, "qualification_list": media_ids}
    if valid:
        call(stores, "wxa/apply_merchant", body)
    else:
        assert errcode(stores, "wxa/apply_merchant", body) == INVALID_ARGS


def test_an_application_waits_for_the_administrator_for_a_day(stores: Stores) -> None:
    assert errcode(stores, "wxa/get_merchant_audit_info") == 85053
    call(stores, "wxa/apply_merchant", APPLICATION)
    assert call(stores, "wxa/get_merchant_audit_info")["data"]["status"] == 0
    assert errcode(stores, "wxa/apply_merchant", APPLICATION, now=NOW + CONFIRM_SECONDS - 1) == 85050
    call(stores, "wxa/apply_merchant", APPLICATION, now=NOW + CONFIRM_SECONDS)


def test_an_application_under_review_blocks_another_and_a_rejection_frees_it(stores: Stores) -> None:
    call(stores, "wxa/apply_merchant", APPLICATION)
    stores.confirm(APP, True)
    audit_id = call(stores, "wxa/get_merchant_audit_info")["data"]["audit_id"]
    assert errcode(stores, "wxa/apply_merchant", APPLICATION, now=NOW + 10 * CONFIRM_SECONDS) == 85050
    stores.review(APP, audit_id, False, "头像不清晰")
    assert call(stores, "wxa/get_merchant_audit_info")["data"] == {"audit_id": audit_id, "status": 3,
                                                                   "reason": "头像不清晰"}  # fmt: skip
    call(stores, "wxa/apply_merchant", APPLICATION)


def test_only_an_approved_merchant_is_modified_or_adds_stores(stores: Stores) -> None:
    call(stores, "wxa/apply_merchant", APPLICATION)
    assert errcode(stores, "wxa/modify_merchant", {"intro": "新"}) == 85053
    assert errcode(stores, "wxa/add_store", store()) == 85053


def test_modify_merchant_changes_something(merchant: Stores) -> None:
    assert errcode(merchant, "wxa/modify_merchant", {"headimg_mediaid": "", "intro": ""}) == INVALID_ARGS
    call(merchant, "wxa/modify_merchant", {"headimg_mediaid": "", "intro": "新的介绍"})


# -- the map and the merchant's stores ------------------------------------------------------------------


def test_a_search_covers_the_places_inside_a_district_and_refuses_an_unknown_one(stores: Stores) -> None:
    found = call(stores, "wxa/search_map_poi", {"districtid": 440000, "keyword": "超市"})["data"]["item"]
    assert [item["sosomap_poi_uid"] for item in found] == [MARKET]
    assert call(stores, "wxa/search_map_poi", {"districtid": 440105, "keyword": "超市"})["data"]["item"] == []
    assert errcode(stores, "wxa/search_map_poi", {"districtid": 999999, "keyword": "超市"}) == INVALID_ARGS


@pytest.mark.parametrize(
    "change", [{"longitude": "181"}, {"latitude": "north"}, {"category": "美食"}, {"districtid": "440000"},
               {"photo": "mmbiz/photo"}, {"introduct": ""}],
)  # fmt: skip
def test_a_map_point_is_checked_before_review(stores: Stores, change: dict[str, Any]) -> None:
    point = {
        "name": "二号咖啡", "longitude": "113.3", "latitude": "23.1", "province": "广东省", "city": "广州市",
        "district": "海珠区", "address": "新港中路1号", "category": "美食:咖啡厅", "telephone": "020-1",
        "photo": PICTURE, "license": PICTURE, "introduct": "咖啡", "districtid": "440105",
    }  # fmt: skip
    call(stores, "wxa/create_map_poi", point)
    assert errcode(stores, "wxa/create_map_poi", {**point, **change}) == INVALID_ARGS


@pytest.mark.parametrize(
    "change",
    [{"pic_list": "not json"}, {"pic_list": json.dumps({"list": []})},
     {"pic_list": json.dumps({"list": [PICTURE] * 10})}, {"hour": "8:00-22:00"}, {"hour": "08:00-24:00"},
     {"contract_phone": ""}, {"credential": ""}, {"company_name": "另一家公司"},
     {"qualification_list": ["m1", "m2", "m3", "m4", "m5", "m6"]}],
)  # fmt: skip
def test_a_store_is_checked_as_wechat_checks_it(merchant: Stores, change: dict[str, Any]) -> None:
    assert errcode(merchant, "wxa/add_store", store(**change)) == INVALID_ARGS


def test_a_store_stands_on_a_known_map_point_and_one_store_a_point(merchant: Stores) -> None:
    assert errcode(merchant, "wxa/add_store", store(map_poi_id="42")) == 85055
    audit_id = call(merchant, "wxa/add_store", store())["data"]["audit_id"]
    assert errcode(merchant, "wxa/add_store", store()) == 85038
    merchant.review(APP, audit_id, False, "地址不符")
    call(merchant, "wxa/add_store", store())  # a rejected store leaves its point free


def test_a_store_gets_its_poi_id_with_approval(merchant: Stores) -> None:
    audit_id = call(merchant, "wxa/add_store", store())["data"]["audit_id"]
    [listed] = call(merchant, "wxa/get_store_list", {"offset": 0, "limit": 10})["business_list"]
    assert (listed["base_info"]["poi_id"], listed["base_info"]["status"]) == ("", 2)
    merchant.review(APP, audit_id, True)
    [listed] = call(merchant, "wxa/get_store_list", {"offset": 0, "limit": 10})["business_list"]
    assert listed["base_info"]["poi_id"].isdigit() and listed["base_info"]["status"] == 1


def test_a_store_moves_from_the_accounts_own_legacy_store_only(merchant: Stores) -> None:
    foreign = merchant.seed_legacy(OTHER, LEGACY)
    assert errcode(merchant, "wxa/add_store", store(poi_id=foreign)) == 65115
    own = merchant.seed_legacy(APP, LEGACY)
    call(merchant, "wxa/add_store", store(poi_id=own))
    assert call(merchant, "wxa/get_store_info", {"poi_id": own})["business"]["base_info"]["status"] == 2


def test_a_store_under_review_is_not_updated(merchant: Stores) -> None:
    own = merchant.seed_legacy(APP, LEGACY)
    call(merchant, "wxa/add_store", store(poi_id=own))
    body = {"poi_id": own, "pic_list": json.dumps({"list": [PICTURE]}), "contract_phone": "1", "hour": "08:00-09:00"}
    assert errcode(merchant, "wxa/update_store", body) == 65118


def test_new_pictures_wait_for_review_while_phone_and_hours_change_at_once(merchant: Stores) -> None:
    # The pictured change also changes the phone and hours: those must show before the review.
    poi_id = approved(merchant)
    body = {"poi_id": poi_id, "pic_list": json.dumps({"list": [PICTURE]}), "contract_phone": "2", "hour": "09:00-10:00"}
    assert call(merchant, "wxa/update_store", body)["data"] == {"has_audit_id": 0, "audit_id": 0}
    pictured = {**body, "pic_list": json.dumps({"list": [PICTURE + "1"]}), "contract_phone": "3", "hour": "10:00-11:00"}
    audit_id = call(merchant, "wxa/update_store", pictured)["data"]["audit_id"]
    before = info(merchant, poi_id)
    assert (before["telephone"], before["open_time"], before["photo_list"]) == (
        "3",
        "10:00-11:00",
        [{"photo_url": PICTURE}],
    )
    merchant.review(APP, audit_id, True)
    assert info(merchant, poi_id)["photo_list"] == [{"photo_url": PICTURE + "1"}]


def test_a_rejected_picture_change_keeps_the_new_phone(merchant: Stores) -> None:
    poi_id = approved(merchant)
    pictured = {"poi_id": poi_id, "pic_list": json.dumps({"list": [PICTURE + "1"]}), "contract_phone": "4",
                "hour": "08:00-22:00"}  # fmt: skip
    audit_id = call(merchant, "wxa/update_store", pictured)["data"]["audit_id"]
    merchant.review(APP, audit_id, False, "图片模糊")
    assert (info(merchant, poi_id)["telephone"], info(merchant, poi_id)["photo_list"]) == (
        "4",
        [{"photo_url": PICTURE}],
    )


@pytest.mark.parametrize(("body", "count"), [({"offset": 0, "limit": 0}, 20), ({"offset": 20, "limit": 50}, 1)])
def test_a_store_page_holds_at_most_50_and_20_for_a_limit_of_0(
    merchant: Stores, body: dict[str, int], count: int
) -> None:
    merchant.points.update(
        {str(n): Point(str(n), f"店{n}", "路", 113.0, 23.0, "1", "美食:咖啡厅", "440105") for n in range(21)}
    )
    for n in range(21):
        call(merchant, "wxa/add_store", store(map_poi_id=str(n)))
    assert len(call(merchant, "wxa/get_store_list", body)["business_list"]) == count


def test_a_store_page_starts_inside_the_list_and_holds_at_most_50(merchant: Stores) -> None:
    assert call(merchant, "wxa/get_store_list", {"offset": 0, "limit": 10}) == {"business_list": [], "total_count": 0}
    call(merchant, "wxa/add_store", store())
    assert errcode(merchant, "wxa/get_store_list", {"offset": 1, "limit": 10}) == INVALID_ARGS
    assert errcode(merchant, "wxa/get_store_list", {"offset": 0, "limit": 51}) == INVALID_ARGS


def test_one_accounts_store_is_not_anothers(merchant: Stores) -> None:
    poi_id = approved(merchant)
    assert errcode(merchant, "wxa/get_store_info", {"poi_id": poi_id}, app=OTHER) == 65115
    assert errcode(merchant, "wxa/del_store", {"poi_id": poi_id}, app=OTHER) == 65115
    call(merchant, "wxa/del_store", {"poi_id": poi_id})
    assert errcode(merchant, "wxa/get_store_info", {"poi_id": poi_id}) == 65115
