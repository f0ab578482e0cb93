"""The fake's 微信就医助手 keeps WeChat's rules: only an account that enabled it pushes (48001), its own
app_id (40013), business_id 150 and a 150xxxx status (40097), a follower's openid (40003), the patient
in business_info (82446, object or JSON text), and a msg_id sent once per user and order."""

import json
from typing import Any

import pytest

from sandbox.fake_wechat.audience import Audience
from sandbox.fake_wechat.cityservice.state import CityService
from sandbox.fake_wechat.errors import ApiError

APP = "wxhospital"
NOW = 1_700_000_000.0
INFO = {"pat_name": "李*龙", "pat_hospital_id": "a123456", "department_name": "心内科"}
MESSAGE: dict[str, Any] = {
    "status": 1501001, "open_id": "oPatient1", "order_id": "visit-1", "msg_id": "m-1", "app_id": APP,
    "business_id": 150, "business_info": INFO,
}  # fmt: skip


def refused(service: CityService, body: dict[str, Any]) -> int:
    with pytest.raises(ApiError) as error:
        service.send(Audience(), APP, body, NOW)
    return error.value.errcode


@pytest.fixture
def service() -> CityService:
    service = CityService()
    service.enable(APP)
    return service


def test_an_account_without_the_medical_assistant_is_refused_48001() -> None:
    service = CityService()
    assert refused(service, MESSAGE) == 48001
    service.enable(APP)
    service.enable(APP, False)
    assert refused(service, MESSAGE) == 48001


def test_a_message_is_recorded_once_per_user_order_and_msg_id(service: CityService) -> None:
    assert service.send(Audience(), APP, MESSAGE, NOW) == {}
    service.send(Audience(), APP, MESSAGE, NOW + 5)  # a retry of the same message
    service.send(Audience(), APP, {**MESSAGE, "msg_id": "m-2", "status": 1501002}, NOW + 60)
    service.send(Audience(), APP, {**MESSAGE, "business_info": json.dumps(INFO)}, NOW)  # JSON text, same message
    sent = service.of(APP).messages
    assert [(m.msg_id, m.status) for m in sent] == [("m-1", 1501001), ("m-2", 1501002)]
    assert sent[0].describe()["business_info"] == INFO


@pytest.mark.parametrize(
    ("change", "errcode"),
    [
        ({"app_id": "wxotherhospital"}, 40013),
        ({"business_id": 151}, 40097),
        ({"status": 1601001}, 40097),
        ({"status": 1509001}, 40097),
        ({"status": "1501001"}, 40097),
        ({"open_id": "not-an-openid"}, 40003),
        ({"order_id": ""}, 40097),
        ({"msg_id": None}, 40097),
        ({"business_info": {"pat_name": "李*龙"}}, 82446),
        ({"business_info": "{not json"}, 82446),
        ({"business_info": None}, 82446),
    ],
)
def test_what_wechat_refuses(service: CityService, change: dict[str, Any], errcode: int) -> None:
    assert refused(service, {**MESSAGE, **change}) == errcode
    assert service.of(APP).messages == []
