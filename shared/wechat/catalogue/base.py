"""Base: WeChat's addresses, the network check, and the API quota (seed 1.1)."""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "base"

ENDPOINTS = (
    Endpoint("cgi-bin/getcallbackip", "GET", GROUP, "IP addresses WeChat's callbacks come from", changes=False),
    Endpoint("cgi-bin/get_api_domain_ip", "GET", GROUP, "IP addresses of api.weixin.qq.com", changes=False),
    Endpoint(
        "cgi-bin/callback/check", "POST", GROUP, "Check the network from WeChat to the callback URL",
        changes=False, body=Body.JSON, example={"action": "all", "check_operator": "DEFAULT"},
    ),
    Endpoint(
        "cgi-bin/openapi/quota/get", "POST", GROUP, "Daily quota and usage of one API",
        changes=False, body=Body.JSON, example={"cgi_path": "/cgi-bin/message/custom/send"},
    ),
    Endpoint(
        "cgi-bin/openapi/quota/clear", "POST", GROUP, "Reset one API's daily usage (50 times a month)",
        changes=True, body=Body.JSON, example={"cgi_path": "/cgi-bin/message/custom/send"},
    ),
    Endpoint(
        "cgi-bin/openapi/rid/get", "POST", GROUP, "What a failed call's rid was about",
        changes=False, body=Body.JSON, example={"rid": "61725984-6126f6f9-040f19c4"},
    ),
    Endpoint(
        "cgi-bin/clear_quota", "POST", GROUP, "Reset every API's daily usage (10 times a month)",
        changes=True, body=Body.JSON, example={"appid": "wx1234"},
    ),
)  # fmt: skip
