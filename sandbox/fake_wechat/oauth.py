"""Web authorization at the fake: WeChat's consent page, the ``sns/`` API, and the JS-SDK's check.

``/connect/oauth2/authorize`` (open.weixin.qq.com's page; point WECHAT_OAUTH_BASE
here), ``/sns/oauth2/access_token``, ``/sns/userinfo``, ``/sns/auth`` and
``/sns/oauth2/refresh_token`` (api.weixin.qq.com; WECHAT_API_BASE) pass through
the same faults, latency and call counts as ``/cgi-bin/``. For tests and
benchmarks: ``POST /_control/oauth/codes`` mints codes without the page, and
``GET /_control/oauth/authorizations`` lists what the page decided (with the
redirect each decision sent). ``/open/js/jweixin-1.6.0.js`` is the JS-SDK's
stand-in; its ``wx.config`` asks ``/_client/jssdk/config``.
"""

import asyncio
import functools
import hmac
import json
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.edge import fault_response, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.jssdk_check import check_config
from sandbox.fake_wechat.oauth_book import PEOPLE, PEOPLE_BY_KEY, SCOPES, Grant, OAuthBook, openid_for, unionid_for
from sandbox.fake_wechat.oauth_page import PageError, check_request, consent_page, error_page, parameter_order

OAUTH = web.AppKey("fake_wechat_oauth", OAuthBook)
STATIC = Path(__file__).parent / "static"
_OK = {"errcode": 0, "errmsg": "ok"}


def _book(request: web.Request) -> OAuthBook:
    return request.app[OAUTH]


def _sns(handler: Handler) -> Handler:
    """What ``/cgi-bin/`` calls get at the edge: counted, delayed, maybe failed, errors as WeChat's JSON."""

    @functools.wraps(handler)
    async def edge(request: web.Request) -> web.StreamResponse:
        state = request.app[FAKE].state
        app_id = request.query.get("appid") or request.app[OAUTH].owner(request.query.get("access_token"))
        state.calls.record(request.path, app_id)
        delay = state.faults.latency_seconds(request.path)
        if delay > 0:
            await asyncio.sleep(delay)
        fault = state.faults.take(request.path, app_id)
        if fault is not None:
            return fault_response(fault)
        try:
            return await handler(request)
        except ApiError as exc:
            return wechat_json(exc.body())

    return edge


def _authenticated(request: web.Request, grant_type: str) -> str:
    """The appid of a call that carries the app's secret, or WeChat's error."""
    query, apps = request.query, request.app[FAKE].state.apps
    if query.get("grant_type") != grant_type:
        raise ApiError(ErrCode.INVALID_GRANT_TYPE)
    appid = query.get("appid", "")
    if not appid:
        raise ApiError(ErrCode.APPID_MISSING)
    if appid not in apps:
        raise ApiError(ErrCode.INVALID_APPID)
    if grant_type == "authorization_code":
        secret = query.get("secret", "")
        if not secret:
            raise ApiError(ErrCode.APPSECRET_MISSING)
        if not hmac.compare_digest(secret.encode(), apps[appid].get_secret_value().encode()):
            raise ApiError(ErrCode.INVALID_APPSECRET)
    return appid


@_sns
async def access_token(request: web.Request) -> web.Response:
    app_id = _authenticated(request, "authorization_code")
    return wechat_json(_book(request).exchange(app_id, request.query.get("code"), request.app[FAKE].clock.time()))


@_sns
async def refresh_token(request: web.Request) -> web.Response:
    app_id = _authenticated(request, "refresh_token")
    answer = _book(request).refresh(app_id, request.query.get("refresh_token"), request.app[FAKE].clock.time())
    return wechat_json(answer)


@_sns
async def userinfo(request: web.Request) -> web.Response:
    query = request.query
    profile = _book(request).userinfo(query.get("access_token"), query.get("openid"), request.app[FAKE].clock.time())
    return wechat_json(profile)


@_sns
async def auth(request: web.Request) -> web.Response:
    query = request.query
    _book(request).check(query.get("access_token"), query.get("openid"), request.app[FAKE].clock.time())
    return wechat_json(_OK)


def _grant(request: web.Request, app_id: str, scope: str, person: str, openid: str) -> Grant:
    """The follower chosen on the page (or by the control API): a sandbox person, or an openid of one's own."""
    base = f"{request.scheme}://{request.host}/_client/avatar"
    if openid:
        return Grant(app_id, openid, unionid_for(f"openid:{openid}"), scope, f"Follower {openid[-4:]}", f"{base}/_/132")
    chosen = PEOPLE_BY_KEY.get(person, PEOPLE[0])
    nickname, avatar = chosen.nickname, f"{base}/{chosen.key}/132"
    return Grant(app_id, openid_for(app_id, chosen.key), unionid_for(chosen.key), scope, nickname, avatar)


