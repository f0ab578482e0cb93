"""``/cgi-bin/poi/*`` and the 门店小程序's ``/wxa/*``: one table from WeChat's path to the account's stores."""

from collections.abc import Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.actions import Action, add_actions
from sandbox.fake_wechat.stores import control
from sandbox.fake_wechat.stores.state import Account, Stores

AccountAction = Callable[[Account, dict[str, Any], float], dict[str, Any]]


def _on_account(action: AccountAction) -> Action:
    def act(stores: Stores, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return action(stores.of(app_id), body, now)

    return act


POST: dict[str, Action] = {
    "/cgi-bin/poi/addpoi": Stores.add_legacy,
    "/cgi-bin/poi/getpoi": _on_account(lambda a, b, now: a.legacy.get(b, now)),
    "/cgi-bin/poi/getpoilist": _on_account(lambda a, b, now: a.legacy.page(b, now)),
    "/cgi-bin/poi/updatepoi": _on_account(lambda a, b, now: a.legacy.update(b, now)),
    "/cgi-bin/poi/delpoi": _on_account(lambda a, b, _: a.legacy.delete(b)),
    "/wxa/apply_merchant": Stores.apply,
    "/wxa/modify_merchant": Stores.modify,
    "/wxa/search_map_poi": Stores.search,
    "/wxa/create_map_poi": Stores.propose_point,
    "/wxa/add_store": Stores.add_store,
    "/wxa/update_store": Stores.update_store,
    "/wxa/get_store_info": _on_account(lambda a, b, _: a.shops.info(b)),
    "/wxa/get_store_list": _on_account(lambda a, b, _: a.shops.page(b)),
    "/wxa/del_store": _on_account(lambda a, b, _: a.shops.delete(b)),
}
GET: dict[str, Action] = {
    "/cgi-bin/poi/getwxcategory": Stores.legacy_categories,
    "/wxa/get_merchant_category": Stores.categories,
    "/wxa/get_merchant_audit_info": Stores.audit,
    "/wxa/get_district": Stores.districts,
}


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.stores, POST, GET)
    control.add_routes(app)
