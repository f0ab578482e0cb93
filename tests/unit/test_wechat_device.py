"""微信设备功能: the models refuse what WeChat refuses, and the client batches, binds and pushes over a transport
answered by the fake's own device state (no HTTP)."""

import base64
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sandbox.fake_wechat.devices.state import Devices, original_id
from sandbox.fake_wechat.errors import ApiError
from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.device import MAX_AUTHORIZE, DeviceAttributes
from shared.wechat.transport import Call, Media

APP = "wxaccount"


class DeviceTransport:
    """Calls answered by the fake's ``Devices`` as its routes would; counts calls by path."""

    def __init__(self) -> None:
        self.state = Devices()
        self.calls: list[str] = []

    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media:
        path, body, query = call.endpoint.path, dict(call.json or {}), dict(call.params or {})
        self.calls.append(path)
        state = self.state
        table: dict[str, Any] = {
            "device/authorize_device": lambda: state.authorize(app_id, body),
            "device/create_qrcode": lambda: state.create_qrcode(app_id, body),
            "device/bind": lambda: state.bind(app_id, body, ticket=True),
            "device/compel_bind": lambda: state.bind(app_id, body, ticket=False),
            "device/compel_unbind": lambda: state.unbind(app_id, body, ticket=False),
            "device/get_stat": lambda: state.stat(app_id, query.get("device_id")),
            "device/get_openid": lambda: state.openids(app_id, query.get("device_type"), query.get("device_id")),
            "device/get_bind_device": lambda: state.bound_to(app_id, query.get("openid")),
            "device/transmsg": lambda: state.transmsg(app_id, body),
        }
        try:
            answer: dict[str, Any] = table[path]()
        except ApiError as error:
            raise WeChatError(error.errcode, error.errmsg) from None
        return answer


def device(number: int) -> DeviceAttributes:
    return DeviceAttributes(id=f"lamp-{number}", mac=f"{number:012X}", connect_protocol="3|4")


@given(st.text(alphabet="0123456789ABCDEFabcdefG", max_size=14))
def test_a_mac_is_12_upper_case_hex_digits(mac: str) -> None:
    valid = len(mac) == 12 and all(c in "0123456789ABCDEF" for c in mac)
    try:
        DeviceAttributes(id="d", mac=mac, connect_protocol="3")
    except ValidationError:
        assert not valid
    else:
        assert valid


@given(st.integers(min_value=-4, max_value=80))
def test_a_connection_strategy_is_a_bitwise_or_of_the_documented_ones(strategy: int) -> None:
    valid = strategy > 0 and not strategy & ~(1 | 4 | 8 | 16 | 32)
    try:
        DeviceAttributes(id="d", mac="123456789ABC", connect_protocol="4", conn_strategy=str(strategy))
    except ValidationError:
        assert not valid
    else:
        assert valid


@pytest.mark.parametrize(
    "fields",
    [
        {"crypt_method": "1"},
        {"auth_ver": "1"},
        {"auth_key": "0" * 32},
        {"connect_protocol": "5"},
        {"auth_key": "0" * 31},
    ],
)
def test_an_auth_key_goes_with_encryption_or_authentication_only(fields: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        DeviceAttributes.model_validate({"id": "d", "mac": "123456789ABC", "connect_protocol": "3", **fields})


async def test_devices_are_authorised_in_batches_then_bound_messaged_and_unbound() -> None:
    transport = DeviceTransport()
    api = WeChatApi(transport, APP)
    devices = [device(n) for n in range(MAX_AUTHORIZE + 1)]
    rows = await api.device.authorize(devices, product_id="7")
    assert transport.calls.count("device/authorize_device") == 2
    assert [row["base_info"]["device_id"] for row in rows] == [d.id for d in devices]
    assert [row["errcode"] for row in await api.device.authorize(devices[:1])] == [100002]  # already authorised
    tickets = await api.device.qrcodes([d.id for d in devices[:3]])
    await api.device.bind("lamp-1", "o-1", ticket=tickets["lamp-1"])
    with pytest.raises(WeChatError):
        await api.device.bind("lamp-2", "o-1", ticket=tickets["lamp-1"])  # another device's ticket
    await api.device.bind("lamp-2", "o-1")
    statuses = [await api.device.status(device_id) for device_id in ("lamp-1", "lamp-9", "unknown")]
    assert statuses == [2, 1, 0]  # bound, authorised, never heard of
    kind = original_id(APP)
    assert await api.device.followers(kind, "lamp-1") == ["o-1"]
    assert [d["device_id"] for d in await api.device.devices_of("o-1")] == ["lamp-1", "lamp-2"]
    await api.device.send(kind, "lamp-1", "o-1", b"\x01on")
    await api.device.send_status(kind, "lamp-1", "o-1", connected=True)
    received = transport.state.device(APP, "lamp-1").received
    assert base64.b64decode(received[0]["content"]) == b"\x01on" and received[1]["device_status"] == "1"
    await api.device.unbind("lamp-1", "o-1")
    assert await api.device.followers(kind, "lamp-1") == []
