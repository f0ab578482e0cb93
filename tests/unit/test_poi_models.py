"""微信门店's models refuse what WeChat refuses before anything is sent, and build WeChat's bodies."""

import json
from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.models.poi import (
    LegacyPage,
    MapPoint,
    MerchantApplication,
    MerchantChange,
    ServiceUpdate,
    StoreChange,
    StoreDraft,
    StorePage,
)
from shared.wechat.models.text_width import width
from tests.unit.test_wechat_api_groups import api_with

PICTURE = "http://mmbiz.qpic.cn/store/0"
APPLICATION = {
    "first_catid": 476, "second_catid": 477, "headimg_mediaid": "m", "nickname": "一号咖啡", "intro": "咖啡",
    "qualification_list": "q",
}  # fmt: skip
DRAFT = {"map_poi_id": "2880741500279549033", "pictures": [PICTURE], "contract_phone": "110", "hour": "08:00-22:00",
         "credential": "91440101MA59XXXX1A"}  # fmt: skip
POINT = {
    "name": "一号咖啡", "longitude": "113.3", "latitude": "23.1", "province": "广东省", "city": "广州市",
    "district": "海珠区", "address": "新港中路1号", "category": "美食:咖啡厅", "telephone": "020-1",
    "photo": PICTURE, "license": PICTURE, "introduct": "咖啡", "districtid": "440105",
}  # fmt: skip


@pytest.mark.parametrize(("nickname", "wide"), [("abcd", 4), ("一号", 4), ("一号a", 5), ("一" * 15, 30)])
def test_a_chinese_character_counts_two(nickname: str, wide: int) -> None:
    assert width(nickname) == wide
    MerchantApplication.model_validate({**APPLICATION, "nickname": nickname})


@pytest.mark.parametrize("nickname", ["abc", "一a", "一" * 15 + "a", "a" * 31])
def test_a_nickname_outside_4_to_30_is_refused(nickname: str) -> None:
    with pytest.raises(ValidationError):
        MerchantApplication.model_validate({**APPLICATION, "nickname": nickname})


def test_an_application_without_certificates_is_valid() -> None:
    plain = {key: value for key, value in APPLICATION.items() if key != "qualification_list"}
    assert MerchantApplication.model_validate(plain).body()["qualification_list"] == ""


@pytest.mark.parametrize(
    ("media_ids", "valid"), [("m1|m2|m3|m4|m5", True), ("m1|m2|m3|m4|m5|m6", False), ("m1||m2", False)]
)
def test_certificates_are_0_to_5_media_ids_joined_by_a_bar(media_ids: str, valid: bool) -> None:
    body = {**APPLICATION, "qualification_list": media_ids}
    if valid:
        assert MerchantApplication.model_validate(body).qualification_list == media_ids
    else:
        with pytest.raises(ValidationError):
            MerchantApplication.model_validate(body)


def test_a_legacy_update_names_service_fields_only_and_at_least_one() -> None:
    with pytest.raises(ValidationError):
        ServiceUpdate.model_validate({"poi_id": "1", "business_name": "新名字"})
    with pytest.raises(ValidationError):
        ServiceUpdate(poi_id="1")
    body = ServiceUpdate(poi_id="1", avg_price=40).body()
    assert body == {"business": {"base_info": {"poi_id": "1", "avg_price": 40}}}


@pytest.mark.parametrize("model", [LegacyPage, StorePage])
def test_a_page_holds_1_to_50(model: Any) -> None:
    assert model().limit == 20
    model(limit=50)
    for limit in (0, 51):
        with pytest.raises(ValidationError):
            model(limit=limit)


def test_a_store_sends_its_pictures_as_a_json_string() -> None:
    body = StoreDraft.model_validate(DRAFT).body()
    assert "pictures" not in body and json.loads(body["pic_list"]) == {"list": [PICTURE]}
    change = StoreChange(poi_id="1", pictures=[PICTURE], contract_phone="1", hour="09:00-10:00").body()
    assert json.loads(change["pic_list"]) == {"list": [PICTURE]}


@pytest.mark.parametrize(
    "change",
    [{"pictures": []}, {"pictures": [PICTURE] * 10}, {"pictures": ["mmbiz/store"]}, {"hour": "8:00-22:00"},
     {"hour": "08:00-24:00"}, {"map_poi_id": "abc"}, {"contract_phone": ""}],
)  # fmt: skip
def test_a_store_draft_is_checked(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        StoreDraft.model_validate({**DRAFT, **change})


@pytest.mark.parametrize(
    "change", [{"longitude": "181"}, {"latitude": "-90.5"}, {"latitude": "north"}, {"category": "美食"},
               {"districtid": "gz"}, {"photo": "photo.png"}],
)  # fmt: skip
def test_a_map_point_is_checked(change: dict[str, Any]) -> None:
    MapPoint.model_validate(POINT)
    with pytest.raises(ValidationError):
        MapPoint.model_validate({**POINT, **change})


def test_a_merchant_change_changes_something() -> None:
    MerchantChange(intro="新的介绍")
    with pytest.raises(ValidationError):
        MerchantChange()


async def test_a_poi_id_that_is_no_number_is_refused_before_sending() -> None:
    api, recorder = api_with()
    for call in (api.poi.store("abc"), api.poi.delete(""), api.poi.legacy_store("12a")):
        with pytest.raises(ValueError, match="poi_id"):
            await call
    assert recorder.calls == []
