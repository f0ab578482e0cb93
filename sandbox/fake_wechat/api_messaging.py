"""WeChat's messaging endpoints, part 2: customer service and the template library (this module), and
subscription notifications; broadcasts in ``api_mass``, the smart interfaces in ``api_smart``, their
``/_control/`` calls in ``control_messaging``. Decode the call, ask the state, encode WeChat's answer."""

from typing import Any

from aiohttp import web

from sandbox.fake_wechat import api_mass, api_smart, control_messaging
from sandbox.fake_wechat.audience import Group
from sandbox.fake_wechat.caller import OK, authorized
from sandbox.fake_wechat.context import FakeContext
from sandbox.fake_wechat.edge import json_body, wechat_json
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.kf import KfTeam
from sandbox.fake_wechat.media_rules import MB
from sandbox.fake_wechat.uploads import read_upload

HEADIMG_BYTES = 5 * MB
HEADIMG_FORMATS = (".jpg", ".jpeg")


async def _kf(request: web.Request) -> tuple[FakeContext, KfTeam, str, float]:
    fake, app_id, now = authorized(request)
    return fake, fake.state.messaging.kf(app_id), app_id, now


async def _kf_body(request: web.Request) -> tuple[FakeContext, KfTeam, str, float, dict[str, Any]]:
    fake, team, app_id, now = await _kf(request)
    return fake, team, app_id, now, await json_body(request)


# -- customer-service accounts -------------------------------------------------------------------


async def kf_add(request: web.Request) -> web.Response:
    _, team, _, _, body = await _kf_body(request)
    team.add(body.get("kf_account"), body.get("nickname"))
    return wechat_json(OK)


async def kf_update(request: web.Request) -> web.Response:
    _, team, _, _, body = await _kf_body(request)
    team.update(body.get("kf_account"), body.get("nickname"))
    return wechat_json(OK)


async def kf_del(request: web.Request) -> web.Response:
    _, team, _, _, body = await _kf_body(request)
    team.delete(body.get("kf_account"))
    return wechat_json(OK)


async def kf_headimg(request: web.Request) -> web.Response:
    _, team, _, _ = await _kf(request)
    account = team.account(request.query.get("kf_account")).kf_account
    upload = await read_upload(request, max_bytes=HEADIMG_BYTES + MB)
    jpg = upload.filename.lower().endswith(HEADIMG_FORMATS) or upload.content_type.startswith("image/jp")
    if not jpg:
        raise ApiError(ErrCode.INVALID_FILE_TYPE)
    if not upload.data or len(upload.data) > HEADIMG_BYTES:
        raise ApiError(ErrCode.INVALID_IMAGE_SIZE)
    team.set_headimg(account, f"kf{len(upload.data)}")
    return wechat_json(OK)


async def kf_invite(request: web.Request) -> web.Response:
    _, team, _, now, body = await _kf_body(request)
    team.invite(body.get("kf_account"), body.get("invite_wx"), now)
    return wechat_json(OK)


async def kf_list(request: web.Request) -> web.Response:
    _, team, _, now = await _kf(request)
    return wechat_json({"kf_list": team.listing(now)})


async def kf_online(request: web.Request) -> web.Response:
    _, team, _, _ = await _kf(request)
    return wechat_json({"kf_online_list": team.online_listing()})


# -- sessions, the record, typing ----------------------------------------------------------------


async def session_create(request: web.Request) -> web.Response:
    fake, team, app_id, now, body = await _kf_body(request)
    team.create_session(body.get("kf_account"), fake.state.audience.openid(app_id, body.get("openid")), now)
    return wechat_json(OK)


async def session_close(request: web.Request) -> web.Response:
    fake, team, app_id, _, body = await _kf_body(request)
    team.close_session(body.get("kf_account"), fake.state.audience.openid(app_id, body.get("openid")))
    return wechat_json(OK)


async def session_get(request: web.Request) -> web.Response:
    fake, team, app_id, _ = await _kf(request)
    return wechat_json(team.session_of(fake.state.audience.openid(app_id, request.query.get("openid"))))


async def session_list(request: web.Request) -> web.Response:
    _, team, _, _ = await _kf(request)
    return wechat_json({"sessionlist": team.sessions_of(request.query.get("kf_account"))})


async def wait_case(request: web.Request) -> web.Response:
    _, team, _, _ = await _kf(request)
    return wechat_json(team.wait_cases())


async def msg_list(request: web.Request) -> web.Response:
    _, team, _, _, body = await _kf_body(request)
    return wechat_json(team.record_page(body))


