"""A 就医助手 message fails before anything is sent where WeChat would refuse it, and is sent with the
account's app_id and business_id 150."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.models.cityservice import MedicalMessage

FIELDS: dict[str, Any] = {
    "status": 1502012, "open_id": "oPatient", "order_id": "visit-9", "msg_id": "m-9",
    "business_info": {"pat_name": "李*龙", "pat_hospital_id": "a1", "pay_amount": "1550"},
}  # fmt: skip


def test_the_body_carries_the_account_and_business_id_150() -> None:
    body = MedicalMessage(**FIELDS).body("wxhospital")
    assert (body["app_id"], body["business_id"], body["business_info"]["pay_amount"]) == ("wxhospital", 150, "1550")


@pytest.mark.parametrize(
    "change",
    [
        {"status": 1601001}, {"status": "1501001"}, {"open_id": " "}, {"order_id": ""}, {"msg_id": ""},
        {"business_info": {"pat_name": "李*龙"}}, {"business_info": {"pat_name": "", "pat_hospital_id": "a1"}},
    ],
)  # fmt: skip
def test_what_wechat_refuses_fails_first(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        MedicalMessage(**{**FIELDS, **change})
