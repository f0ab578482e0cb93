"""Devices per account, with no I/O.

A device authorised with ``authorize_device`` (op_type 0, its attributes; 1 updates them) can be
bound; one from ``getqrcode`` has an id but no attributes (status 3) until op_type 1 sets them.
A QR ticket names one device; ``bind``/``unbind`` take it, ``compel_*`` do without. ``transmsg``
reaches only a device bound to that openid. Whole-call errors are WeChat's 40097; a device's own
failure in ``authorize_device`` is its row's errcode (100002 exists, 100003 does not).
"""

import base64
import binascii
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_AUTHORIZE = 200
MAX_QRCODES = 100
DEVICE_EXISTS, DEVICE_MISSING = 100002, 100003
STATUS_INFO = {0: "unauthorized", 1: "authorized", 2: "bind", 3: "no attributes"}
REQUIRED = ("id", "mac", "connect_protocol", "close_strategy", "conn_strategy", "crypt_method", "auth_ver")
OK_BASE = {"errcode": 0, "errmsg": "ok"}


def original_id(app_id: str) -> str:
    """The account's original id (gh_…): the ``device_type`` of its devices."""
    return "gh_" + hashlib.sha256(app_id.encode()).hexdigest()[:12]


def _bad(reason: str) -> ApiError:
    return ApiError(ErrCode.INVALID_ARGS, f"invalid args: {reason}")


def _count(value: object) -> int:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _bad("device_num")


@dataclass
class Device:
    device_id: str
    product_id: str
    attributes: dict[str, Any] | None = None
    openids: list[str] = field(default_factory=list)
    received: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> int:
        if self.attributes is None:
            return 3
        return 2 if self.openids else 1


