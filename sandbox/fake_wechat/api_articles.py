"""WeChat's article endpoints: the draft box, publishing and comments. Each handler decodes the call,
asks the library (publish jobs whose time has come end first), encodes WeChat's answer."""

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox.fake_wechat import body_fields
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.comments import ListType, Thread
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.library import Library

Handler = Callable[[web.Request], Awaitable[web.Response]]


async def _call(request: web.Request) -> tuple[Library, str, dict[str, Any], float]:
    """The library (settled to now), the calling account, its JSON body and the time."""
    fake, app_id, now = authorized(request)
    body = await json_body(request)
    fake.state.library.settle(now)
    return fake.state.library, app_id, body, now


def _page(total: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total_count": total, "item_count": len(items), "item": items}


# -- drafts ---------------------------------------------------------------------------------


async def draft_add(request: web.Request) -> web.Response:
    library, app_id, body, now = await _call(request)
    return wechat_json({"media_id": library.add_draft(app_id, body, now).media_id})


async def draft_get(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    return wechat_json({"news_item": library.drafts.get(app_id, body.get("media_id")).news_item()})


async def draft_delete(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    library.drafts.delete(app_id, body.get("media_id"))
    return wechat_json(OK)


async def draft_update(request: web.Request) -> web.Response:
    library, app_id, body, now = await _call(request)
    library.update_draft(app_id, body, now)
    return wechat_json(OK)


async def draft_batchget(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    (offset, count), no_content = body_fields.page(body), body_fields.flag(body, "no_content")
    drafts = library.drafts.of_app(app_id)
    items = [
        {
            "media_id": d.media_id,
            "content": {"news_item": d.news_item(no_content=no_content)},
            "update_time": d.update_time,
        }
        for d in drafts[offset : offset + count]
    ]
    return wechat_json(_page(len(drafts), items))


async def draft_count(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    fake.state.library.settle(now)
    return wechat_json({"total_count": len(fake.state.library.drafts.of_app(app_id))})


# -- publishing -----------------------------------------------------------------------------


async def publish_submit(request: web.Request) -> web.Response:
    library, app_id, body, now = await _call(request)
    job = library.submit(app_id, body.get("media_id"), now)
    return wechat_json({**OK, "publish_id": job.publish_id, "msg_data_id": job.msg_data_id})


async def publish_get(request: web.Request) -> web.Response:
    library, app_id, body, now = await _call(request)
    return wechat_json(library.job(app_id, body.get("publish_id"), now).answer())


async def publish_delete(request: web.Request) -> web.Response:
    library, app_id, body, now = await _call(request)
    library.publishing.delete(app_id, body.get("article_id"), body_fields.integer(body, "index", 0), now)
    return wechat_json(OK)


async def publish_getarticle(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    return wechat_json({"news_item": library.publishing.published(app_id, body.get("article_id")).news_item()})


async def publish_batchget(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    (offset, count), no_content = body_fields.page(body), body_fields.flag(body, "no_content")
    jobs = library.publishing.of_app(app_id)
    items = [
        {
            "article_id": job.article_id,
            "content": {"news_item": job.news_item(no_content=no_content)},
            "update_time": job.update_time,
        }
        for job in jobs[offset : offset + count]
    ]
    return wechat_json(_page(len(jobs), items))


# -- comments -------------------------------------------------------------------------------

CommentAction = Callable[[Thread, dict[str, Any], float], None]

COMMENT_ACTIONS: dict[str, CommentAction] = {
    "open": lambda thread, _body, _now: thread.set_open(True),
    "close": lambda thread, _body, _now: thread.set_open(False),
    "markelect": lambda thread, body, _now: thread.mark(body.get("user_comment_id"), elected=True),
    "unmarkelect": lambda thread, body, _now: thread.mark(body.get("user_comment_id"), elected=False),
    "delete": lambda thread, body, _now: thread.delete(body.get("user_comment_id")),
    "reply/add": lambda thread, body, now: thread.reply(body.get("user_comment_id"), body.get("content"), now),
    "reply/delete": lambda thread, body, _now: thread.delete_reply(body.get("user_comment_id")),
}


def comment_action(action: CommentAction) -> Handler:
    async def handle(request: web.Request) -> web.Response:
        library, app_id, body, now = await _call(request)
        action(library.thread(app_id, body), body, now)
        return wechat_json(OK)

    return handle


async def comment_list(request: web.Request) -> web.Response:
    library, app_id, body, _ = await _call(request)
    thread = library.thread(app_id, body)
    kind = body_fields.integer(body, "type", 0)
    if kind not in {member.value for member in ListType}:
        raise ApiError(ErrCode.INVALID_ARGS)
    begin, count = body_fields.integer(body, "begin", 0), body_fields.integer(body, "count", 0)
    total, comments = thread.page(begin, count, ListType(kind))
    return wechat_json({**OK, "total": total, "comment": comments})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/cgi-bin/draft/add", draft_add)
    app.router.add_post("/cgi-bin/draft/get", draft_get)
    app.router.add_post("/cgi-bin/draft/delete", draft_delete)
    app.router.add_post("/cgi-bin/draft/update", draft_update)
    app.router.add_post("/cgi-bin/draft/batchget", draft_batchget)
    app.router.add_get("/cgi-bin/draft/count", draft_count, allow_head=False)
    app.router.add_post("/cgi-bin/freepublish/submit", publish_submit)
    app.router.add_post("/cgi-bin/freepublish/get", publish_get)
    app.router.add_post("/cgi-bin/freepublish/delete", publish_delete)
    app.router.add_post("/cgi-bin/freepublish/getarticle", publish_getarticle)
    app.router.add_post("/cgi-bin/freepublish/batchget", publish_batchget)
    app.router.add_post("/cgi-bin/comment/list", comment_list)
    for name, action in COMMENT_ACTIONS.items():
        app.router.add_post(f"/cgi-bin/comment/{name}", comment_action(action))
