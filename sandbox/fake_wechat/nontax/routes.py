"""``/nontax/*`` and ``/intp/realname/getauthurl``: decode the call, ask the account's 非税 state, answer
as WeChat does (a statement as CSV text)."""

from aiohttp import web

from sandbox.fake_wechat.actions import Action, add_actions
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.nontax.state import NonTax

ACTIONS: dict[str, Action] = {
    "queryfee": NonTax.query_fee,
    "unifiedorder": NonTax.unified_order,
    "getorder": NonTax.get_order,
    "refund": NonTax.refund,
    "notifyinconsistentorder": NonTax.notify_inconsistent,
    "mocknotification": NonTax.mock_notification,
    "mockqueryfee": NonTax.mock_query_fee,
    "micropay": NonTax.micropay,
    "getorderlist": NonTax.order_list,
    "getrealname": NonTax.real_name,
    "vehicle/querystate": NonTax.vehicle_state,
    "vehicle/entrancenotify": NonTax.vehicle_entrance,
    "vehicle/payapply": NonTax.vehicle_pay,
    "createbillcard": NonTax.create_bill_card,
}


async def download_bill(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    csv = fake.state.nontax.bill(app_id, await json_body(request), now)
    return web.Response(text=csv, content_type="text/plain", charset="utf-8")


async def bill_auth_url(request: web.Request) -> web.Response:
    """``getbillauthurl``: its ``ticket`` must be the account's current ``wx_card`` ticket."""
    fake, app_id, now = authorized(request)
    tickets = [t.value for t in fake.state.tickets.of_app(app_id) if t.type == "wx_card" and t.expires_at > now]
    answer = fake.state.nontax.bill_auth_url(app_id, await json_body(request), now, tickets)
    return wechat_json({**OK, **answer})


async def insert_bill(request: web.Request) -> web.Response:
    """``insertbill``: its ``s_pdf_media_id`` must be a PDF the caller uploaded (card/invoice/platform/setpdf)."""
    fake, app_id, now = authorized(request)
    platform = fake.state.invoices.platform(app_id)
    answer = fake.state.nontax.insert_bill(
        app_id, await json_body(request), now, lambda media: platform.pdf(media, now)
    )
    return wechat_json({**OK, **answer})


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.nontax, {f"/nontax/{name}": action for name, action in ACTIONS.items()})
    add_actions(app, lambda state: state.nontax, {"/intp/realname/getauthurl": NonTax.realname_auth_url})
    app.router.add_post("/nontax/downloadbill", download_bill)
    app.router.add_post("/nontax/getbillauthurl", bill_auth_url)
    app.router.add_post("/nontax/insertbill", insert_bill)