class Devices:
    def __init__(self) -> None:
        self._devices: dict[tuple[str, str], Device] = {}
        self._tickets: dict[str, tuple[str, str]] = {}  # ticket → app, device_id

    def device(self, app_id: str, device_id: object) -> Device:
        found = self._devices.get((app_id, str(device_id)))
        if found is None:
            raise _bad("device_id does not exist")
        return found

    def _ticket(self, app_id: str, device_id: str) -> str:
        ticket = "http://we.qq.com/d/" + secrets.token_urlsafe(18)
        self._tickets[ticket] = (app_id, device_id)
        return ticket

    def authorize(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        rows, op_type = body.get("device_list"), str(body.get("op_type"))
        if not isinstance(rows, list) or not rows or len(rows) > MAX_AUTHORIZE or op_type not in ("0", "1"):
            raise _bad("device_list/op_type")
        if _count(body.get("device_num")) != len(rows):
            raise _bad("device_num")
        answers = []
        for row in rows:
            if not isinstance(row, dict) or any(not isinstance(row.get(k), str) for k in REQUIRED):
                raise _bad("device_list")
            key = (app_id, row["id"])
            errcode = 0
            if op_type == "0" and key in self._devices and self._devices[key].attributes is not None:
                errcode = DEVICE_EXISTS
            elif op_type == "1" and key not in self._devices:
                errcode = DEVICE_MISSING
            else:
                device = self._devices.setdefault(key, Device(row["id"], str(body.get("product_id", ""))))
                device.attributes = dict(row)
            base = {"device_type": original_id(app_id), "device_id": row["id"]}
            answers.append({"base_info": base, "errcode": errcode, "errmsg": "ok" if not errcode else "failed"})
        return {"resp": answers}

    def create_qrcode(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        ids = body.get("device_id_list")
        if not isinstance(ids, list) or not ids or len(ids) > MAX_QRCODES or _count(body.get("device_num")) != len(ids):
            raise _bad("device_id_list/device_num")
        codes = [
            {"device_id": d.device_id, "ticket": self._ticket(app_id, d.device_id)}
            for d in map(lambda i: self.device(app_id, i), ids)
        ]
        return {"base_resp": OK_BASE, "device_num": len(codes), "code_list": codes}

    def new_device(self, app_id: str, product_id: object) -> dict[str, Any]:
        if product_id is not None and not str(product_id).isdigit():
            raise _bad("product_id")
        device_id = f"{original_id(app_id)}_{secrets.token_hex(8)}"
        self._devices[(app_id, device_id)] = Device(device_id, str(product_id or "1"))
        ticket = self._ticket(app_id, device_id)
        return {"base_resp": OK_BASE, "deviceid": device_id, "qrticket": ticket, "devicelicence": secrets.token_hex(16)}

    def verify(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        device = self._by_ticket(app_id, body.get("ticket"))
        mac = (device.attributes or {}).get("mac", "")
        return {"device_type": original_id(app_id), "device_id": device.device_id, "mac": mac}

    def _by_ticket(self, app_id: str, ticket: object) -> Device:
        found = self._tickets.get(str(ticket))
        if found is None or found[0] != app_id:
            raise _bad("ticket")
        return self.device(app_id, found[1])

    def _pair(self, app_id: str, body: dict[str, Any]) -> tuple[Device, str]:
        openid = body.get("openid")
        if not isinstance(openid, str) or not openid:
            raise ApiError(ErrCode.INVALID_OPENID)
        return self.device(app_id, body.get("device_id")), openid

    def bind(self, app_id: str, body: dict[str, Any], *, ticket: bool) -> dict[str, Any]:
        device, openid = self._pair(app_id, body)
        if ticket and self._by_ticket(app_id, body.get("ticket")) is not device:
            raise _bad("ticket is for another device")
        if device.attributes is None:
            raise _bad("device is not authorized")
        if openid not in device.openids:
            device.openids.append(openid)
        return {"base_resp": OK_BASE}

    def unbind(self, app_id: str, body: dict[str, Any], *, ticket: bool) -> dict[str, Any]:
        device, openid = self._pair(app_id, body)
        if ticket and self._by_ticket(app_id, body.get("ticket")) is not device:
            raise _bad("ticket is for another device")
        if openid not in device.openids:
            raise _bad("openid is not bound to the device")
        device.openids.remove(openid)
        return {"base_resp": OK_BASE}

    def stat(self, app_id: str, device_id: object) -> dict[str, Any]:
        found = self._devices.get((app_id, str(device_id)))
        status = found.status if found is not None else 0
        return {"errcode": 0, "errmsg": "ok", "status": status, "status_info": STATUS_INFO[status]}

    def openids(self, app_id: str, device_type: object, device_id: object) -> dict[str, Any]:
        if device_type != original_id(app_id):
            raise _bad("device_type")
        device = self.device(app_id, device_id)
        return {"open_id": list(device.openids), "resp_msg": {"ret_code": 0, "error_info": "get open id list OK!"}}

    def bound_to(self, app_id: str, openid: object) -> dict[str, Any]:
        if not isinstance(openid, str) or not openid:
            raise ApiError(ErrCode.INVALID_OPENID)
        devices = [
            {"device_type": original_id(app_id), "device_id": d.device_id}
            for (owner, _), d in self._devices.items()
            if owner == app_id and openid in d.openids
        ]
        return {"resp_msg": {"ret_code": 0, "error_info": "ok"}, "openid": openid, "device_list": devices}

    def transmsg(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("device_type") != original_id(app_id):
            raise _bad("device_type")
        device = self.device(app_id, body.get("device_id"))
        if body.get("open_id") not in device.openids:
            raise _bad("open_id is not bound to the device")
        if "msg_type" in body:  # a Wi-Fi device's status message
            if str(body.get("msg_type")) != "2" or str(body.get("device_status")) not in ("0", "1"):
                raise _bad("msg_type/device_status")
        else:
            try:
                base64.b64decode(str(body.get("content", "")), validate=True)
            except binascii.Error:
                raise _bad("content is not base64") from None
            if not body.get("content"):
                raise _bad("content")
        device.received.append(dict(body))
        return {"ret": 0, "ret_info": "this is ok"}
