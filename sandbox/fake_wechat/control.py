"""The ``/_control/`` commands: configure the fake, inject faults and latency, move its clock, reset it."""

import json
from typing import TypeVar

import structlog
from aiohttp import web
from pydantic import BaseModel, ValidationError

from sandbox.fake_wechat import control_models as models
from sandbox.fake_wechat.audience import Group
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.errors import ApiError, errmsg_for
from sandbox.fake_wechat.faults import Fault

log = structlog.get_logger(__name__)
Body = TypeVar("Body", bound=BaseModel)
DONE = {"status": "ok"}


async def parse_body(request: web.Request, model: type[Body]) -> Body:
    """The control call's JSON body as ``model``, or 400 naming what is wrong (never quoting it)."""
    try:
        return model.model_validate_json(await request.read())
    except ValidationError as exc:  # locations and reasons only: an input may be a secret
        details = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        body = json.dumps({"error": "invalid body", "details": details})
        raise web.HTTPBadRequest(text=body, content_type="application/json") from None


def refused(exc: ApiError) -> web.HTTPBadRequest:
    """400 for a control command the fake's rules refuse: ``{"error": "refused", "errcode", "errmsg"}``."""
    body = json.dumps({"error": "refused", **exc.body()}, ensure_ascii=False)
    return web.HTTPBadRequest(text=body, content_type="application/json")


def known_app(request: web.Request, app_id: str) -> str:
    if app_id not in request.app[FAKE].state.apps:
        raise web.HTTPNotFound(text=json.dumps({"error": "unknown app"}), content_type="application/json")
    return app_id


async def reset(request: web.Request) -> web.Response:
    request.app[FAKE].state.reset()
    log.info("fake_wechat_reset")
    return web.json_response(DONE)


async def apps(request: web.Request) -> web.Response:
    body = await parse_body(request, models.AppsBody)
    for app in body.apps:
        request.app[FAKE].state.add_app(app)
    log.info("fake_wechat_apps_configured", app_ids=[app.app_id for app in body.apps])
    return web.json_response(DONE)


async def expire(request: web.Request) -> web.Response:
    body = await parse_body(request, models.ExpireBody)
    fake = request.app[FAKE]
    fake.state.expire(known_app(request, body.app_id), fake.clock.time())
    return web.json_response(DONE)


async def fail(request: web.Request) -> web.Response:
    body = await parse_body(request, models.FailBody)
    errmsg = body.errmsg if body.errmsg is not None else errmsg_for(body.errcode)
    fault = Fault(body.count, body.errcode, errmsg, body.status, body.app_id, body.drop, body.hold_ms)
    request.app[FAKE].state.faults.add(body.path, fault)
    log.info(
        "fake_wechat_fault_added", path=body.path, errcode=body.errcode, status=body.status, count=body.count,
        drop=body.drop,
    )  # fmt: skip
    return web.json_response(DONE)


async def latency(request: web.Request) -> web.Response:
    body = await parse_body(request, models.LatencyBody)
    request.app[FAKE].state.faults.set_latency(body.ms, body.path)
    return web.json_response(DONE)


async def token_lifetime(request: web.Request) -> web.Response:
    body = await parse_body(request, models.LifetimeBody)
    request.app[FAKE].state.configure(**body.changes())
    return web.json_response(DONE)


async def quota(request: web.Request) -> web.Response:
    body = await parse_body(request, models.QuotaBody)
    state = request.app[FAKE].state
    state.configure(**body.changes())
    if body.clear_used:
        state.quota.clear(body.app_id)
    return web.json_response(DONE)


async def subscribers(request: web.Request) -> web.Response:
    body = await parse_body(request, models.SubscribersBody)
    audience = request.app[FAKE].state.audience
    for group in Group:
        values = getattr(body, group.value)
        if values is not None:
            audience.configure(body.app_id, group, values, replace=body.replace)
    return web.json_response(audience.snapshot())


async def clock(request: web.Request) -> web.Response:
    body = await parse_body(request, models.ClockBody)
    fake = request.app[FAKE]
    fake.clock.advance(body.advance_seconds)
    return web.json_response({"time": fake.clock.time(), "monotonic": fake.clock.monotonic()})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/reset", reset)
    app.router.add_post("/_control/apps", apps)
    app.router.add_post("/_control/expire", expire)
    app.router.add_post("/_control/fail", fail)
    app.router.add_post("/_control/latency", latency)
    app.router.add_post("/_control/token-lifetime", token_lifetime)
    app.router.add_post("/_control/quota", quota)
    app.router.add_post("/_control/subscribers", subscribers)
    app.router.add_post("/_control/clock", clock)
