"""WeChat's content endpoints: temporary media and permanent materials here, drafts, publishing and
comments in ``api_articles``, the library's ``/_control/`` calls in ``control_content``. Each handler
decodes the call, asks the library, encodes WeChat's answer."""

from aiohttp import web

from sandbox.fake_wechat import api_articles, body_fields, control_content
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.media_rules import ARTICLE_IMAGE, PERMANENT, TEMPORARY, Kind, kind_of
from sandbox.fake_wechat.media_store import IMAGE_KINDS, StoredMedia
from sandbox.fake_wechat.uploads import read_upload

CDN_PATH = "/_cdn/"
# The voice the JS-SDK records (wx.uploadVoice) downloads from media/get/jssdk as 16 kHz speex.
JSSDK_VOICE_TYPE = "voice/speex"
LISTED_MATERIALS = {Kind.IMAGE: IMAGE_KINDS, Kind.VOICE: frozenset({Kind.VOICE}), Kind.VIDEO: frozenset({Kind.VIDEO})}


def media_file(media: StoredMedia, content_type: str | None = None) -> web.Response:
    """A download as WeChat serves one: the bytes, their type, and a ``MEDIA_ID.ext`` attachment name."""
    headers = {
        "Content-disposition": f'attachment; filename="{media.download_name}"',
        "Cache-Control": "no-cache, must-revalidate",
    }
    return web.Response(body=media.data, content_type=content_type or media.content_type, headers=headers)


def download_url(request: web.Request, media: StoredMedia) -> str:
    """Where the fake serves a video's bytes (WeChat answers a CDN URL for videos instead of the bytes)."""
    return f"{request.url.origin()}{CDN_PATH}{media.media_id}"


# -- temporary media ------------------------------------------------------------------------


async def media_upload(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    kind = kind_of(request.query.get("type"))
    upload = await read_upload(request, max_bytes=TEMPORARY[kind].max_bytes)
    media = fake.state.library.media.upload(app_id, kind, upload, now)
    id_name = "thumb_media_id" if kind is Kind.THUMB else "media_id"  # sic: WeChat names a thumb's id so
    return wechat_json({"type": kind.value, id_name: media.media_id, "created_at": media.created_at, "item": []})


async def media_get(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    media = fake.state.library.media.temporary(app_id, request.query.get("media_id"), now)
    if media.kind is Kind.VIDEO:
        return wechat_json({"video_url": download_url(request, media)})
    return media_file(media)


async def media_get_jssdk(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    media = fake.state.library.media.temporary(app_id, request.query.get("media_id"), now)
    if media.kind is not Kind.VOICE:
        raise ApiError(ErrCode.INVALID_MEDIA_ID)
    return media_file(media, JSSDK_VOICE_TYPE)


async def uploadimg(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    upload = await read_upload(request, max_bytes=ARTICLE_IMAGE.max_bytes)
    return wechat_json({"url": fake.state.library.media.upload_article_image(app_id, upload, now).url})


async def cdn(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    media = fake.state.library.media.downloadable(request.match_info["media_id"], fake.clock.time())
    if media is None:
        raise web.HTTPNotFound()
    return media_file(media)


# -- permanent materials --------------------------------------------------------------------


async def add_material(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    kind = kind_of(request.query.get("type"))
    upload = await read_upload(request, max_bytes=PERMANENT[kind].max_bytes)
    media = fake.state.library.media.add_material(app_id, kind, upload, now)
    url = {} if media.url is None else {"url": media.url}
    return wechat_json({"media_id": media.media_id, **url, "item": []})


async def get_material(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    media = fake.state.library.media.material(app_id, (await json_body(request)).get("media_id"))
    if media.kind is Kind.VIDEO:
        return wechat_json(
            {"title": media.title, "description": media.introduction, "down_url": download_url(request, media)}
        )
    return media_file(media)


async def del_material(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    fake.state.library.media.delete_material(app_id, (await json_body(request)).get("media_id"))
    return wechat_json(OK)


async def get_materialcount(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json(fake.state.library.media.counts(app_id))


def _listed(media: StoredMedia) -> dict[str, object]:
    item: dict[str, object] = {"media_id": media.media_id, "name": media.filename, "update_time": media.created_at}
    return item if media.url is None else item | {"url": media.url}


async def batchget_material(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    body = await json_body(request)
    kind = body.get("type")
    if kind == "news":  # articles are drafts now: the news library stays empty
        body_fields.page(body)
        return wechat_json({"total_count": 0, "item_count": 0, "item": []})
    kinds = LISTED_MATERIALS[kind_of(kind, allowed=frozenset(LISTED_MATERIALS))]
    offset, count = body_fields.page(body)
    found = fake.state.library.media.materials(app_id, kinds)
    items = [_listed(media) for media in found[offset : offset + count]]
    return wechat_json({"total_count": len(found), "item_count": len(items), "item": items})


async def shut_down(request: web.Request) -> web.Response:
    """``add_news``/``update_news``: WeChat took them down in 2022 (articles are drafts now) and answers 45106."""
    authorized(request)
    raise ApiError(ErrCode.API_UNSUPPORTED)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/cgi-bin/media/upload", media_upload)
    app.router.add_get("/cgi-bin/media/get", media_get, allow_head=False)
    app.router.add_get("/cgi-bin/media/get/jssdk", media_get_jssdk, allow_head=False)
    app.router.add_post("/cgi-bin/media/uploadimg", uploadimg)
    app.router.add_post("/cgi-bin/material/add_material", add_material)
    app.router.add_post("/cgi-bin/material/get_material", get_material)
    app.router.add_post("/cgi-bin/material/del_material", del_material)
    app.router.add_get("/cgi-bin/material/get_materialcount", get_materialcount, allow_head=False)
    app.router.add_post("/cgi-bin/material/batchget_material", batchget_material)
    app.router.add_post("/cgi-bin/material/add_news", shut_down)
    app.router.add_post("/cgi-bin/material/update_news", shut_down)
    app.router.add_get(CDN_PATH + "{media_id}", cdn, allow_head=False)
    api_articles.add_routes(app)
    control_content.add_routes(app)
