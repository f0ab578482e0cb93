"""微信设备功能: what authorising a device takes, validated as WeChat's hardware platform validates it.

WeChat's device calls carry every field as a string. A device's ``mac`` is 12 upper-case hex
digits; ``auth_key`` is 32 hex digits when the device encrypts (``crypt_method`` 1) or
authenticates with it (``auth_ver`` 1), and empty otherwise. ``connect_protocol`` lists the
ways it connects (1 Android classic Bluetooth, 2 iOS classic Bluetooth, 3 BLE, 4 Wi-Fi), joined by
``|``. WeChat takes at most ``MAX_AUTHORIZE`` devices an authorisation and ``MAX_QRCODES``
device ids a QR code call; the typed client cuts longer lists into batches.
"""

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_AUTHORIZE = 200
MAX_QRCODES = 100
CONN_STRATEGY_BITS = 1 | 4 | 8 | 16 | 32
Digits = Annotated[str, Field(pattern=r"^-?\d+$")]


class DeviceAttributes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1, max_length=128)]
    mac: Annotated[str, Field(pattern=r"^[0-9A-F]{12}$")]
    connect_protocol: Annotated[str, Field(pattern=r"^[1-4](\|[1-4])*$")]
    auth_key: Annotated[str, Field(pattern=r"^([0-9A-Fa-f]{32})?$")] = ""
    close_strategy: Literal["1", "2", "3"] = "1"  # 1 close on leaving, 2 keep, 3 on the device's own
    conn_strategy: Digits = "1"  # a bitwise or of 1, 4, 8, 16 and 32
    crypt_method: Literal["0", "1"] = "0"  # 1: AES with auth_key
    auth_ver: Literal["0", "1"] = "0"  # 1: authenticate with auth_key
    manu_mac_pos: Digits = "-1"
    ser_mac_pos: Digits = "-2"
    ble_simple_protocol: Literal["0", "1"] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        strategy = int(self.conn_strategy)
        if strategy <= 0 or strategy & ~CONN_STRATEGY_BITS:
            raise ValueError("conn_strategy is a bitwise or of 1, 4, 8, 16 and 32")
        if (self.crypt_method == "1" or self.auth_ver == "1") != bool(self.auth_key):
            raise ValueError("auth_key goes with crypt_method 1 or auth_ver 1, and only with them")
        return self


class Authorization(BaseModel):
    """One ``authorize_device`` call: new devices (op_type 0) or new attributes for known ones (1)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    device_num: str
    device_list: Annotated[list[DeviceAttributes], Field(min_length=1, max_length=MAX_AUTHORIZE)]
    op_type: Literal["0", "1"]
    product_id: Digits | None = None

    @model_validator(mode="after")
    def _counted(self) -> Self:
        if self.device_num != str(len(self.device_list)):
            raise ValueError("device_num is the number of devices in device_list")
        return self
