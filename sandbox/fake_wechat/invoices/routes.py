"""``/card/invoice/*``: decode the call, ask the invoices' state, answer as WeChat does.

``setbizattr`` reads its query's ``action``; ``platform/getpdf`` its body's (WeChat's docs put it there;
older SDKs send it in the query, which the fake accepts too); ``platform/setpdf`` takes a multipart PDF
(field ``pdf``); the rest are plain actions.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.actions import Action, add_actions, timeless
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.invoices.platform import MAX_PDF_BYTES
from sandbox.fake_wechat.invoices.state import Invoices
from sandbox.fake_wechat.state import FakeWeChatState
from sandbox.fake_wechat.uploads import read_upload

PREFIX = "/card/invoice/"
Handler = Callable[[web.Request], Awaitable[web.Response]]
ACTIONS: dict[str, Action] = {
    "getauthdata": timeless(lambda s, app, b: s.merchants[app].auth_data(b)),
    "rejectinsert": timeless(lambda s, app, b: s.merchants[app].reject(b)),
    "makeoutinvoice": lambda s, app, b, now: s.billing[app].make_out(s.merchants[app], b, now),
    "clearoutinvoice": lambda s, app, b, now: s.billing[app].clear_out(b, now),
    "queryinvoceinfo": timeless(lambda s, app, b: s.billing[app].query(b)),
    "seturl": timeless(lambda s, app, _b: s.platform(app).invoice_url()),
    "platform/createcard": timeless(lambda s, app, b: s.platform(app).create_card(b)),
    "insert": Invoices.insert,
    "platform/updatestatus": timeless(Invoices.update_status),
    "reimburse/getinvoiceinfo": timeless(lambda s, _app, b: s.invoice_info(b)),
    "reimburse/getinvoicebatch": timeless(lambda s, _app, b: s.invoice_batch(b)),
    "reimburse/updateinvoicestatus": timeless(Invoices.reimburse),
    "reimburse/updatestatusbatch": timeless(Invoices.reimburse_batch),
    "biz/getusertitleurl": timeless(lambda s, app, b: s.titles[app].user_title_url(app, b)),
    "biz/getselecttitleurl": timeless(lambda s, app, b: s.titles[app].select_title_url(app, b)),
    "scantitle": lambda s, app, b, now: s.titles[app].scan(b, now),
}
# Paths whose query's ``action`` says what to do: (state, account, action, body, time) -> answer.
BY_ACTION: dict[str, Callable[[Invoices, str, str | None, dict[str, Any], float], dict[str, Any]]] = {
    "setbizattr": lambda s, app, action, b, _now: s.settings(app, action, b),
    "platform/getpdf": lambda s, app, action, b, now: s.platform(app).pdf_url(b.get("action", action), b, now),
}


def _auth_url(state: FakeWeChatState, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
    """``getauthurl`` checks its ticket against the account's current ``wx_card`` tickets."""
    tickets = {t.value for t in state.tickets.of_app(app_id) if t.type == "wx_card" and now < t.expires_at}
    return state.invoices.auth_url(app_id, body, tickets)


def _by_action(name: str) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        fake, app_id, now = authorized(request)
        body = await json_body(request)
        answer = BY_ACTION[name](fake.state.invoices, app_id, request.query.get("action"), body, now)
        return wechat_json({**OK, **answer})

    return handle


async def _set_pdf(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    upload = await read_upload(request, max_bytes=MAX_PDF_BYTES, field="pdf")
    return wechat_json({**OK, **fake.state.invoices.platform(app_id).upload_pdf(upload.data, now)})


def add_routes(app: web.Application) -> None:
    add_actions(app, lambda state: state.invoices, {PREFIX + path: action for path, action in ACTIONS.items()})
    add_actions(app, lambda state: state, {PREFIX + "getauthurl": _auth_url})
    for name in BY_ACTION:
        app.router.add_post(PREFIX + name, _by_action(name))
    app.router.add_post(PREFIX + "platform/setpdf", _set_pdf)
