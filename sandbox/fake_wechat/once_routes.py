"""``/mp/subscribemsg``: 一次性订阅消息's authorisation page, and the follower's choice.

Point the caller's mp.weixin.qq.com base here. ``GET`` shows the page (or WeChat's refusal);
``POST`` is the follower's tap: a confirm lets the account send one ``cgi-bin/message/template/subscribe``
to that openid for that scene, then the follower goes to ``redirect_url`` (302).
"""

from aiohttp import web

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.oauth_book import follower_openid
from sandbox.fake_wechat.oauth_page import PageError, error_page
from sandbox.fake_wechat.once_page import FIELDS, OnceRequest, check_request, consent_page, redirect_location
from shared.wechat.once_page import PAGE_PATH


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", headers={"Cache-Control": "no-store"})


async def show(request: web.Request) -> web.Response:
    try:
        checked = check_request(dict(request.query), set(request.app[FAKE].state.apps))
    except PageError as exc:
        return _html(error_page(exc), 400)
    return _html(consent_page(checked))


async def decide(request: web.Request) -> web.Response:
    form = await request.post()
    fields = {name: str(form.get(name, "")) for name in ("action", *FIELDS)}
    try:
        checked: OnceRequest = check_request(fields, set(request.app[FAKE].state.apps))
    except PageError as exc:
        return _html(error_page(exc), 400)
    openid = None
    if form.get("decision") == "confirm":
        openid = follower_openid(checked.appid, str(form.get("person", "")), str(form.get("openid", "")).strip())
        subscriptions = request.app[FAKE].state.messaging.subscribe
        subscriptions.allow_once(checked.appid, openid, checked.template_id, checked.scene)
    location = redirect_location(checked, openid)
    return web.Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})


def add_routes(app: web.Application) -> None:
    app.router.add_get(PAGE_PATH, show, allow_head=False)
    app.router.add_post(PAGE_PATH, decide)
