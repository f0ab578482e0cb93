"""WeChat's base endpoints (addresses, network check, API quota, rids), QR code pictures and short keys:
decode the call, ask the state, encode WeChat's answer."""

from urllib.parse import quote

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.edge import CLEAR_QUOTA_V2_PATH, json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.qrimage import qr_png

SHOWQRCODE_PATH = "/cgi-bin/showqrcode"


def showqrcode_url(ticket: str) -> str:
    """Where the fake serves a ticket's picture (WeChat: ``https://mp.weixin.qq.com`` + this)."""
    return f"{SHOWQRCODE_PATH}?ticket={quote(ticket, safe='')}"


def _served_paths(app: web.Application) -> frozenset[str]:
    return frozenset(
        resource.canonical for resource in app.router.resources() if not resource.canonical.startswith("/_control/")
    )


async def callback_ip(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    return wechat_json({"ip_list": fake.state.directory.network.callback_ips})


async def api_domain_ip(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    return wechat_json({"ip_list": fake.state.directory.network.api_domain_ips})


async def callback_check(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    return wechat_json(fake.state.directory.network.check(await json_body(request)))


async def quota_get(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    state, usage = fake.state, fake.state.directory.usage
    path = usage.check_path((await json_body(request)).get("cgi_path"), _served_paths(request.app))
    limit = usage.limit(app_id, path, token_limit=state.config.daily_token_calls)
    used = state.quota.used(app_id, path, now)
    return wechat_json({**OK, "quota": {"daily_limit": limit, "used": used, "remain": max(0, limit - used)}})


async def rid_get(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    call = fake.state.directory.rids.lookup(app_id, (await json_body(request)).get("rid"), now)
    return wechat_json({**OK, "request": call.request()})


async def clear_quota(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    appid = (await json_body(request)).get("appid")
    if not isinstance(appid, str) or not appid:
        raise ApiError(ErrCode.APPID_MISSING)
    if appid != app_id:
        raise ApiError(ErrCode.INVALID_APPID)
    fake.state.clear_quota(appid, now)
    return wechat_json(OK)


async def clear_quota_by_secret(request: web.Request) -> web.Response:
    """``clear_quota/v2``: ``appid`` and ``appsecret`` in the query (WeChat's example), or in a JSON body."""
    fake = request.app[FAKE]
    given: dict[str, object] = dict(request.query)
    if "appid" not in given and request.can_read_body:
        given = await json_body(request)
    fake.state.clear_quota_with_secret(given.get("appid"), given.get("appsecret"), fake.clock.time())
    return wechat_json(OK)


async def quota_clear(request: web.Request) -> web.Response:
    """Reset today's count of one API (76021/76022 as ``quota/get``), 50 times a month."""
    fake, app_id, now = authorized(request)
    usage = fake.state.directory.usage
    path = usage.check_path((await json_body(request)).get("cgi_path"), _served_paths(request.app))
    usage.use_path_clear(app_id, now)
    fake.state.quota.clear_one(app_id, path)
    return wechat_json(OK)


async def showqrcode(request: web.Request) -> web.Response:
    """The picture of a live QR code, without an access_token (mp.weixin.qq.com); else 404."""
    fake = request.app[FAKE]
    code = fake.state.qrcodes.get(request.query.get("ticket", ""))
    if code is None or (code.expire_seconds is not None and fake.clock.time() >= code.created_at + code.expire_seconds):
        raise web.HTTPNotFound(text="qrcode not found or expired")
    return web.Response(body=qr_png(code.url), content_type="image/png")


async def shorten_gen(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    key = fake.state.directory.shortlinks.generate(app_id, await json_body(request), now)
    return wechat_json({**OK, "short_key": key})


async def shorten_fetch(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    found = fake.state.directory.shortlinks.fetch(app_id, (await json_body(request)).get("short_key"), now)
    return wechat_json({**OK, **found})


async def shorturl(request: web.Request) -> web.Response:
    """Shut down by WeChat (no new short URLs since 2021-03-15); it answers 45103 now."""
    authorized(request)
    raise ApiError(ErrCode.API_SHUT_DOWN)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/cgi-bin/getcallbackip", callback_ip, allow_head=False)
    app.router.add_get("/cgi-bin/get_api_domain_ip", api_domain_ip, allow_head=False)
    app.router.add_post("/cgi-bin/callback/check", callback_check)
    app.router.add_post("/cgi-bin/openapi/quota/get", quota_get)
    app.router.add_post("/cgi-bin/openapi/rid/get", rid_get)
    app.router.add_post("/cgi-bin/clear_quota", clear_quota)
    app.router.add_post(CLEAR_QUOTA_V2_PATH, clear_quota_by_secret)
    app.router.add_post("/cgi-bin/openapi/quota/clear", quota_clear)
    app.router.add_get(SHOWQRCODE_PATH, showqrcode, allow_head=False)
    app.router.add_post("/cgi-bin/shorten/gen", shorten_gen)
    app.router.add_post("/cgi-bin/shorten/fetch", shorten_fetch)
    app.router.add_post("/cgi-bin/shorturl", shorturl)
