"""The extensions of 微信卡券 beyond its core: third-party sub-merchants (第三方代制模式), 券点 (the coins
that pay for 朋友的券 stock), gift cards (礼品卡: shelves, orders, refunds, the mini program that sells
them), coupons given after a WeChat Pay payment (支付后投放卡券), social 立减金 activities, and the old
card locations.

Gone: ``card/location/batchadd`` and ``card/location/batchget``, the stores of cards before WeChat's
门店 interfaces took them over (a card names ``poi_id`` locations instead); deprecated with no replacement
in this catalogue. The core card endpoints are the ``card`` group's, invoices the ``invoice`` group's.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "card_extras"
_MERCHANT = {
    "brand_name": "一号咖啡", "logo_url": "http://mmbiz.qpic.cn/mmbiz/logo/0", "protocol": "agreement-media-id",
    "end_time": 1893427200, "primary_category_id": 1, "secondary_category_id": 101,
}  # fmt: skip
_PAGE = {
    "page_title": "新年礼品卡", "support_multi": True, "banner_pic_url": "http://mmbiz.qpic.cn/mmbiz/banner/0",
    "theme_list": [{
        "theme_pic_url": "http://mmbiz.qpic.cn/mmbiz/theme/0", "title": "感谢有你", "title_color": "#FB966E",
        "item_list": [{"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "title": "100元礼品卡"}],
    }],
    "address": "广州市海珠区", "service_phone": "020-88888888", "biz_description": "一号咖啡礼品卡",
}  # fmt: skip
_RULE = {
    "type": "RULE_TYPE_PAY_MEMBER_CARD",
    "base_info": {"mchid_list": ["1900000109"], "begin_time": 1893427200, "end_time": 1896019200},
    "member_rule": {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "least_cost": 1000, "max_cost": 100000},
}


def _post(path: str, summary: str, example: dict[str, Any], *, changes: bool) -> Endpoint:
    return Endpoint(path, "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example)


SUBMERCHANTS = (
    _post("card/submerchant/submit", "Submit a sub-merchant for WeChat's review", {"info": _MERCHANT}, changes=True),
    _post("card/submerchant/update", "Change a sub-merchant (reviewed again)",
          {"info": {"merchant_id": 12, **_MERCHANT}}, changes=True),
    _post("card/submerchant/get", "One sub-merchant and its review status", {"merchant_id": 12}, changes=False),
    _post("card/submerchant/batchget", "A page of sub-merchants (≤ 100) from begin_id",
          {"begin_id": 0, "limit": 50, "status": "CHECKING"}, changes=False),
    Endpoint("card/getapplyprotocol", "GET", GROUP, "The card categories a sub-merchant may choose", changes=False),
    Endpoint("card/getcolors", "GET", GROUP, "The colours a card may take (Color010 …)", changes=False),
)  # fmt: skip

COINS = (
    Endpoint("card/pay/activate", "GET", GROUP, "Open the account's 券点 account", changes=True),
    _post("card/pay/getpayprice", "Price more stock of a card in 券点 (an order_id to confirm)",
          {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "quantity": 100}, changes=False),
    Endpoint("card/pay/getcoinsinfo", "GET", GROUP, "The 券点 balance: free, paid and total", changes=False),
    _post("card/pay/confirm", "Pay a priced order and add the stock",
          {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "order_id": "100000000000", "quantity": 100}, changes=True),
    _post("card/pay/recharge", "Buy 券点 (1 点 = 1 元): a WeChat Pay QR code", {"coin_count": 100}, changes=True),
    _post("card/pay/getorder", "One 券点 order", {"order_id": "100000000000"}, changes=False),
    _post("card/pay/getorderlist", "A page of 券点 orders (≤ 50)",
          {"offset": 0, "count": 50, "order_type": "ORDER_TYPE_WXPAY", "begin_time": 1893427200,
           "end_time": 1896019200, "sort_info": {"sort_key": "SORT_BY_TIME", "sort_type": "SORT_DESC"}},
          changes=False),
)  # fmt: skip

GIFT_CARDS = (
    _post("card/giftcard/page/add", "Create a gift-card shelf (货架)", {"page": _PAGE}, changes=True),
    _post("card/giftcard/page/get", "One gift-card shelf", {"page_id": "abcedfghifk=+Uasdaseq14fadkf8123h4jk"},
          changes=False),
    _post("card/giftcard/page/update", "Change a gift-card shelf",
          {"page": {"page_id": "abcedfghifk=+Uasdaseq14fadkf8123h4jk", **_PAGE}}, changes=True),
    _post("card/giftcard/page/batchget", "Every gift-card shelf's page_id", {}, changes=False),
    _post("card/giftcard/maintain/set", "Take one shelf, or all, off sale (or back on)",
          {"page_id": "abcedfghifk=+Uasdaseq14fadkf8123h4jk", "maintain": True}, changes=True),
    _post("card/giftcard/order/get", "One gift-card order", {"order_id": "Z2y2rY74ksZX1ceuGbMOdlbX1Flc"},
          changes=False),
    _post("card/giftcard/order/batchget", "A page of gift-card orders in a time range (≤ 100)",
          {"begin_time": 1893427200, "end_time": 1896019200, "sort_type": "ASC", "offset": 0, "count": 100},
          changes=False),
    _post("card/giftcard/order/refund", "Refund a gift-card order (its cards become unusable)",
          {"order_id": "Z2y2rY74ksZX1ceuGbMOdlbX1Flc"}, changes=True),
    _post("card/generalcard/updateuser", "Change a user's gift card: balance, bonus, custom fields",
          {"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "code": "12312313", "balance": 3000}, changes=True),
    _post("card/giftcard/pay/whitelist/add", "Apply for WeChat Pay gift cards for a merchant number",
          {"mchid": "1900000109"}, changes=True),
    _post("card/giftcard/pay/submch/bind", "Bind a merchant number to the gift-card mini program",
          {"sub_mch_id": "1900000109", "wxa_appid": "wx1234567890abcdef"}, changes=True),
    _post("card/giftcard/wxa/set", "Publish the gift-card mini program for a shelf",
          {"wxa_appid": "wx1234567890abcdef", "page_id": "abcedfghifk=+Uasdaseq14fadkf8123h4jk"}, changes=True),
)  # fmt: skip

PAY_GIFTS = (
    _post("card/paygiftcard/add", "A rule: give a member card after a WeChat Pay payment", {"rule_info": _RULE},
          changes=True),
    _post("card/paygiftcard/delete", "Delete a pay-gift rule", {"rule_id": 1234}, changes=True),
    _post("card/paygiftcard/getbyid", "One pay-gift rule", {"rule_id": 1234}, changes=False),
    _post("card/paygiftcard/batchget", "A page of pay-gift rules",
          {"type": "RULE_TYPE_PAY_MEMBER_CARD", "effective": True, "offset": 0, "count": 10}, changes=False),
    _post("card/mkt/activity/create", "Create a social 立减金 activity",
          {"info": {"basic_info": {"activity_bg_color": "Color010", "activity_tinyappid": "wx1234567890abcdef",
                                   "begin_time": 1893427200, "end_time": 1896019200, "gift_num": 3,
                                   "max_partic_times_act": 1, "max_partic_times_one_day": 1},
                    "card_info_list": [{"card_id": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "total_user": 10}]}},
          changes=True),
)  # fmt: skip

GONE = (
    Endpoint("card/location/batchadd", "POST", GROUP, "Add card locations", changes=True, body=Body.JSON,
             shut_down="WeChat moved card locations to its 门店 (POI) interfaces; a card names poi_id ones"),
    Endpoint("card/location/batchget", "POST", GROUP, "List card locations", changes=False, body=Body.JSON,
             shut_down="WeChat moved card locations to its 门店 (POI) interfaces; a card names poi_id ones"),
)  # fmt: skip

ENDPOINTS = SUBMERCHANTS + COINS + GIFT_CARDS + PAY_GIFTS + GONE
