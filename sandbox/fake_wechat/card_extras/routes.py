"""The card extensions' endpoints: one table from WeChat's path to what the account's state does.

Each action takes the account's card extensions, the call's JSON body (``{}`` for a GET) and the time,
and returns what WeChat answers besides ``errcode``/``errmsg``.
"""

from typing import Any

from aiohttp import web

from sandbox.fake_wechat.actions import AccountAction, add_actions, done, on_account
from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.card_extras import control
from sandbox.fake_wechat.card_extras.state import Account
from sandbox.fake_wechat.card_extras.submerchants import CATEGORIES
from sandbox.fake_wechat.cards.definitions import COLORS

POST: dict[str, AccountAction[Account]] = {
    "/card/submerchant/submit": lambda a, b, now: {"info": a.submerchants.submit(b, now)},
    "/card/submerchant/update": lambda a, b, now: {"info": a.submerchants.update(b, now)},
    "/card/submerchant/get": lambda a, b, _: {"info": a.submerchants.answer(_merchant_id(b))},
    "/card/submerchant/batchget": lambda a, b, _: a.submerchants.page(b),
    "/card/pay/getpayprice": lambda a, b, now: a.coins.price(b, now),
    "/card/pay/confirm": done(lambda a, b, now: a.coins.confirm(b, now)),
    "/card/pay/recharge": lambda a, b, now: a.coins.recharge(b, now),
    "/card/pay/getorder": lambda a, b, _: {"order_info": a.coins.order(b)},
    "/card/pay/getorderlist": lambda a, b, _: a.coins.order_page(b),
    "/card/giftcard/page/add": lambda a, b, _: {"page_id": a.giftcards.add_page(b)},
    "/card/giftcard/page/get": lambda a, b, _: {"page": a.giftcards.page(b.get("page_id"))},
    "/card/giftcard/page/update": done(lambda a, b, _: a.giftcards.update_page(b)),
    "/card/giftcard/page/batchget": lambda a, _b, _: {"page_id_list": list(a.giftcards.pages)},
    "/card/giftcard/maintain/set": done(lambda a, b, _: a.giftcards.maintain(b)),
    "/card/giftcard/order/get": lambda a, b, _: {"order": a.giftcards.order(b)},
    "/card/giftcard/order/batchget": lambda a, b, _: a.giftcards.order_page(b),
    "/card/giftcard/order/refund": done(lambda a, b, _: a.giftcards.refund(b)),
    "/card/generalcard/updateuser": lambda a, b, _: a.giftcards.update_user_card(b),
    "/card/giftcard/pay/whitelist/add": lambda a, b, _: _whitelist(a, text(b, "mchid")),
    "/card/giftcard/pay/submch/bind": done(lambda a, b, _: (text(b, "sub_mch_id"), text(b, "wxa_appid"))),
    "/card/giftcard/wxa/set": done(lambda a, b, _: a.giftcards.set_mini_program(b)),
    "/card/paygiftcard/add": lambda a, b, now: a.paygifts.add(b, now),
    "/card/paygiftcard/delete": done(lambda a, b, _: a.paygifts.delete(b)),
    "/card/paygiftcard/getbyid": lambda a, b, _: {"rule_info": a.paygifts.get(b)},
    "/card/paygiftcard/batchget": lambda a, b, now: a.paygifts.page(b, now),
    "/card/mkt/activity/create": lambda a, b, _: {"activity_id": a.paygifts.create_activity(b)},
}
GET: dict[str, AccountAction[Account]] = {
    "/card/getapplyprotocol": lambda _a, _b, _: {"category": CATEGORIES},
    "/card/getcolors": lambda _a, _b, _: {"colors": COLORS},
    "/card/pay/activate": lambda a, _b, now: {"reward": a.coins.activate(now)},
    "/card/pay/getcoinsinfo": lambda a, _b, _: a.coins.balance(),
}


def _merchant_id(body: dict[str, Any]) -> int:
    return integer(body, "merchant_id")


def _whitelist(account: Account, mchid: str) -> dict[str, Any]:
    account.giftcards.whitelist.add(mchid)
    return {"url": f"https://mp.weixin.qq.com/giftcard/apply?mchid={mchid}"}


def add_routes(app: web.Application) -> None:
    add_actions(
        app,
        lambda state: state.card_extras,
        {path: on_account(action) for path, action in POST.items()},
        {path: on_account(action) for path, action in GET.items()},
    )
    control.add_routes(app)
