"""``/scan/*``: decode the call, ask the account's product pages or v2 商品库, answer as WeChat does."""

from aiohttp import web

from sandbox.fake_wechat.actions import add_actions, timeless
from sandbox.fake_wechat.scan.goods import Goods
from sandbox.fake_wechat.scan.state import Products

POSTED = {
    "product/create": Products.create,
    "product/modstatus": Products.modstatus,
    "testwhitelist/set": Products.set_whitelist,
    "product/getqrcode": Products.qrcode,
    "product/get": Products.get,
    "product/getlist": Products.list,
    "product/update": Products.update,
    "product/clear": Products.clear,
    "scanticket/check": Products.check_ticket,
}

GOODS = {"add": Goods.add, "status": Goods.status, "getinfo": Goods.getinfo, "getinfobypage": Goods.page}


def add_routes(app: web.Application) -> None:
    add_actions(
        app,
        lambda state: state.products,
        {f"/scan/{name}": timeless(action) for name, action in POSTED.items()},
        {"/scan/merchantinfo/get": timeless(Products.merchant)},
    )
    add_actions(  # 微信商品库 v2
        app,
        lambda state: state.goods,
        {f"/scan/product/v2/{name}": action for name, action in GOODS.items()},
    )
