"""``/intp/marketcode/*``: decode the call, ask the account's batches, answer as WeChat does."""

from aiohttp import web

from sandbox.fake_wechat.actions import Action, add_actions
from sandbox.fake_wechat.marketcode.state import Marketcodes

ACTIONS: dict[str, Action] = {
    "applycode": Marketcodes.apply,
    "applycodequery": Marketcodes.query,
    "applycodedownload": Marketcodes.download,
    "codeactive": Marketcodes.activate,
    "codeactivequery": Marketcodes.active_query,
    "tickettocode": Marketcodes.ticket_to_code,
}


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.marketcodes, {f"/intp/marketcode/{name}": a for name, a in ACTIONS.items()})
