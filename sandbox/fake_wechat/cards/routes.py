"""The 卡券 core's endpoints: one table from WeChat's path to what the account's cards do.

Each action takes the account's cards, the call's JSON body and the time, and returns what WeChat answers
besides ``errcode``/``errmsg``.
"""

from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.actions import Action as AreaAction
from sandbox.fake_wechat.actions import add_actions
from sandbox.fake_wechat.cards import control
from sandbox.fake_wechat.cards.state import Account, Cards
from sandbox.fake_wechat.cards.store_cards import set_store_card, store_card

Action = Callable[[Account, dict[str, Any], float], dict[str, Any]]
NOTHING: dict[str, Any] = {}


def _done(change: Callable[[Account, dict[str, Any], float], object]) -> Action:
    """An action WeChat answers with ``ok`` alone."""

    def act(account: Account, body: dict[str, Any], now: float) -> dict[str, Any]:
        change(account, body, now)
        return NOTHING

    return act


POST: dict[str, Action] = {
    "/card/create": lambda a, b, now: {"card_id": a.cards.create(b, now)},
    "/card/get": lambda a, b, _: {"card": a.cards.get(b).answer()},
    "/card/update": lambda a, b, now: {"send_check": a.cards.update(b, now)},
    "/card/delete": _done(lambda a, b, _: a.cards.delete(b)),
    "/card/batchget": lambda a, b, _: a.cards.page(b),
    "/card/modifystock": _done(lambda a, b, _: a.cards.modify_stock(b, a.codes.deposit_count(b))),
    "/card/qrcode/create": lambda a, b, now: a.cards.qrcode(b, now),
    "/card/landingpage/create": lambda a, b, _: a.cards.landing_page(b),
    "/card/mpnews/gethtml": lambda a, b, _: {"content": a.cards.mpnews_html(b)},
    "/card/testwhitelist/set": _done(lambda a, b, _: a.cards.set_whitelist(b)),
    "/card/paycell/set": _done(lambda a, b, _: a.cards.set_pay_cell(b)),
    "/card/selfconsumecell/set": _done(lambda a, b, _: a.cards.set_self_consume(b)),
    "/card/user/getcardlist": lambda a, b, now: a.codes.of_user(b, now),
    "/card/code/get": lambda a, b, now: a.codes.get(b, now),
    "/card/code/consume": lambda a, b, now: a.codes.consume(b, now),
    "/card/code/decrypt": lambda a, b, _: {"code": a.codes.decrypt(b)},
    "/card/code/update": _done(lambda a, b, now: a.codes.update(b, now)),
    "/card/code/unavailable": _done(lambda a, b, now: a.codes.unavailable(b, now)),
    "/card/code/deposit": lambda a, b, _: a.codes.deposit(b),
    "/card/code/getdepositcount": lambda a, b, _: {"count": a.codes.deposit_count(b)},
    "/card/code/checkcode": lambda a, b, _: a.codes.check(b),
    "/card/code/mark": _done(lambda a, b, now: a.codes.mark(b, now)),
    "/card/membercard/activate": _done(lambda a, b, now: a.members.activate(b, now)),
    "/card/membercard/activateuserform/set": _done(lambda a, b, _: a.members.set_form(b)),
    "/card/membercard/activatetempinfo/get": lambda a, b, _: {"info": a.members.filled(b)},
    "/card/membercard/activate/geturl": lambda a, b, _: {"url": a.members.activate_url(b)},
    "/card/membercard/updateuser": lambda a, b, now: a.members.update(b, now),
    "/card/membercard/userinfo/get": lambda a, b, now: a.members.details(b, now),
    "/card/boardingpass/checkin": _done(lambda a, b, now: a.members.check_in(b, now)),
    "/card/meetingticket/updateuser": _done(lambda a, b, now: a.members.meeting(b, now)),
    "/card/movieticket/updateuser": _done(lambda a, b, now: a.members.movie(b, now)),
}


def _on_account(action: Action) -> AreaAction:
    def act(cards: Cards, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return action(cards.of(app_id), body, now)

    return act


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.cards, {path: _on_account(action) for path, action in POST.items()})
    add_actions(app, lambda state: state, {"/card/storewxa/get": store_card, "/card/storewxa/set": set_store_card})
    control.add_routes(app)
