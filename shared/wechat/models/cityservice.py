"""微信就医助手 messages (``cityservice/sendchannelmsg``), checked before anything is sent.

WeChat's rules: ``status`` is one of 就医助手's seven-digit sub-states (150 then the visit kind 01–05 and
the step), ``open_id``, ``order_id`` and ``msg_id`` are given, ``business_id`` is always 150, and
``business_info`` names the patient (``pat_name``, ``pat_hospital_id``) beside the status's own fields.
"""

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

BUSINESS_ID = 150
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class MedicalMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    status: int = Field(strict=True, ge=1501000, le=1505999)
    open_id: Text
    order_id: Text  # the visit: every step of it under the same order_id
    msg_id: Text  # unique for this user and order_id
    business_info: dict[str, Any]

    @field_validator("business_info")
    @classmethod
    def _patient(cls, info: dict[str, Any]) -> dict[str, Any]:
        for key in ("pat_name", "pat_hospital_id"):
            if not isinstance(info.get(key), str) or not info[key].strip():
                raise ValueError(f"business_info names the patient: {key}")
        return info

    def body(self, app_id: str) -> dict[str, Any]:
        return {**self.model_dump(), "app_id": app_id, "business_id": BUSINESS_ID}
