"""微信卡券's core: cards created and reviewed, put in front of users (QR codes, landing pages, articles),
their codes (imported, looked up, redeemed, changed, made unavailable), member cards (activated, their
bonus and balance), and the special tickets (boarding passes, meeting and movie tickets).

A card is reviewed by WeChat after ``card/create`` (``CARD_STATUS_NOT_VERIFY`` → ``CARD_STATUS_VERIFY_OK``);
only a reviewed card is given out. Gone: ``card/luckymoney/updateuserbalance``, with the 红包 card type WeChat
withdrew. Colours, sub-merchants, 券点, gift cards and pay-gift rules are the
``card_extras`` group's.
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "card"
CARD = "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"  # the docs' example card_id
CODE = "110201201245"
_BASE = {
    "logo_url": "http://mmbiz.qpic.cn/mmbiz/iaL1LJM1mF9aRKPZ/0", "brand_name": "微信餐厅",
    "code_type": "CODE_TYPE_TEXT", "title": "双人火锅套餐", "color": "Color010",
    "notice": "使用时向服务员出示此券", "service_phone": "020-88888888", "description": "不可与其他优惠同享",
    "date_info": {"type": "DATE_TYPE_FIX_TIME_RANGE", "begin_timestamp": 1893427200, "end_timestamp": 1896019200},
    "sku": {"quantity": 500000}, "get_limit": 3, "use_custom_code": False, "can_share": True,
    "can_give_friend": True,
}  # fmt: skip
_MEMBER_CARD = {
    "background_pic_url": "https://mmbiz.qlogo.cn/mmbiz/0", "base_info": {**_BASE, "title": "会员卡"},
    "supply_bonus": True, "supply_balance": False, "prerogative": "会员卡特权说明", "auto_activate": True,
    "bonus_rule": {"cost_money_unit": 100, "increase_bonus": 1, "max_increase_bonus": 200},
}  # fmt: skip


def _post(path: str, summary: str, example: dict[str, Any], *, changes: bool) -> Endpoint:
    return Endpoint(path, "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example)


CARDS = (
    _post("card/create", "Create a card (any of eleven types); WeChat reviews it",
          {"card": {"card_type": "GROUPON", "groupon": {"base_info": _BASE, "deal_detail": "双人火锅套餐"}}},
          changes=True),
    _post("card/get", "One card: its type, base_info and review status", {"card_id": CARD}, changes=False),
    _post("card/update", "Change a card (some fields send it back to review)",
          {"card_id": CARD, "groupon": {"base_info": {"notice": "使用时请出示此券", "get_limit": 5}}}, changes=True),
    _post("card/delete", "Delete a card (codes already given out stay usable)", {"card_id": CARD}, changes=True),
    _post("card/batchget", "A page of card_ids (≤ 50), by review status",
          {"offset": 0, "count": 10, "status_list": ["CARD_STATUS_VERIFY_OK", "CARD_STATUS_DISPATCH"]},
          changes=False),
    _post("card/modifystock", "Add to or take from a card's stock",
          {"card_id": CARD, "increase_stock_value": 100, "reduce_stock_value": 0}, changes=True),
)  # fmt: skip

DISTRIBUTION = (
    _post("card/qrcode/create", "A QR code that gives one card, or up to 5 (QR_MULTIPLE_CARD)",
          {"action_name": "QR_CARD", "expire_seconds": 1800,
           "action_info": {"card": {"card_id": CARD, "is_unique_code": False, "outer_str": "12b"}}}, changes=True),
    _post("card/landingpage/create", "A landing page listing cards to take",
          {"banner": "http://mmbiz.qpic.cn/mmbiz/banner/0", "page_title": "惠城优惠大派送", "can_share": True,
           "scene": "SCENE_NEAR_BY", "card_list": [{"card_id": CARD, "thumb_url": "http://mmbiz.qpic.cn/thumb/0"}]},
          changes=True),
    _post("card/mpnews/gethtml", "The HTML that puts a card in an article", {"card_id": CARD}, changes=False),
    _post("card/testwhitelist/set", "Who may take cards still in review (openids, WeChat ids)",
          {"openid": ["o1Pj9jmZvwSyyyyyyBa4aULW2mA"], "username": ["afdvvf"]}, changes=True),
    _post("card/paycell/set", "Show a WeChat Pay button on a card", {"card_id": CARD, "is_open": True},
          changes=True),
    _post("card/selfconsumecell/set", "Let users redeem a card themselves",
          {"card_id": CARD, "is_open": True, "need_verify_cod": False, "need_remark_amount": False}, changes=True),
    _post("card/user/getcardlist", "The cards a follower holds (of one card_id, or all)",
          {"openid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "card_id": CARD}, changes=False),
)  # fmt: skip

CODES = (
    _post("card/code/get", "One code: its holder, dates and status (and whether it can be redeemed)",
          {"card_id": CARD, "code": CODE, "check_consume": True}, changes=False),
    _post("card/code/consume", "Redeem (核销) a code", {"card_id": CARD, "code": CODE}, changes=True),
    _post("card/code/decrypt", "The code an encrypt_code stands for", {"encrypt_code": "XXIzTtMqCxwOaawoE91+VJ"},
          changes=False),
    _post("card/code/update", "Give a custom code a new value", {"card_id": CARD, "code": CODE,
                                                                  "new_code": "3495739475"}, changes=True),
    _post("card/code/unavailable", "Make a code unusable (it cannot come back)",
          {"card_id": CARD, "code": CODE, "reason": "退款"}, changes=True),
    _post("card/code/deposit", "Import custom codes (≤ 100 a call) for a card's stock",
          {"card_id": CARD, "code": ["11111", "22222", "33333"]}, changes=True),
    _post("card/code/getdepositcount", "How many codes a card has imported", {"card_id": CARD}, changes=False),
    _post("card/code/checkcode", "Which of these codes (≤ 100) the card imported",
          {"card_id": CARD, "code": ["11111", "44444"]}, changes=False),
    _post("card/code/mark", "Mark (or free) a code for one user's order",
          {"card_id": CARD, "code": CODE, "openid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "is_mark": True}, changes=True),
)  # fmt: skip

MEMBER_CARDS = (
    _post("card/membercard/activate", "Activate a member card: its number and first bonus and balance",
          {"card_id": CARD, "code": CODE, "membership_number": "AAA00000001", "init_bonus": 100,
           "init_bonus_record": "开卡赠送", "init_balance": 200}, changes=True),
    _post("card/membercard/activateuserform/set", "The form a user fills in to activate a member card",
          {"card_id": CARD, "required_form": {"can_modify": False, "common_field_id_list": [
              "USER_FORM_INFO_FLAG_MOBILE", "USER_FORM_INFO_FLAG_NAME"]},
           "optional_form": {"common_field_id_list": ["USER_FORM_INFO_FLAG_BIRTHDAY"]}}, changes=True),
    _post("card/membercard/activatetempinfo/get", "What a user filled in the activation form",
          {"activate_ticket": "fDZv9eMQAFfrNr3XBoqhb8eUX67DFb6h8yUDkjJgTFqk"}, changes=False),
    _post("card/membercard/activate/geturl", "The link to WeChat's one-click activation form",
          {"card_id": CARD, "outer_str": "123"}, changes=False),
    _post("card/membercard/updateuser", "Change a member's bonus, balance and custom fields",
          {"card_id": CARD, "code": CODE, "add_bonus": 100, "record_bonus": "消费30元,获得3积分",
           "add_balance": -100, "record_balance": "购买焦糖玛琪朵一杯", "custom_field_value1": "白金"},
          changes=True),
    _post("card/membercard/userinfo/get", "A member's details: number, bonus, balance, form fields",
          {"card_id": CARD, "code": CODE}, changes=False),
)  # fmt: skip

TICKETS = (
    _post("card/boardingpass/checkin", "Check a boarding pass in: seat, class, boarding QR data",
          {"card_id": CARD, "code": CODE, "passenger_name": "乘客", "class": "硬卧", "seat": "1A",
           "etkt_bnr": "14000000000", "qrcode_data": "二维码数据", "is_cancel": False}, changes=True),
    _post("card/meetingticket/updateuser", "A meeting ticket's zone, entrance and seat",
          {"card_id": CARD, "code": CODE, "zone": "C区", "entrance": "东北门", "seat_number": "2排15号"},
          changes=True),
    _post("card/movieticket/updateuser", "A movie ticket's class, show time, room and seats",
          {"card_id": CARD, "code": CODE, "ticket_class": "4D", "show_time": 1893427200, "duration": 120,
           "screening_room": "5号影厅", "seat_number": ["5排14号", "5排15号"]}, changes=True),
)  # fmt: skip

STORE_MINIPROGRAM = (
    _post("card/storewxa/get", "The card a 门店小程序 store offers (no card_id when none is set)",
          {"poi_id": "472671857"}, changes=False),
    _post("card/storewxa/set", "Offer one card (not a custom-code one) in a 门店小程序 store",
          {"poi_id": "472671857", "card_id": CARD}, changes=True),
)  # fmt: skip

GONE = (
    Endpoint("card/luckymoney/updateuserbalance", "POST", GROUP, "Change a lucky-money card's balance",
             changes=True, body=Body.JSON, example={"card_id": CARD, "code": CODE, "balance": 1000},
             shut_down="WeChat withdrew the LUCKY_MONEY (红包) card type; card/create no longer takes it"),
)  # fmt: skip

ENDPOINTS = CARDS + DISTRIBUTION + CODES + MEMBER_CARDS + TICKETS + STORE_MINIPROGRAM + GONE
