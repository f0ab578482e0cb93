"""The card extensions (group ``card_extras``) through the API proxy against the fake WeChat: every
catalogued example answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport``
driving sub-merchants through review, 券点 through pricing and recharge, gift-card shelves and orders
through sale and refund, and pay-gift rules that share no merchant number."""

from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from pydantic import ValidationError

from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.card_coins import OrderQuery, OrderType
from shared.wechat.models.card_submerchant import Status, SubMerchantInfo, SubMerchantQuery, SubMerchantUpdate
from shared.wechat.models.giftcard import OrderQuery as GiftOrderQuery
from shared.wechat.models.giftcard import Page, PageChange, UserCardChange
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
NOW = 1700000000  # about the fake's manual clock
INVALID_ARGS, INVALID_SERIAL_CODE = 40097, 40056
# What a fresh account answers each catalogued example, called in the catalogue's order: the objects the
# examples name do not exist yet (card/pay/activate comes before the other 券点 calls); 0 for the rest.
FRESH_REFUSALS = {
    "card/submerchant/update": INVALID_ARGS, "card/submerchant/get": INVALID_ARGS,
    "card/pay/confirm": INVALID_ARGS, "card/pay/getorder": INVALID_ARGS,
    "card/giftcard/page/get": INVALID_ARGS, "card/giftcard/page/update": INVALID_ARGS,
    "card/giftcard/maintain/set": INVALID_ARGS, "card/giftcard/order/get": INVALID_ARGS,
    "card/giftcard/order/refund": INVALID_ARGS, "card/giftcard/wxa/set": INVALID_ARGS,
    "card/generalcard/updateuser": INVALID_SERIAL_CODE,
    "card/paygiftcard/delete": INVALID_ARGS, "card/paygiftcard/getbyid": INVALID_ARGS,
}  # fmt: skip
MERCHANT = SubMerchantInfo(
    brand_name="一号咖啡", logo_url="http://mmbiz.qpic.cn/logo", protocol="media-1", end_time=NOW + 86400 * 365,
    primary_category_id=1, secondary_category_id=101,
)  # fmt: skip
CARD = "pFS7Fjg8kV1IdDz01r4SQwMkuCKc"
PAGE = Page.model_validate({
    "page_title": "新年礼品卡", "banner_pic_url": "http://mmbiz.qpic.cn/banner",
    "theme_list": [{"theme_pic_url": "http://mmbiz.qpic.cn/theme", "title": "感谢有你",
                    "item_list": [{"card_id": CARD, "title": "100元"}]}],
})  # fmt: skip


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    answered: dict[str, int] = {}
    for endpoint in default_catalogue().in_group("card_extras"):
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.method == "GET":
            response = await proxy.get(url, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example or {}, headers=AUTH)
        answer = await response.json()
        answered[endpoint.path] = response.status if endpoint.deprecated else answer["errcode"]
    expected = {
        endpoint.path: 410 if endpoint.deprecated else FRESH_REFUSALS.get(endpoint.path, 0)
        for endpoint in default_catalogue().in_group("card_extras")
    }
    assert answered == expected
    reached = [seen.path for seen in wire(fake_wechat)]
    assert reached == [f"/{path}" for path, status in expected.items() if status != 410]


