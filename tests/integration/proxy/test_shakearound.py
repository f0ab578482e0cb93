"""摇一摇周边 (group ``shakearound``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a new account (its registration approved once it has asked), and the typed API
over ``ProxyTransport`` through a rollout: registration, pages, devices, groups, shakes and statistics."""

import struct
import zlib
from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient

from shared.wechat.catalogue import default_catalogue
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import wire

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


def png(width: int, height: int) -> bytes:
    """The head of a PNG image: its signature and IHDR chunk, which is all that tells its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))


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
