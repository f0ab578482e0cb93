"""车主服务 (``nontax/vehicle/*``): parking and toll fees deducted from the owner of a plate that enabled it.

A state query names the user by ``openid`` or the car by ``plate_number`` (exactly one). A car's
``scene_info`` carries its ``plate_number`` and when it came (``start_time``, unix seconds) and, for a
deduction, when it left (``end_time``, not before it came). The trade scenes are WeChat's four.
"""

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.nontax import AppBody, Notice, PositiveFen, Text

TradeScene = Literal["PARKING", "PARKING SPACE", "HIGHWAY", "BRIDGE"]
Seconds = Annotated[int, Field(strict=True, ge=0)]
Region = Annotated[str, Field(pattern=r"^[0-9]{6}$")]


class _Scene(AppBody):
    start_time: Seconds
    plate_number: Text
    car_type: Text | None = None
    parking_name: Text | None = None
    openid: Text | None = None


class EntranceScene(_Scene):
    notify_url: Text | None = None
    free_time: Seconds | None = None  # free parking, seconds


class ParkingScene(_Scene):
    end_time: Seconds | None = None
    charging_time: Seconds | None = None
    space_number: Text | None = None
    entrance_name: Text | None = None
    exit_name: Text | None = None
    channel_type: Text | None = None

    @model_validator(mode="after")
    def _left_after_it_came(self) -> Self:
        if self.end_time is not None and self.end_time < self.start_time:
            raise ValueError("end_time is before start_time")
        return self


class _Vehicle(AppBody):
    region_code: Region
    trade_scene: TradeScene
    bank_id: Text | None = None
    bank_account: Text | None = None
    mch_id: Text | None = None


class StateQuery(_Vehicle):
    openid: Text | None = None
    plate_number: Text | None = None
    jump_scene: Text | None = None
    material_info: Text | None = None
    channel_type: Text | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        if (self.openid is None) == (self.plate_number is None):
            raise ValueError("name exactly one of openid and plate_number")
        return self


class Entrance(_Vehicle):
    scene_info: EntranceScene


class Deduction(Notice):
    """``payapply``: a fee for a notice or the bureau's ``order_no`` (one order per ``order_no``)."""

    desc: Text
    fee: PositiveFen
    department_name: Text
    trade_scene: TradeScene
    scene_info: ParkingScene
    payment_notice_type: Literal[1, 2] | None = None
    goods_tag: Text | None = None
    bank_id: Text | None = None
    bank_account: Text | None = None
    mch_id: Text | None = None


class UserState(BaseModel):
    """``querystate``'s answer: ``NORMAL`` with the plates, or another state with the ``path`` to send the user to."""

    model_config = ConfigDict(extra="allow", frozen=True)

    user_state: str
    openid: str = ""
    path: str = ""
    plate_number_info: list[str] = Field(default_factory=list)

    @property
    def enabled(self) -> bool:
        return self.user_state == "NORMAL"
