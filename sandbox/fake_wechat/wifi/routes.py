"""``/bizwifi/*``: one table from WeChat's path to what the calling account's Wi-Fi does."""

from aiohttp import web

from sandbox.fake_wechat.actions import AccountAction, add_actions, on_account
from sandbox.fake_wechat.wifi import control
from sandbox.fake_wechat.wifi.state import Account

POSTED: dict[str, AccountAction[Account]] = {
    "openplugin/token": Account.plugin_token,
    "shop/list": Account.shop_list,
    "shop/get": Account.shop_get,
    "shop/update": Account.update_shop,
    "shop/clean": Account.clean_shop,
    "device/add": Account.add_password_network,
    "apportal/register": Account.register_portal,
    "device/list": Account.device_list,
    "device/delete": Account.delete_device,
    "qrcode/get": Account.qrcode,
    "homepage/set": Account.set_homepage,
    "homepage/get": Account.homepage,
    "bar/set": Account.set_bar,
    "finishpage/set": Account.set_finishpage,
    "statistics/list": Account.statistics,
    "couponput/set": Account.set_coupon,
    "couponput/get": Account.coupon,
}
GOT: dict[str, AccountAction[Account]] = {"account/get_connecturl": Account.connect_url}


def add_routes(app: web.Application) -> None:
    add_actions(
        app,
        lambda state: state.wifi,
        {f"/bizwifi/{path}": on_account(action) for path, action in POSTED.items()},
        {f"/bizwifi/{path}": on_account(action) for path, action in GOT.items()},
    )
    control.add_routes(app)
