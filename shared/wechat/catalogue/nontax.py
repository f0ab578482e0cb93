"""非税缴费: fines and fees owed to government bodies (委办局), paid in WeChat and reconciled by the bureau.

A bureau reads a receivable from the finance system (``queryfee``), places an order for it
(``unifiedorder``, answered with the order id and an H5 ``pay_url``; ``micropay`` charges a
payment code at a counter instead), follows the order (``getorder``, ``getorderlist`` per notice),
refunds it in whole or in part (``refund``), reports an order whose state it disagrees with
(``notifyinconsistentorder``) and downloads the day's statement (``downloadbill``: a CSV text, not
JSON, from 06:00 China time the next day). ``mocknotification`` and ``mockqueryfee`` make WeChat send
test data to the bureau's own URLs; ``intp/realname/getauthurl`` gives the page where a user agrees
to share their real name (WeChat then sends them to ``redirect_url`` with a ``wx_realname_token``)
and ``getrealname`` reads the real name behind that token. The 车主服务 platform (``nontax/vehicle/*``)
charges parking and tolls to a user's plate: ``querystate`` tells whether the user has enabled it
(else the page to send them to),
``entrancenotify`` reports a car entering a car park, ``payapply`` asks for the deduction. A paid
fee's 财政电子票据 goes into the payer's card wallet: ``getbillauthurl`` (the page where the payer
agrees; it takes the account's ``wx_card`` ticket), ``createbillcard`` (the receipt template),
``insertbill`` (the receipt, for an order the payer agreed to). Every body but those of
``getauthurl``, ``getrealname``, ``getbillauthurl`` and ``createbillcard`` names the calling account's ``appid``;
amounts are in fen. All are POSTs with the access_token; WeChat documents no daily limits for them.
"""

from typing import Any

from shared.wechat.endpoint import Answer, Body, Endpoint

GROUP = "nontax"
APPID = "wx5f6e43071809a9dd"  # the docs' example account
ORDER = "AQCAGxwqp6-aBeIKDJ7fvb6x3dZt"
NOTICE = {"payment_notice_no": "34000019081115065040", "department_code": "065080906", "region_code": "340000"}
ITEMS = [{"no": 1, "item_id": "103050199", "item_name": "其他缴款", "overdue": 0, "penalty": 0, "fee": 5000}]
_ORDER_FIELDS = {
    "appid": APPID, "desc": "交通违法罚款", "fee": 5000, **NOTICE, "payment_notice_type": 2,
    "payment_notice_create_time": 1565520000, "payment_expire_date": "20991231", "user_name": "张三",
    "department_name": "某市公安局交通警察支队", "items": ITEMS,
}  # fmt: skip


def _call(
    action: str, summary: str, example: dict[str, Any], *, changes: bool, answer: Answer = Answer.JSON
) -> Endpoint:
    return Endpoint(
        f"nontax/{action}", "POST", GROUP, summary, changes=changes, body=Body.JSON, answer=answer, example=example
    )


