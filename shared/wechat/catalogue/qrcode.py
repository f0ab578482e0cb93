"""Parametric QR codes (seed 1.7): a ticket from the API, the image from mp.weixin.qq.com."""

from shared.wechat.endpoint import Answer, Body, Endpoint, Host

GROUP = "qrcode"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/qrcode/create", "POST", GROUP, "A temporary or permanent QR code for a scene", changes=True,
        daily_limit=100000, body=Body.JSON,
        example={"expire_seconds": 604800, "action_name": "QR_STR_SCENE",
                 "action_info": {"scene": {"scene_str": "campaign-1"}}},
    ),
    Endpoint(
        "cgi-bin/showqrcode", "GET", GROUP, "The QR code's image, by ticket (mp.weixin.qq.com, no token)",
        changes=False, answer=Answer.MEDIA, host=Host.MP, query=("ticket",),
    ),
)  # fmt: skip