async def test_a_sub_merchant_is_reviewed_changed_reviewed_again_and_listed(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    first = await api.submerchant.submit(MERCHANT)
    assert (first.status, first.brand_name) == (Status.CHECKING, "一号咖啡")
    await fake_wechat.control("card_extras/review", {"app_id": fake_wechat.app_id, "merchant_id": first.merchant_id,
                                                      "status": "APPROVED"})  # fmt: skip
    assert (await api.submerchant.get(first.merchant_id)).status == Status.APPROVED
    change = SubMerchantUpdate(merchant_id=first.merchant_id, **{**MERCHANT.body(), "brand_name": "一号咖啡馆"})
    assert (await api.submerchant.update(change)).status == Status.CHECKING
    others = [await api.submerchant.submit(MERCHANT) for _ in range(2)]

    page = await api.submerchant.page(SubMerchantQuery(limit=2))
    assert [m.merchant_id for m in page.info_list] == [first.merchant_id, others[0].merchant_id]
    assert page.next_begin_id == others[0].merchant_id
    everyone = [first.merchant_id] + [m.merchant_id for m in others]
    for size in (1, 2, 100):
        assert [m.merchant_id async for m in api.submerchant.all(page_size=size)] == everyone
    assert [m.brand_name async for m in api.submerchant.all(Status.CHECKING)] == ["一号咖啡馆", "一号咖啡", "一号咖啡"]
    assert {c["primary_category_id"] for c in await api.submerchant.categories()} >= {1}
    assert (await api.submerchant.colors())["Color010"] == "#63b359"
    assert await errcode_of(api.submerchant.get(999)) == INVALID_ARGS


async def test_what_wechat_refuses_in_a_sub_merchant_reaches_no_one(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    with pytest.raises(ValidationError):
        SubMerchantInfo(**{**MERCHANT.body(), "brand_name": "一" * 13})
    assert wire(fake_wechat) == []
    too_long = {"info": {**MERCHANT.body(), "brand_name": "一" * 13}}
    assert await errcode_of(api.call("card/submerchant/submit", json=too_long)) == INVALID_ARGS
    expired = {"info": {**MERCHANT.body(), "end_time": 1}}
    assert await errcode_of(api.call("card/submerchant/submit", json=expired)) == INVALID_ARGS


async def test_coins_price_stock_once_and_a_paid_recharge_adds_to_the_balance(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    assert await errcode_of(api.card_coins.balance()) == INVALID_ARGS
    assert await api.card_coins.activate() == 200
    price = await api.card_coins.price(CARD, 100)
    assert (price.price, price.free_coin, price.pay_coin) == ("20.0", "20.0", "0.0")
    await api.card_coins.confirm(CARD, price.order_id, 100)
    assert (await api.card_coins.balance()).total_coin == 180
    assert await errcode_of(api.card_coins.confirm(CARD, price.order_id, 100)) == INVALID_ARGS

    recharge = await api.card_coins.recharge(50)
    assert (await api.card_coins.order(recharge["order_id"]))["status"] == "ORDER_STATUS_WAITING"
    await fake_wechat.control("card_extras/coins/pay", {"app_id": fake_wechat.app_id, "order_id": recharge["order_id"]})
    coins = await api.card_coins.balance()
    assert (coins.free_coin, coins.pay_coin, coins.total_coin) == (180, 50, 230)
    bought = await api.card_coins.orders(OrderQuery(begin_time=0, end_time=2**31, order_type=OrderType.WXPAY))
    assert [o["order_id"] for o in bought.order_list] == [recharge["order_id"]]


async def test_a_gift_card_shelf_sells_until_taken_off_and_a_refund_ends_its_cards(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    page_id = await api.giftcard.add_page(PAGE)
    assert await api.giftcard.page_ids() == [page_id]
    await api.giftcard.update_page(PageChange(page_id=page_id, **{**PAGE.body(), "page_title": "春节礼品卡"}))
    assert (await api.giftcard.page(page_id))["page_title"] == "春节礼品卡"
    buy = {
        "app_id": fake_wechat.app_id,
        "page_id": page_id,
        "openid": "oBuyer",
        "cards": [{"card_id": CARD, "price": 10000}],
    }
    await api.giftcard.maintain(page_id)
    refused = await fake_wechat.client.post("/_control/card_extras/giftcard/order", json=buy)
    assert refused.status == 400
    await api.giftcard.maintain(every=True, off_sale=False)
    order_id = (await fake_wechat.control("card_extras/giftcard/order", buy))["order_id"]

    order = await api.giftcard.order(order_id)
    assert (order.total_price, order.open_id, order.page_id) == (10000, "oBuyer", page_id)
    listed = await api.giftcard.orders(GiftOrderQuery(begin_time=0, end_time=2**31, count=10))
    assert ([o.order_id for o in listed.order_list], listed.total_count) == ([order_id], 1)
    code = order.card_list[0]["code"]
    used = await api.giftcard.update_user_card(UserCardChange(card_id=CARD, code=code, balance=3000))
    assert used["result_balance"] == 3000
    await api.giftcard.refund(order_id)
    assert await errcode_of(api.giftcard.refund(order_id)) == INVALID_ARGS
    assert await errcode_of(api.giftcard.update_user_card(UserCardChange(card_id=CARD, code=code))) == 40056


async def test_a_merchant_number_is_in_one_running_pay_gift_rule(api: WeChatApi) -> None:
    base: dict[str, Any] = {"mchid_list": ["1900000109"], "begin_time": NOW - 60, "end_time": 2**31}
    member = {"card_id": CARD, "least_cost": 100, "max_cost": 10000}
    rule = {"type": "RULE_TYPE_PAY_MEMBER_CARD", "base_info": base, "member_rule": member}
    first = await api.call("card/paygiftcard/add", json={"rule_info": rule})
    assert isinstance(first, dict) and first["succ_mchid_list"] == ["1900000109"]
    again = {**rule, "base_info": {**base, "mchid_list": ["1900000109", "1900000110"]}}
    second = await api.call("card/paygiftcard/add", json={"rule_info": again})
    assert isinstance(second, dict)
    assert (second["succ_mchid_list"], second["fail_mchid_list"]) == (["1900000110"], ["1900000109"])
    listing = {"type": "RULE_TYPE_PAY_MEMBER_CARD", "effective": True, "offset": 0, "count": 10}
    running = await api.call("card/paygiftcard/batchget", json=listing)
    assert isinstance(running, dict) and running["total_count"] == 2
    await api.call("card/paygiftcard/delete", json={"rule_id": first["rule_id"]})
    assert await errcode_of(api.call("card/paygiftcard/getbyid", json={"rule_id": first["rule_id"]})) == INVALID_ARGS
