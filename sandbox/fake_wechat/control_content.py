"""The ``/_control/`` calls of the content library: inspect it, end publish jobs now, set how long a
job takes, and post a reader's comment on a published article."""

import json
from typing import Any

import structlog
from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.publishing import OUTCOMES, PublishStatus

log = structlog.get_logger(__name__)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FinishBody(_Body):
    """End publishing jobs now: one (``publish_id``), an account's, or every one."""

    app_id: str | None = None
    publish_id: str | None = None
    status: int = Field(default=PublishStatus.SUCCESS, ge=0, le=6)
    fail_idx: list[int] | None = None


class DelayBody(_Body):
    seconds: float = Field(ge=0)


class CommentBody(_Body):
    app_id: str
    msg_data_id: int | str
    index: int = Field(default=0, ge=0)
    openid: str = Field(min_length=1)
    content: str = Field(min_length=1)


def _error(status: type[web.HTTPException], message: str) -> web.HTTPException:
    return status(text=json.dumps({"error": message}), content_type="application/json")


async def library(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    now = fake.clock.time()
    fake.state.library.settle(now)
    app_ids = [request.query["app_id"]] if request.query.get("app_id") else sorted(fake.state.apps)
    return web.json_response({app_id: fake.state.library.describe(app_id, now) for app_id in app_ids})


async def publish_finish(request: web.Request) -> web.Response:
    body = await parse_body(request, FinishBody)
    if body.status not in OUTCOMES:
        raise _error(web.HTTPBadRequest, f"a job ends with one of {sorted(int(s) for s in OUTCOMES)}")
    fake = request.app[FAKE]
    now = fake.clock.time()
    jobs = fake.state.library.publishing.pending(body.app_id, body.publish_id)
    if body.publish_id is not None and not jobs:
        raise _error(web.HTTPNotFound, "no publishing job with that publish_id")
    for job in jobs:
        fake.state.library.end(job, PublishStatus(body.status), now, body.fail_idx)
    log.info("fake_wechat_publish_jobs_ended", publish_ids=[job.publish_id for job in jobs], status=body.status)
    return web.json_response({"ended": [job.answer() for job in jobs]})


async def publish_delay(request: web.Request) -> web.Response:
    body = await parse_body(request, DelayBody)
    request.app[FAKE].state.library.publish_seconds = body.seconds
    return web.json_response(DONE)


async def comment(request: web.Request) -> web.Response:
    body = await parse_body(request, CommentBody)
    fake = request.app[FAKE]
    now = fake.clock.time()
    fake.state.library.settle(now)
    article: dict[str, Any] = {"msg_data_id": body.msg_data_id, "index": body.index}
    try:
        thread = fake.state.library.thread(known_app(request, body.app_id), article)
    except ApiError as exc:
        raise _error(web.HTTPNotFound, exc.errmsg) from None
    try:
        posted = thread.add(body.openid, body.content, now)
    except ValueError as exc:
        raise _error(web.HTTPConflict, str(exc)) from None
    return web.json_response({"user_comment_id": posted.user_comment_id})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/_control/library", library)
    app.router.add_post("/_control/publish/finish", publish_finish)
    app.router.add_post("/_control/publish/delay", publish_delay)
    app.router.add_post("/_control/comments", comment)