def _page(html: str, status: int = 200) -> web.Response:
    return web.Response(text=html, status=status, content_type="text/html", headers={"Cache-Control": "no-store"})


async def authorize_page(request: web.Request) -> web.Response:
    try:
        checked = check_request(
            dict(request.query), set(request.app[FAKE].state.apps), parameter_order(request.query_string)
        )
    except PageError as exc:
        return _page(error_page(exc), 400)
    return _page(consent_page(checked))


async def authorize_decision(request: web.Request) -> web.Response:
    form = await request.post()
    fields = {name: str(form.get(name, "")) for name in ("appid", "redirect_uri", "response_type", "scope", "state")}
    try:
        checked = check_request(fields, set(request.app[FAKE].state.apps))
    except PageError as exc:
        return _page(error_page(exc), 400)
    joiner = "&" if "?" in checked.redirect_uri else "?"
    allowed = form.get("decision") == "allow"
    if allowed:
        grant = _grant(
            request, checked.appid, checked.scope, str(form.get("person", "")), str(form.get("openid", "")).strip()
        )
        code = _book(request).issue_code(grant, request.app[FAKE].clock.time())
        location = f"{checked.redirect_uri}{joiner}code={code}&state={checked.state}"
    else:
        location = f"{checked.redirect_uri}{joiner}state={checked.state}"
    _book(request).authorizations.append(
        {
            "app_id": checked.appid,
            "scope": checked.scope,
            "decision": "allow" if allowed else "refuse",
            "redirect": location,
        }
    )
    return web.Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})


async def mint_codes(request: web.Request) -> web.Response:
    """``{app_id, scope?, person?, openid?, count?}`` → ``{"codes", "openid", "unionid"}``."""
    body = json.loads(await request.read() or b"{}")
    app_id, scope, count = body.get("app_id"), body.get("scope", "snsapi_base"), body.get("count", 1)
    valid = app_id in request.app[FAKE].state.apps and scope in SCOPES
    if not valid or not isinstance(count, int) or not 0 < count <= 1_000_000:
        raise web.HTTPBadRequest(text=json.dumps({"error": "known app_id, scope and 1 ≤ count required"}))
    grant = _grant(request, app_id, scope, str(body.get("person", "")), str(body.get("openid", "")))
    now, book = request.app[FAKE].clock.time(), _book(request)
    codes = [book.issue_code(grant, now) for _ in range(count)]
    return web.json_response({"codes": codes, "openid": grant.openid, "unionid": grant.unionid})


async def authorizations(request: web.Request) -> web.Response:
    app_id = request.query.get("app_id")
    listed = [a for a in _book(request).authorizations if app_id is None or a["app_id"] == app_id]
    return web.json_response(listed)


async def jssdk_config(request: web.Request) -> web.Response:
    """What the JS-SDK stand-in's ``wx.config`` is told: ``{"errMsg": "config:ok"}`` or WeChat's error."""
    fake = request.app[FAKE]
    try:
        config: Any = json.loads(await request.read())
    except ValueError:
        config = None
    if not isinstance(config, dict):
        config = {}
    app_id, now = str(config.get("appId", "")), fake.clock.time()
    tickets = None
    if app_id in fake.state.apps:
        tickets = [t.value for t in fake.state.tickets.of_app(app_id) if t.type == "jsapi" and now < t.expires_at]
    return web.json_response({"errMsg": check_config(config, tickets)}, headers={"Access-Control-Allow-Origin": "*"})


async def avatar(request: web.Request) -> web.Response:
    person = PEOPLE_BY_KEY.get(request.match_info["person"])
    initial = person.nickname[0] if person else "?"
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132">'
        '<rect width="132" height="132" fill="#07c160"/>'
        f'<text x="66" y="86" font-size="64" text-anchor="middle" fill="#fff">{initial}</text></svg>'
    )
    return web.Response(text=svg, content_type="image/svg+xml")


def add_routes(app: web.Application) -> None:
    app[OAUTH] = OAuthBook()
    app.router.add_get("/connect/oauth2/authorize", authorize_page, allow_head=False)
    app.router.add_post("/connect/oauth2/authorize", authorize_decision)
    app.router.add_get("/sns/oauth2/access_token", access_token, allow_head=False)
    app.router.add_get("/sns/oauth2/refresh_token", refresh_token, allow_head=False)
    app.router.add_get("/sns/userinfo", userinfo, allow_head=False)
    app.router.add_get("/sns/auth", auth, allow_head=False)
    app.router.add_post("/_control/oauth/codes", mint_codes)
    app.router.add_get("/_control/oauth/authorizations", authorizations)
    app.router.add_post("/_client/jssdk/config", jssdk_config)
    app.router.add_get("/_client/avatar/{person}/{size}", avatar)
    app.router.add_get("/open/js/jweixin-1.6.0.js", _script)


async def _script(_request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "jweixin-1.6.0.js", headers={"Cache-Control": "no-cache"})
