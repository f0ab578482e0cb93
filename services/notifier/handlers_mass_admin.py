"""HTTP edge of a broadcast's administration: take down a sent broadcast (``message/mass/delete``,
recorded on its job) and read or set the account's broadcast speed (``message/mass/speed/get|set``)."""

import time

from aiohttp import web

from services.notifier.context import NOTIFIER, Notifier
from services.notifier.handlers import invalid, payload_of
from services.notifier.mass_admin import article_idx_of, speed_of
from services.notifier.messages import InvalidMessage
from shared.internal_api import InternalRoutes, json_error, not_found
from shared.wechat.api.mass import MassApi
from shared.wechat.errors import WeChatError
from shared.wechat.token_provider import TokenServiceError


def _mass(notifier: Notifier, app_id: str) -> MassApi:
    if notifier.wechat is None:
        raise web.HTTPServiceUnavailable(text="no WeChat client")
    return notifier.wechat(app_id).mass


def _failed(notifier: Notifier, action: str, exc: WeChatError | TokenServiceError) -> web.Response:
    if isinstance(exc, WeChatError):
        notifier.metrics.mass_admin.labels(action, "wechat_error").inc()
        return json_error(502, "wechat_error", exc.errmsg, errcode=exc.errcode)
    notifier.metrics.mass_admin.labels(action, "token_unavailable").inc()
    return json_error(503, "token_unavailable", "the token service did not answer; retry")


async def delete_mass(request: web.Request) -> web.Response:
    notifier = request.app[NOTIFIER]
    try:
        article_idx = article_idx_of(request.query)
    except InvalidMessage as exc:
        notifier.metrics.mass_admin.labels("delete", "refused").inc()
        return await invalid(exc)
    job = await notifier.mass.get(request.match_info["id"])
    if job is None:
        raise not_found("unknown_job", "no such broadcast job (or its status expired)")
    if job.msg_id is None:
        notifier.metrics.mass_admin.labels("delete", "refused").inc()
        return json_error(409, "not_sent", f"job {job.id} has no msg_id yet ({job.status.value}): nothing to delete")
    if not job.is_deleted(article_idx):  # deleted already: the same answer, no second call
        try:
            await _mass(notifier, job.app_id).delete(job.msg_id, article_idx)
        except (WeChatError, TokenServiceError) as exc:
            return _failed(notifier, "delete", exc)
        job = await notifier.mass.mark_deleted(job, article_idx, now=time.time()) or job
    notifier.metrics.mass_admin.labels("delete", "ok").inc()
    return web.json_response(job.to_json())


def _account(request: web.Request) -> tuple[Notifier, str]:
    notifier, app_id = request.app[NOTIFIER], request.match_info["app_id"]
    if app_id not in notifier.accounts:
        raise not_found("unknown_app", "no such account")
    return notifier, app_id


async def get_speed(request: web.Request) -> web.Response:
    notifier, app_id = _account(request)
    try:
        speed = await _mass(notifier, app_id).speed()
    except (WeChatError, TokenServiceError) as exc:
        return _failed(notifier, "speed_get", exc)
    notifier.metrics.mass_admin.labels("speed_get", "ok").inc()
    return web.json_response({"speed": speed.speed, "realspeed": speed.realspeed})


async def set_speed(request: web.Request) -> web.Response:
    notifier, app_id = _account(request)
    try:
        speed = speed_of(await payload_of(request))
    except InvalidMessage as exc:
        notifier.metrics.mass_admin.labels("speed_set", "refused").inc()
        return await invalid(exc)
    try:
        await _mass(notifier, app_id).set_speed(speed)
    except (WeChatError, TokenServiceError) as exc:
        return _failed(notifier, "speed_set", exc)
    notifier.metrics.mass_admin.labels("speed_set", "ok").inc()
    return web.json_response({"speed": int(speed)})


def add_routes(routes: InternalRoutes) -> None:
    routes.delete("/v1/mass-messages/{id}", delete_mass)
    routes.get("/v1/apps/{app_id}/mass-speed", get_speed)
    routes.put("/v1/apps/{app_id}/mass-speed", set_speed)
