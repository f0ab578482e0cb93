"""Subscription notifications (订阅通知) and the one-time subscription message (一次性订阅消息).

The account picks titles of its categories' public library (``wxaapi/newtmpl``: 2–5 keywords, a scene
description ≤ 15 characters, 25 templates at most) and sends to followers who subscribed: once per
subscription for a one-time template, until they cancel for a long-term one (43101 otherwise). Each
value is checked by its keyword's type (thing ≤ 20 characters, phrase ≤ 5 Chinese characters …).
"""

from shared.wechat.endpoint import Body, Endpoint

GROUP = "subscribe"

ENDPOINTS = (
    Endpoint(
        "cgi-bin/message/subscribe/bizsend", "POST", GROUP, "Send a subscription notification", changes=True,
        body=Body.JSON, example={"touser": "oFollower1", "template_id": "PRI_TMPL_ID", "page": "https://example.com/",
                                 "data": {"thing1": {"value": "已发货"}, "time2": {"value": "2024年1月1日 12:00"}}},
    ),
    Endpoint(
        "cgi-bin/message/template/subscribe", "POST", GROUP, "Send a one-time subscription message (per scene)",
        changes=True, body=Body.JSON,
        example={"touser": "oFollower1", "template_id": "TEMPLATE_ID", "scene": "1000", "title": "订阅通知",
                 "data": {"content": {"value": "您好!", "color": "#173177"}}},
    ),
    Endpoint("wxaapi/newtmpl/getcategory", "GET", GROUP, "The account's categories", changes=False),
    Endpoint(
        "wxaapi/newtmpl/getpubtemplatetitles", "GET", GROUP, "A page of public titles of categories (≤ 30)",
        changes=False, query=("ids", "start", "limit"),
    ),
    Endpoint(
        "wxaapi/newtmpl/getpubtemplatekeywords", "GET", GROUP, "A public title's keywords and their types",
        changes=False, query=("tid",),
    ),
    Endpoint(
        "wxaapi/newtmpl/addtemplate", "POST", GROUP, "Add a template: a title and 2–5 of its keywords",
        changes=True, body=Body.JSON, example={"tid": "99", "kidList": [1, 2], "sceneDesc": "发货通知"},
    ),
    Endpoint("wxaapi/newtmpl/gettemplate", "GET", GROUP, "The account's subscription templates", changes=False),
    Endpoint(
        "wxaapi/newtmpl/deltemplate", "POST", GROUP, "Delete a subscription template", changes=True,
        body=Body.JSON, example={"priTmplId": "PRI_TMPL_ID"},
    ),
)  # fmt: skip
