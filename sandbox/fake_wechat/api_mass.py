"""WeChat's broadcast endpoints (群发): send to everyone, a tag or openids, preview, delete, status,
speed, and ``media/uploadvideo``. Decode the call, ask the state, encode WeChat's answer."""

import secrets
from typing import Any

from aiohttp import web

from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.context import FakeContext
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.mass import MassJob, dedup_key
from sandbox.fake_wechat.mass_content import audience, check_content, upload_video


async def _call(request: web.Request) -> tuple[FakeContext, str, float, dict[str, Any]]:
    fake, app_id, now = authorized(request)
    return fake, app_id, now, await json_body(request)


def _broadcast(fake: FakeContext, app_id: str, now: float, body: dict[str, Any]) -> MassJob:
    """Check a broadcast as WeChat does, refuse a repeat, and start its job."""
    state, mass = fake.state, fake.state.messaging.mass
    key = dedup_key(body)
    named, recipients = audience(body, app_id=app_id, directory=state.directory)
    articles = check_content(body, app_id=app_id, library=state.library, mass=mass, now=now)
    mass.check_repeat(app_id, key, now)
    mass.check_quota(app_id, now)
    return mass.submit(app_id, body, key, named, recipients, articles, now)


def _accepted(job: MassJob) -> web.Response:
    ids = {"msg_id": job.msg_id} | ({} if job.msg_data_id is None else {"msg_data_id": job.msg_data_id})
    return wechat_json({"errcode": 0, "errmsg": "send job submission success", **ids})


async def sendall(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    if "filter" not in body:
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return _accepted(_broadcast(fake, app_id, now, body))


async def send(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    if "touser" not in body:
        raise ApiError(ErrCode.INVALID_OPENID_COUNT)
    return _accepted(_broadcast(fake, app_id, now, body))


async def preview(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    touser, towxname = body.get("touser"), body.get("towxname")
    if touser is not None:
        fake.state.directory.follower(app_id, touser)
    elif not isinstance(towxname, str) or not towxname:
        raise ApiError(ErrCode.INVALID_OPENID)
    mass = fake.state.messaging.mass
    check_content(body, app_id=app_id, library=fake.state.library, mass=mass, now=now, preview=True)
    return wechat_json({"errcode": 0, "errmsg": "preview success", "msg_id": mass.preview(app_id, body, now)})


async def delete(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    mass = fake.state.messaging.mass
    mass.settle(now)
    mass.delete(app_id, body)
    return wechat_json(OK)


async def get(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    mass = fake.state.messaging.mass
    mass.settle(now)
    job = mass.job(app_id, body.get("msg_id"))
    return wechat_json({"msg_id": job.msg_id, "msg_status": str(job.status)})


async def speed_get(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json(fake.state.messaging.mass.speed(app_id))


async def speed_set(request: web.Request) -> web.Response:
    fake, app_id, _, body = await _call(request)
    fake.state.messaging.mass.set_speed(app_id, body)
    return wechat_json(OK)


async def uploadvideo(request: web.Request) -> web.Response:
    fake, app_id, now, body = await _call(request)
    video = upload_video(body, app_id=app_id, library=fake.state.library, now=now)
    media_id = secrets.token_urlsafe(48)
    fake.state.messaging.mass.videos[media_id] = (app_id, video)
    return wechat_json({"type": "video", "media_id": media_id, "created_at": int(now)})


async def uploadnews(request: web.Request) -> web.Response:
    """Broadcast articles are drafts now: WeChat answers 45106 "This API has been unsupported"."""
    authorized(request)
    raise ApiError(ErrCode.API_UNSUPPORTED)


def add_routes(app: web.Application) -> None:
    post = app.router.add_post
    post("/cgi-bin/message/mass/sendall", sendall)
    post("/cgi-bin/message/mass/send", send)
    post("/cgi-bin/message/mass/preview", preview)
    post("/cgi-bin/message/mass/delete", delete)
    post("/cgi-bin/message/mass/get", get)
    post("/cgi-bin/message/mass/speed/get", speed_get)
    post("/cgi-bin/message/mass/speed/set", speed_set)
    post("/cgi-bin/media/uploadvideo", uploadvideo)
    post("/cgi-bin/media/uploadnews", uploadnews)