ENDPOINTS = (
    _call(
        "queryfee", "A receivable from the finance system, by notice number",
        {"appid": APPID, "service_id": 1, **NOTICE, "payment_notice_type": 2}, changes=False,
    ),
    _call(
        "unifiedorder", "Place an order for a receivable: its order_id and H5 pay_url",
        {**_ORDER_FIELDS, "openid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "ip": "203.0.113.7", "scene": "biz",
         "return_url": "https://pay.example.gov.cn/done"},
        changes=True,
    ),
    _call("getorder", "An order's state, payment and refunds", {"appid": APPID, "order_id": ORDER}, changes=False),
    _call(
        "refund", "Refund an order, whole or in part (refund_fee and refund_out_id)",
        {"appid": APPID, "order_id": ORDER, "reason": "线上线下重复缴费"}, changes=True,
    ),
    _call(
        "downloadbill", "A day's payment statement (CSV text), from 06:00 the next day",
        {"appid": APPID, "mch_id": "1900000109", "bill_date": "20231114", "bill_type": "ALL"},
        changes=False, answer=Answer.MEDIA,
    ),
    _call(
        "notifyinconsistentorder", "Report an order whose state the bureau disagrees with",
        {"appid": APPID, "order_id": ORDER}, changes=True,
    ),
    _call(
        "mocknotification", "Have WeChat send a test payment notification to a URL",
        {"appid": APPID, "url": "https://pay.example.gov.cn/nontax/notify", "version": 1}, changes=True,
    ),
    _call(
        "mockqueryfee", "Have WeChat send a test receivable query to a URL",
        {"appid": APPID, "url": "https://pay.example.gov.cn/nontax/queryfee", "version": 1}, changes=True,
    ),
    _call(
        "micropay", "Charge a payment code shown at a counter (付款码) for a receivable",
        {**_ORDER_FIELDS, "auth_code": "134567890123456789"}, changes=True,
    ),
    _call(
        "getorderlist", "The orders placed for one notice, and the paid one", {"appid": APPID, **NOTICE},
        changes=False,
    ),
    Endpoint(
        "intp/realname/getauthurl", "POST", GROUP, "The page where a user lets the bureau read their real name",
        changes=False, body=Body.JSON, example={"redirect_url": "https://pay.example.gov.cn/realname/done"},
    ),
    _call(
        "getrealname", "The real name behind a user's wx_realname_token",
        {"wx_realname_token": "REALNAME_TOKEN"}, changes=False,
    ),
    _call(
        "vehicle/querystate", "Whether a user or plate has enabled 车主服务, and where to send them if not",
        {"appid": APPID, "region_code": "440300", "trade_scene": "PARKING", "plate_number": "粤B888888"},
        changes=False,
    ),
    _call(
        "vehicle/entrancenotify", "A car entered the car park (for charging after it leaves)",
        {"appid": APPID, "region_code": "440300", "trade_scene": "PARKING",
         "scene_info": {"start_time": 1699999000, "plate_number": "粤B888888", "parking_name": "市民中心停车场",
                        "free_time": 900}},
        changes=True,
    ),
    _call(
        "vehicle/payapply", "Deduct a parking or toll fee from the plate's owner (accepted, then charged)",
        {"appid": APPID, "desc": "停车费", "fee": 1500, "order_no": "P20231115-0001", "department_code": "D-1",
         "department_name": "市停车管理中心", "region_code": "440300", "trade_scene": "PARKING",
         "scene_info": {"start_time": 1699999000, "end_time": 1700006200, "charging_time": 7200,
                        "plate_number": "粤B888888", "parking_name": "市民中心停车场"}},
        changes=True,
    ),
    _call(
        "getbillauthurl", "The page where the payer agrees to receive a fee's 财政电子票据",
        {"s_pappid": "wxd3d2ee96f44de1dc_1", "order_id": "BUREAU-ORDER-1", "money": 5000, "timestamp": 1700000000,
         "source": "web", "redirect_url": "https://pay.example.gov.cn/done", "ticket": "WX_CARD_TICKET"},
        changes=False,
    ),
    _call(
        "createbillcard", "Create the bureau's receipt template (its card_id)",
        {"invoice_info": {"base_info": {"logo_url": "http://mmbiz.qpic.cn/mmbiz/logo.png"},
                          "payee": "某市财政局"}},
        changes=True,
    ),
    _call(
        "insertbill", "Put a fee's receipt into the payer's card wallet",
        {"appid": APPID, "order_id": "BUREAU-ORDER-1", "card_id": "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
         "card_ext": {"nonce_str": "123451234", "user_card": {"invoice_user_data": {
             "fee": 5000, "title": "张三", "billing_time": 1700000000, "billing_no": "00000001",
             "billing_code": "34000019", "s_pdf_media_id": "75195136990139392"}}}},
        changes=True,
    ),
)  # fmt: skip
