"""微信设备功能 (WeChat hardware, iot.weixin.qq.com): devices authorised to the account, their QR codes,
the followers bound to them, and messages pushed to them.

A device is authorised (``authorize_device``) before it can be bound; a follower binds by scanning
its QR code (``bind`` with the ticket WeChat hands the page) or the account binds one
(``compel_bind``). Answers wrap their status as ``base_resp``, ``resp_msg`` or ``ret``, as WeChat does.
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "device"
DEVICE_TYPE = "gh_e2e5e0a0ab4b"  # the account's original id
DEVICE = "dev1"
OPENID = "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA"
_PAIR = {"device_id": DEVICE, "openid": OPENID}

ENDPOINTS = (
    Endpoint(
        "device/authorize_device", "POST", GROUP, "Authorise devices (op_type 0) or update them (1), ≤ 200 a call",
        changes=True, body=Body.JSON,
        example={
            "device_num": "1", "op_type": "0", "product_id": "12345",
            "device_list": [{
                "id": DEVICE, "mac": "123456789ABC", "connect_protocol": "3", "auth_key": "",
                "close_strategy": "1", "conn_strategy": "1", "crypt_method": "0", "auth_ver": "0",
                "manu_mac_pos": "-1", "ser_mac_pos": "-2", "ble_simple_protocol": "0",
            }],
        },
    ),
    Endpoint(
        "device/create_qrcode", "POST", GROUP, "QR code tickets for authorised devices (≤ 100 a call)",
        changes=False, body=Body.JSON, example={"device_num": "1", "device_id_list": [DEVICE]},
    ),
    Endpoint(
        "device/getqrcode", "GET", GROUP, "A new device id and its QR code ticket for a product", changes=True,
        query=("product_id",),
    ),
    Endpoint(
        "device/verify_qrcode", "POST", GROUP, "Which device a QR code ticket is for", changes=False,
        body=Body.JSON, example={"ticket": "QRCODE_TICKET"},
    ),
    Endpoint(
        "device/bind", "POST", GROUP, "Bind a follower to a device with the ticket their scan gave", changes=True,
        body=Body.JSON, example={"ticket": "QRCODE_TICKET", **_PAIR},
    ),
    Endpoint(
        "device/unbind", "POST", GROUP, "Unbind a follower from a device with a ticket", changes=True,
        body=Body.JSON, example={"ticket": "QRCODE_TICKET", **_PAIR},
    ),
    Endpoint(
        "device/compel_bind", "POST", GROUP, "Bind a follower to a device without a ticket", changes=True,
        body=Body.JSON, example=_PAIR,
    ),
    Endpoint(
        "device/compel_unbind", "POST", GROUP, "Unbind a follower from a device without a ticket", changes=True,
        body=Body.JSON, example=_PAIR,
    ),
    Endpoint(
        "device/get_stat", "GET", GROUP, "A device's state: 0 unauthorised, 1 authorised, 2 bound, 3 no attributes",
        changes=False, query=("device_id",),
    ),
    Endpoint(
        "device/get_openid", "GET", GROUP, "The followers bound to a device", changes=False,
        query=("device_type", "device_id"),
    ),
    Endpoint(
        "device/get_bind_device", "GET", GROUP, "The devices a follower is bound to", changes=False, query=("openid",),
    ),
    Endpoint(
        "device/transmsg", "POST", GROUP,
        "Push to a bound device: base64 content, or a Wi-Fi device's status (msg_type 2)", changes=True,
        body=Body.JSON,
        example={"device_type": DEVICE_TYPE, "device_id": DEVICE, "open_id": OPENID, "content": "aGVsbG8="},
    ),
)  # fmt: skip
