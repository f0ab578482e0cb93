"""微信设备功能: authorise devices, their QR codes, followers bound to them, and messages pushed to them."""

import base64
from collections.abc import Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.api.paging import chunked
from shared.wechat.errors import WeChatError
from shared.wechat.models.device import MAX_AUTHORIZE, MAX_QRCODES, Authorization, DeviceAttributes


class DeviceApi(ApiGroup):
    async def authorize(
        self, devices: Sequence[DeviceAttributes], *, product_id: str | None = None, update: bool = False
    ) -> list[dict[str, Any]]:
        """Authorise devices (or, with ``update``, change their attributes): one result row each, in order;
        a row's own ``errcode`` says whether that device failed."""
        rows: list[dict[str, Any]] = []
        for batch in chunked(devices, MAX_AUTHORIZE):
            body = Authorization(
                device_num=str(len(batch)), device_list=batch, op_type="1" if update else "0", product_id=product_id
            )
            answer = await self._json("device/authorize_device", json=body.model_dump(mode="json", exclude_none=True))
            rows.extend(answer.get("resp", []))
        return rows

    async def qrcodes(self, device_ids: Sequence[str]) -> dict[str, str]:
        """The QR code ticket of each authorised device, by device id."""
        tickets: dict[str, str] = {}
        for batch in chunked(device_ids, MAX_QRCODES):
            body = {"device_num": str(len(batch)), "device_id_list": batch}
            answer = _checked(await self._json("device/create_qrcode", json=body))
            tickets.update({code["device_id"]: code["ticket"] for code in answer.get("code_list", [])})
        return tickets

    async def new_device(self, product_id: str | None = None) -> dict[str, Any]:
        """A device id and its QR ticket from WeChat (``deviceid``, ``qrticket``); authorise it with ``update``."""
        params = {"product_id": product_id} if product_id is not None else None
        return _checked(await self._json("device/getqrcode", params=params))

    async def verify(self, ticket: str) -> dict[str, Any]:
        """Which device (``device_type``, ``device_id``, ``mac``) a QR ticket is for."""
        return await self._json("device/verify_qrcode", json={"ticket": ticket})

    async def bind(self, device_id: str, openid: str, *, ticket: str | None = None) -> None:
        """Bind a follower with the ticket their scan gave, or without one (``compel_bind``)."""
        await self._pair("bind", device_id, openid, ticket)

    async def unbind(self, device_id: str, openid: str, *, ticket: str | None = None) -> None:
        await self._pair("unbind", device_id, openid, ticket)

    async def _pair(self, action: str, device_id: str, openid: str, ticket: str | None) -> None:
        body = {"device_id": device_id, "openid": openid}
        path = f"device/{action}" if ticket is not None else f"device/compel_{action}"
        _checked(await self._json(path, json=body if ticket is None else {"ticket": ticket, **body}))

    async def status(self, device_id: str) -> int:
        """0 unauthorised, 1 authorised, 2 bound, 3 attributes not set."""
        return int((await self._json("device/get_stat", params={"device_id": device_id}))["status"])

    async def followers(self, device_type: str, device_id: str) -> list[str]:
        params = {"device_type": device_type, "device_id": device_id}
        return list((await self._json("device/get_openid", params=params)).get("open_id", []))

    async def devices_of(self, openid: str) -> list[dict[str, Any]]:
        return list((await self._json("device/get_bind_device", params={"openid": openid})).get("device_list", []))

    async def send(self, device_type: str, device_id: str, openid: str, content: bytes) -> None:
        """Push bytes to a device bound to ``openid`` (sent base64-encoded)."""
        body = {"device_type": device_type, "device_id": device_id, "open_id": openid}
        await self._json("device/transmsg", json=body | {"content": base64.b64encode(content).decode()})

    async def send_status(self, device_type: str, device_id: str, openid: str, *, connected: bool) -> None:
        """Tell the follower's WeChat a Wi-Fi device's status (msg_type 2)."""
        body = {"device_type": device_type, "device_id": device_id, "open_id": openid, "msg_type": "2"}
        await self._json("device/transmsg", json=body | {"device_status": str(int(connected))})


def _checked(answer: dict[str, Any]) -> dict[str, Any]:
    """An answer whose ``base_resp`` carries a failure is that failure."""
    base = answer.get("base_resp")
    if isinstance(base, dict) and base.get("errcode", 0) != 0:
        raise WeChatError(int(base["errcode"]), str(base.get("errmsg", "")))
    return answer
