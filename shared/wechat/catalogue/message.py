"""Messages the platform already sends (the notifier); part 2 adds the rest of customer service and broadcasts."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "message"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/message/template/send", "POST", GROUP, "Send a template message", changes=True,
        daily_limit=100000, body=Body.JSON,
        example={"touser": "oFollower1", "template_id": "TEMPLATE_ID", "data": {"thing1": {"value": "已发货"}}},
    ),
    Endpoint(
        "cgi-bin/message/custom/send", "POST", GROUP, "Send a customer-service message (48 h window)",
        changes=True, daily_limit=500000, body=Body.JSON,
        example={"touser": "oFollower1", "msgtype": "text", "text": {"content": "Hello"}},
    ),
    Endpoint(
        "cgi-bin/get_current_autoreply_info", "GET", GROUP,
        "The auto-reply rules set on mp.weixin.qq.com (on follow, default, keywords)", changes=False,
    ),
)  # fmt: skip
