"""WeChat's account endpoints: conditional menus, followers, tags and the blacklist (this module), the
base endpoints, QR code pictures and short keys (``api_base``). Decode the call, ask the directory,
encode WeChat's answer."""

from typing import Any

from aiohttp import web

from sandbox.fake_wechat import api_base, control_account
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.directory import Directory
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.state import FakeWeChatState


async def _call(request: web.Request) -> tuple[FakeWeChatState, Directory, str, dict[str, Any]]:
    """The state, the directory, the calling app and the JSON body of an authorized POST."""
    fake, app_id, _ = authorized(request)
    return fake.state, fake.state.directory, app_id, await json_body(request)


def _tag(body: dict[str, Any]) -> dict[str, Any]:
    tag = body.get("tag")
    if not isinstance(tag, dict):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return tag


# -- conditional menus ---------------------------------------------------------------------------


async def add_conditional(request: web.Request) -> web.Response:
    state, directory, app_id, body = await _call(request)
    menuid = directory.menus.add(app_id, state.menus.get(app_id), body)
    return wechat_json({"menuid": str(menuid)})


async def del_conditional(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.menus.delete(app_id, body.get("menuid"))
    return wechat_json(OK)


async def try_match(request: web.Request) -> web.Response:
    state, directory, app_id, body = await _call(request)
    menu, _ = directory.try_match(app_id, state.menus.get(app_id), body.get("user_id"))
    return wechat_json(menu)


# -- followers -----------------------------------------------------------------------------------


async def user_get(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json(fake.state.directory.user_page(app_id, request.query.get("next_openid")))


async def user_info(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    query = request.query
    return wechat_json(fake.state.directory.user_info(app_id, query.get("openid"), query.get("lang")))


async def user_batchget(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    return wechat_json({"user_info_list": directory.batch_info(app_id, body)})


async def update_remark(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.update_remark(app_id, body)
    return wechat_json(OK)


# -- tags ----------------------------------------------------------------------------------------


async def tags_create(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    return wechat_json({"tag": directory.tags(app_id).create(_tag(body).get("name"))})


async def tags_get(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({"tags": fake.state.directory.tags(app_id).listing()})


async def tags_update(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    tag = _tag(body)
    directory.tags(app_id).update(tag.get("id"), tag.get("name"))
    return wechat_json(OK)


async def tags_delete(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.delete_tag(app_id, _tag(body))
    return wechat_json(OK)


async def tags_of_user(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    return wechat_json({"tagid_list": directory.tag_ids(app_id, body.get("openid"))})


async def batch_tagging(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.tagging(app_id, body, tag=True)
    return wechat_json(OK)


async def batch_untagging(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.tagging(app_id, body, tag=False)
    return wechat_json(OK)


async def tag_members(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    return wechat_json(directory.tag_page(app_id, body))


# -- blacklist -----------------------------------------------------------------------------------


async def blacklist_get(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    return wechat_json(directory.blacklist_page(app_id, body))


async def blacklist_add(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.blacklisting(app_id, body, add=True)
    return wechat_json(OK)


async def blacklist_remove(request: web.Request) -> web.Response:
    _, directory, app_id, body = await _call(request)
    directory.blacklisting(app_id, body, add=False)
    return wechat_json(OK)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/cgi-bin/menu/addconditional", add_conditional)
    app.router.add_post("/cgi-bin/menu/delconditional", del_conditional)
    app.router.add_post("/cgi-bin/menu/trymatch", try_match)
    app.router.add_get("/cgi-bin/user/get", user_get, allow_head=False)
    app.router.add_get("/cgi-bin/user/info", user_info, allow_head=False)
    app.router.add_post("/cgi-bin/user/info/batchget", user_batchget)
    app.router.add_post("/cgi-bin/user/info/updateremark", update_remark)
    app.router.add_post("/cgi-bin/tags/create", tags_create)
    app.router.add_get("/cgi-bin/tags/get", tags_get, allow_head=False)
    app.router.add_post("/cgi-bin/tags/update", tags_update)
    app.router.add_post("/cgi-bin/tags/delete", tags_delete)
    app.router.add_post("/cgi-bin/tags/getidlist", tags_of_user)
    app.router.add_post("/cgi-bin/tags/members/batchtagging", batch_tagging)
    app.router.add_post("/cgi-bin/tags/members/batchuntagging", batch_untagging)
    app.router.add_post("/cgi-bin/user/tag/get", tag_members)
    app.router.add_post("/cgi-bin/tags/members/getblacklist", blacklist_get)
    app.router.add_post("/cgi-bin/tags/members/batchblacklist", blacklist_add)
    app.router.add_post("/cgi-bin/tags/members/batchunblacklist", blacklist_remove)
    api_base.add_routes(app)
    control_account.add_routes(app)
