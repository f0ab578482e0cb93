"""``/cgi-bin/wxopen/*``: decode the call, ask the account's mini programs, answer as WeChat does."""

from aiohttp import web

from sandbox.fake_wechat.actions import add_actions, timeless
from sandbox.fake_wechat.wxopen.state import MiniPrograms

ACTIONS = {
    "wxamplinkget": MiniPrograms.linked,
    "wxamplink": MiniPrograms.link,
    "wxampunlink": MiniPrograms.unlink,
    "qrcodejumpget": MiniPrograms.rules,
    "qrcodejumpadd": MiniPrograms.add_rule,
    "qrcodejumppublish": MiniPrograms.publish,
    "qrcodejumpdelete": MiniPrograms.delete_rule,
    "qrcodejumpdownload": MiniPrograms.verify_file,
}


def add_routes(app: web.Application) -> None:
    posted = {f"/cgi-bin/wxopen/{name}": timeless(action) for name, action in ACTIONS.items()}
    add_actions(app, lambda state: state.mini_programs, posted)
