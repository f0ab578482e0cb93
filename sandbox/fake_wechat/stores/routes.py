"""``/cgi-bin/poi/*`` and the 门店小程序's ``/wxa/*``: one table from WeChat's path to the account's stores."""

from aiohttp import web

from sandbox.fake_wechat.actions import Action, add_actions, on_account
from sandbox.fake_wechat.caller import authorized
from sandbox.fake_wechat.edge import wechat_json
from sandbox.fake_wechat.stores import control, maps
from sandbox.fake_wechat.stores.state import Stores

POST: dict[str, Action] = {
    "/cgi-bin/poi/addpoi": Stores.add_legacy,
    "/cgi-bin/poi/getpoi": on_account(lambda a, b, now: a.legacy.get(b, now)),
    "/cgi-bin/poi/getpoilist": on_account(lambda a, b, now: a.legacy.page(b, now)),
    "/cgi-bin/poi/updatepoi": on_account(lambda a, b, now: a.legacy.update(b, now)),
    "/cgi-bin/poi/delpoi": on_account(lambda a, b, _: a.legacy.delete(b)),
    "/wxa/apply_merchant": Stores.apply,
    "/wxa/modify_merchant": Stores.modify,
    "/wxa/search_map_poi": Stores.search,
    "/wxa/create_map_poi": Stores.propose_point,
    "/wxa/add_store": Stores.add_store,
    "/wxa/update_store": Stores.update_store,
    "/wxa/get_store_info": on_account(lambda a, b, _: a.shops.info(b)),
    "/wxa/get_store_list": on_account(lambda a, b, _: a.shops.page(b)),
    "/wxa/del_store": on_account(lambda a, b, _: a.shops.delete(b)),
}
GET: dict[str, Action] = {
    "/cgi-bin/poi/getwxcategory": Stores.legacy_categories,
    "/wxa/get_merchant_category": Stores.categories,
    "/wxa/get_merchant_audit_info": Stores.audit,
}


async def districts(request: web.Request) -> web.Response:
    """Tencent Maps' answer as WeChat passes it on: ``status`` and ``message``, no ``errcode``."""
    authorized(request)
    return wechat_json(maps.district_answer())


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.stores, POST, GET)
    app.router.add_get("/wxa/get_district", districts, allow_head=False)
    control.add_routes(app)