async def typing(request: web.Request) -> web.Response:
    fake, team, app_id, now, body = await _kf_body(request)
    audience = fake.state.audience
    openid = audience.openid(app_id, body.get("touser"))
    if audience.has(app_id, Group.OUTSIDE_WINDOW, openid) or audience.has(app_id, Group.UNSUBSCRIBED, openid):
        raise ApiError(ErrCode.OUT_OF_RESPONSE_WINDOW)
    sent = [m.wall for m in fake.state.outbox.sent if m.app_id == app_id and m.body.get("touser") == openid]
    if sent:  # a customer-service message to the follower is an exchange too
        team.interactions[openid] = max(team.interactions.get(openid, sent[-1]), sent[-1])
    team.typing(openid, body.get("command"), now)
    return wechat_json(OK)


# -- the template library ------------------------------------------------------------------------


async def set_industry(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    fake.state.messaging.templates.set_industry(app_id, await json_body(request), now)
    return wechat_json(OK)


async def get_industry(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json(fake.state.messaging.templates.industry(app_id))


async def add_template(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    template = fake.state.messaging.templates.add(app_id, await json_body(request))
    return wechat_json({**OK, "template_id": template.template_id})


async def all_templates(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({"template_list": fake.state.messaging.templates.listing(app_id)})


async def del_template(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    fake.state.messaging.templates.delete(app_id, (await json_body(request)).get("template_id"))
    return wechat_json(OK)


async def query_blocked(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({**OK, **fake.state.messaging.blocked.query(app_id, await json_body(request))})


# -- subscription notifications ------------------------------------------------------------------


async def bizsend(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    body = await json_body(request)
    openid = fake.state.audience.openid(app_id, body.get("touser"))
    notice = fake.state.messaging.subscribe.send(app_id, openid, body, now)
    return wechat_json({**OK, "msgid": notice.msgid})


async def subscribe_once(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    body = await json_body(request)
    openid = fake.state.audience.openid(app_id, body.get("touser"))
    fake.state.messaging.subscribe.send_once(app_id, openid, body)
    return wechat_json(OK)


async def categories(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({**OK, "data": fake.state.messaging.subscribe.categories_of(app_id)})


async def pub_titles(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    return wechat_json({**OK, **fake.state.messaging.subscribe.title_page(app_id, dict(request.query))})


async def pub_keywords(request: web.Request) -> web.Response:
    fake, _, _ = authorized(request)
    return wechat_json({**OK, **fake.state.messaging.subscribe.keywords(request.query.get("tid"))})


async def new_template(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    template = fake.state.messaging.subscribe.add(app_id, await json_body(request))
    return wechat_json({**OK, "priTmplId": template.pri_tmpl_id})


async def my_templates(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    templates = fake.state.messaging.subscribe.templates(app_id).values()
    return wechat_json({**OK, "data": [template.listing() for template in templates]})


async def delete_template(request: web.Request) -> web.Response:
    fake, app_id, _ = authorized(request)
    fake.state.messaging.subscribe.delete(app_id, (await json_body(request)).get("priTmplId"))
    return wechat_json(OK)


def add_routes(app: web.Application) -> None:
    post, get = app.router.add_post, app.router.add_get
    post("/customservice/kfaccount/add", kf_add)
    post("/customservice/kfaccount/update", kf_update)
    post("/customservice/kfaccount/del", kf_del)
    post("/customservice/kfaccount/uploadheadimg", kf_headimg)
    post("/customservice/kfaccount/inviteworker", kf_invite)
    get("/cgi-bin/customservice/getkflist", kf_list, allow_head=False)
    get("/cgi-bin/customservice/getonlinekflist", kf_online, allow_head=False)
    post("/customservice/kfsession/create", session_create)
    post("/customservice/kfsession/close", session_close)
    get("/customservice/kfsession/getsession", session_get, allow_head=False)
    get("/customservice/kfsession/getsessionlist", session_list, allow_head=False)
    get("/customservice/kfsession/getwaitcase", wait_case, allow_head=False)
    post("/customservice/msgrecord/getmsglist", msg_list)
    post("/cgi-bin/message/custom/typing", typing)
    post("/cgi-bin/template/api_set_industry", set_industry)
    get("/cgi-bin/template/get_industry", get_industry, allow_head=False)
    post("/cgi-bin/template/api_add_template", add_template)
    get("/cgi-bin/template/get_all_private_template", all_templates, allow_head=False)
    post("/cgi-bin/template/del_private_template", del_template)
    post("/wxa/sec/queryblocktmplmsg", query_blocked)
    post("/cgi-bin/message/subscribe/bizsend", bizsend)
    post("/cgi-bin/message/template/subscribe", subscribe_once)
    get("/wxaapi/newtmpl/getcategory", categories, allow_head=False)
    get("/wxaapi/newtmpl/getpubtemplatetitles", pub_titles, allow_head=False)
    get("/wxaapi/newtmpl/getpubtemplatekeywords", pub_keywords, allow_head=False)
    post("/wxaapi/newtmpl/addtemplate", new_template)
    get("/wxaapi/newtmpl/gettemplate", my_templates, allow_head=False)
    post("/wxaapi/newtmpl/deltemplate", delete_template)
    api_mass.add_routes(app)
    api_smart.add_routes(app)
    control_messaging.add_routes(app)
