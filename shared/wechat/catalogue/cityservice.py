"""城市服务: 微信就医助手's message push, for public hospitals and 卫健委 accounts that enabled 就医助手.

One message per step of a visit (``status``: 15010xx 门诊, 15020xx 住院, 15030xx 体检, 15040xx 线上问诊,
15050xx 诊后提醒), all steps of one visit under one ``order_id``, each ``msg_id`` unique for its user
and order; ``business_id`` is always 150 and ``business_info`` carries the status's own fields. The
message lands in the user's 服务通知 in the hospital's name.
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "cityservice"

ENDPOINTS = (
    Endpoint(
        "cityservice/sendchannelmsg", "POST", GROUP, "Push a 就医助手 message (a step of a hospital visit)",
        changes=True, body=Body.JSON,
        example={
            "status": 1501001, "open_id": "osdjkfhsdlkfjhdslkjfh", "order_id": "order_123456", "msg_id": "msg_0001",
            "app_id": "wx23dde3xd34569cba", "business_id": 150,
            "business_info": {"pat_hospital_id": "a123456", "pat_name": "李*龙", "doc_name": "王小二",
                              "department_name": "心内科门诊(门诊楼3楼)", "appointment_time": "2023-06-07 10:30-11:00"},
        },
    ),
)  # fmt: skip
