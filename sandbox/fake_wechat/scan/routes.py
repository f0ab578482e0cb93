"""``/scan/*``: decode the call, ask the account's products, answer as WeChat does."""

from aiohttp import web

from sandbox.fake_wechat.actions import add_actions, timeless
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


def add_routes(app: web.Application) -> None:
    add_actions(
        app,
        lambda state: state.products,
        {f"/scan/{name}": timeless(action) for name, action in POSTED.items()},
        {"/scan/merchantinfo/get": timeless(Products.merchant)},
    )
