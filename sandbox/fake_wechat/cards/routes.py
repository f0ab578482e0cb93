"""The 卡券 core's endpoints: one table from WeChat's path to what the account's cards do.

Each action takes the account's cards, the call's JSON body and the time, and returns what WeChat answers
besides ``errcode``/``errmsg``.
"""

from aiohttp import web

from sandbox.fake_wechat.actions import AccountAction, add_actions, done, on_account
from sandbox.fake_wechat.cards import control
from sandbox.fake_wechat.cards.state import Account
from sandbox.fake_wechat.cards.store_cards import set_store_card, store_card

POST: dict[str, AccountAction[Account]] = {
    "/card/create": lambda a, b, now: {"card_id": a.cards.create(b, now)},
    "/card/get": lambda a, b, _: {"card": a.cards.get(b).answer()},
    "/card/update": lambda a, b, now: {"send_check": a.cards.update(b, now)},
    "/card/delete": done(lambda a, b, _: a.cards.delete(b)),
    "/card/batchget": lambda a, b, _: a.cards.page(b),
    "/card/modifystock": done(lambda a, b, _: a.cards.modify_stock(b, a.codes.unused_count(b))),
    "/card/qrcode/create": lambda a, b, now: a.cards.qrcode(b, now),
    "/card/landingpage/create": lambda a, b, _: a.cards.landing_page(b),
    "/card/mpnews/gethtml": lambda a, b, _: {"content": a.cards.mpnews_html(b)},
    "/card/testwhitelist/set": done(lambda a, b, _: a.cards.set_whitelist(b)),
    "/card/paycell/set": done(lambda a, b, _: a.cards.set_pay_cell(b)),
    "/card/selfconsumecell/set": done(lambda a, b, _: a.cards.set_self_consume(b)),
    "/card/user/getcardlist": lambda a, b, now: a.codes.of_user(b, now),
    "/card/code/get": lambda a, b, now: a.codes.get(b, now),
    "/card/code/consume": lambda a, b, now: a.codes.consume(b, now),
    "/card/code/decrypt": lambda a, b, _: {"code": a.codes.decrypt(b)},
    "/card/code/update": done(lambda a, b, now: a.codes.update(b, now)),
    "/card/code/unavailable": done(lambda a, b, now: a.codes.unavailable(b, now)),
    "/card/code/deposit": lambda a, b, _: a.codes.deposit(b),
    "/card/code/getdepositcount": lambda a, b, _: {"count": a.codes.deposit_count(b)},
    "/card/code/checkcode": lambda a, b, _: a.codes.check(b),
    "/card/code/mark": done(lambda a, b, now: a.codes.mark(b, now)),
    "/card/membercard/activate": done(lambda a, b, now: a.members.activate(b, now)),
    "/card/membercard/activateuserform/set": done(lambda a, b, _: a.members.set_form(b)),
    "/card/membercard/activatetempinfo/get": lambda a, b, _: {"info": a.members.filled(b)},
    "/card/membercard/activate/geturl": lambda a, b, _: {"url": a.members.activate_url(b)},
    "/card/membercard/updateuser": lambda a, b, now: a.members.update(b, now),
    "/card/membercard/userinfo/get": lambda a, b, now: a.members.details(b, now),
    "/card/boardingpass/checkin": done(lambda a, b, now: a.members.check_in(b, now)),
    "/card/meetingticket/updateuser": done(lambda a, b, now: a.members.meeting(b, now)),
    "/card/movieticket/updateuser": done(lambda a, b, now: a.members.movie(b, now)),
}


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.cards, {path: on_account(action) for path, action in POST.items()})
    add_actions(app, lambda state: state, {"/card/storewxa/get": store_card, "/card/storewxa/set": set_store_card})
    control.add_routes(app)
