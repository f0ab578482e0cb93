"""The ``/_control/`` calls of the messaging world: what people do on their phones (a worker accepts an
invitation and goes online, a follower waits, chats, subscribes to a notification), what tests set
(library templates and titles, canned smart answers, a day's broadcast quota), and ending broadcast
jobs now."""

from typing import Any, Literal

import structlog
from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body
from sandbox.fake_wechat.control_content import _error
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.subscribe import Keyword, Title
from sandbox.fake_wechat.templates import INDUSTRIES, CategoryTemplate

log = structlog.get_logger(__name__)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AccountBody(_Body):
    app_id: str
    kf_account: str
    accept: bool = True  # invitation: accepted or refused
    online: bool = True


class FollowersBody(_Body):
    app_id: str
    openids: list[str] = Field(min_length=1)


class RecordBody(_Body):
    openid: str
    worker: str
    text: str
    from_worker: bool = True
    time: int | None = None


class RecordsBody(_Body):
    app_id: str
    records: list[RecordBody] = Field(min_length=1)


class LibraryKeyword(_Body):
    name: str = Field(min_length=1)
    type: str = Field(default="thing", pattern=r"^[a-z_]+$")


class LibraryTemplateBody(_Body):
    template_id_short: str = Field(min_length=1)
    title: str = Field(min_length=1)
    industry: int = Field(default=1, ge=1, le=len(INDUSTRIES))
    keywords: list[LibraryKeyword] = Field(min_length=1)


class GrantBody(_Body):
    app_id: str
    openid: str
    template_id: str
    count: int = Field(default=1, ge=1)  # sends of a one-time template
    cancel: bool = False


class OnceBody(_Body):
    app_id: str
    openid: str
    template_id: str
    scene: int = Field(ge=0, le=10_000)


class TitleKeyword(_Body):
    kid: int = Field(ge=1)
    name: str
    rule: str = Field(pattern=r"^[a-z_]+$")
    example: str = ""


class TitleBody(_Body):
    tid: int = Field(ge=1)
    title: str
    type: Literal[2, 3] = 2
    category_id: int
    keywords: list[TitleKeyword] = Field(min_length=1)


class CategoriesBody(_Body):
    app_id: str
    categories: list[dict[str, Any]]


class FinishBody(_Body):
    app_id: str | None = None
    msg_id: int | None = None
    status: str = Field(default="send success", pattern=r"^(send success|send fail|err\(\d+\))$")
    errors: int = Field(default=0, ge=0)
    check_state: int = Field(default=1, ge=1, le=3)


class MassSettingsBody(_Body):
    seconds: float | None = Field(default=None, ge=0)  # how long a job takes to send, on the fake's clock
    app_id: str | None = None
    daily_quota: int | None = Field(default=None, ge=0)  # with app_id: broadcasts a day (45028 past it)


class SmartBody(_Body):
    path: str | None = None
    answer: dict[str, Any] | None = None
    voice_id: str | None = None
    text: str | None = None
    source: str | None = None
    translation: str | None = None


def _now(request: web.Request) -> float:
    return request.app[FAKE].clock.time()


def _refused(exc: ApiError | ValueError) -> web.HTTPException:
    message = exc.errmsg if isinstance(exc, ApiError) else str(exc)
    return _error(web.HTTPConflict, message)


async def messaging(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    app_ids = [request.query["app_id"]] if request.query.get("app_id") else sorted(fake.state.apps)
    now = fake.clock.time()
    return web.json_response({app_id: fake.state.messaging.describe(app_id, now) for app_id in app_ids})


async def kf_invitation(request: web.Request) -> web.Response:
    body = await parse_body(request, AccountBody)
    team = request.app[FAKE].state.messaging.kf(known_app(request, body.app_id))
    try:
        account = team.answer_invitation(body.kf_account, body.accept, _now(request))
    except (ApiError, ValueError) as exc:
        raise _refused(exc) from None
    return web.json_response(account.listing(_now(request)))


async def kf_online(request: web.Request) -> web.Response:
    body = await parse_body(request, AccountBody)
    team = request.app[FAKE].state.messaging.kf(known_app(request, body.app_id))
    try:
        team.bound(body.kf_account).online = body.online
    except ApiError as exc:
        raise _refused(exc) from None
    return web.json_response({"kf_online_list": team.online_listing()})


async def kf_waiting(request: web.Request) -> web.Response:
    body = await parse_body(request, FollowersBody)
    team = request.app[FAKE].state.messaging.kf(known_app(request, body.app_id))
    for openid in body.openids:
        team.waiting[openid] = int(_now(request))
    return web.json_response(team.wait_cases())


async def kf_exchanges(request: web.Request) -> web.Response:
    """Followers wrote to the account just now (what "typing" needs within 30 s)."""
    body = await parse_body(request, FollowersBody)
    team = request.app[FAKE].state.messaging.kf(known_app(request, body.app_id))
    for openid in body.openids:
        team.interactions[openid] = _now(request)
    return web.json_response(DONE)


async def kf_records(request: web.Request) -> web.Response:
    body = await parse_body(request, RecordsBody)
    team = request.app[FAKE].state.messaging.kf(known_app(request, body.app_id))
    now = int(_now(request))
    msgids = [
        team.record(r.openid, r.worker, r.text, from_worker=r.from_worker, time=r.time if r.time is not None else now)
        for r in body.records
    ]
    return web.json_response({"msgids": msgids})


async def library_template(request: web.Request) -> web.Response:
    body = await parse_body(request, LibraryTemplateBody)
    keywords = tuple((k.name, k.type) for k in body.keywords)
    template = CategoryTemplate(body.template_id_short, body.title, body.industry, keywords)
    request.app[FAKE].state.messaging.templates.library[template.number] = template
    return web.json_response(DONE)


class BlockBody(_Body):
    app_id: str
    msgid: int  # a template send's msgid


async def block_template(request: web.Request) -> web.Response:
    """WeChat intercepted a template message the account sent: queryblocktmplmsg finds it."""
    body = await parse_body(request, BlockBody)
    state = request.app[FAKE].state
    app_id = known_app(request, body.app_id)
    sent = next((m for m in state.outbox.sent if m.app_id == app_id and m.msgid == body.msgid), None)
    if sent is None or sent.kind != "template":
        raise _error(web.HTTPNotFound, "no template message with this msgid")
    template = state.messaging.templates.templates(app_id).get(str(sent.body.get("template_id")))
    record = state.messaging.blocked.block(sent, template.source.title if template is not None else "")
    return web.json_response(record.info())


async def subscribe_grant(request: web.Request) -> web.Response:
    body = await parse_body(request, GrantBody)
    desk = request.app[FAKE].state.messaging.subscribe
    app_id = known_app(request, body.app_id)
    try:
        if body.cancel:
            desk.cancel(app_id, body.openid, body.template_id)
        else:
            desk.subscribe(app_id, body.openid, body.template_id, body.count)
    except ApiError as exc:
        raise _refused(exc) from None
    return web.json_response(DONE)


async def subscribe_once(request: web.Request) -> web.Response:
    body = await parse_body(request, OnceBody)
    desk = request.app[FAKE].state.messaging.subscribe
    desk.allow_once(known_app(request, body.app_id), body.openid, body.template_id, body.scene)
    return web.json_response(DONE)


async def subscribe_title(request: web.Request) -> web.Response:
    body = await parse_body(request, TitleBody)
    keywords = tuple(Keyword(k.kid, k.name, k.rule, k.example) for k in body.keywords)
    title = Title(body.tid, body.title, body.type, body.category_id, keywords)
    request.app[FAKE].state.messaging.subscribe.titles[title.tid] = title
    return web.json_response(DONE)


async def subscribe_categories(request: web.Request) -> web.Response:
    body = await parse_body(request, CategoriesBody)
    request.app[FAKE].state.messaging.subscribe.categories[known_app(request, body.app_id)] = body.categories
    return web.json_response(DONE)


async def mass_finish(request: web.Request) -> web.Response:
    body = await parse_body(request, FinishBody)
    fake = request.app[FAKE]
    mass, now = fake.state.messaging.mass, fake.clock.time()
    jobs = mass.pending(body.app_id, body.msg_id)
    if body.msg_id is not None and not jobs:
        raise _error(web.HTTPNotFound, "no broadcast job sending with that msg_id")
    for job in jobs:
        mass.end(job, now, status=body.status, errors=body.errors, check_state=body.check_state)
    log.info("fake_wechat_mass_jobs_ended", msg_ids=[job.msg_id for job in jobs], status=body.status)
    return web.json_response({"ended": [job.describe() for job in jobs]})


async def mass_settings(request: web.Request) -> web.Response:
    body = await parse_body(request, MassSettingsBody)
    mass = request.app[FAKE].state.messaging.mass
    if body.seconds is not None:
        mass.mass_seconds = body.seconds
    if body.app_id is not None:
        app_id = known_app(request, body.app_id)
        if body.daily_quota is None:
            mass.daily_quota.pop(app_id, None)
        else:
            mass.daily_quota[app_id] = body.daily_quota
    return web.json_response(DONE)


async def smart(request: web.Request) -> web.Response:
    body = await parse_body(request, SmartBody)
    desk = request.app[FAKE].state.messaging.smart
    if body.path is not None and body.answer is not None:
        desk.answers[body.path] = body.answer
    if body.voice_id is not None and body.text is not None:
        desk.transcripts[body.voice_id] = body.text
    if body.source is not None and body.translation is not None:
        desk.translations[body.source] = body.translation
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/_control/messaging", messaging)
    app.router.add_post("/_control/kf/invitation", kf_invitation)
    app.router.add_post("/_control/kf/online", kf_online)
    app.router.add_post("/_control/kf/waiting", kf_waiting)
    app.router.add_post("/_control/kf/exchanges", kf_exchanges)
    app.router.add_post("/_control/kf/records", kf_records)
    app.router.add_post("/_control/templates/library", library_template)
    app.router.add_post("/_control/templates/block", block_template)
    app.router.add_post("/_control/subscribe/grant", subscribe_grant)
    app.router.add_post("/_control/subscribe/once", subscribe_once)
    app.router.add_post("/_control/subscribe/titles", subscribe_title)
    app.router.add_post("/_control/subscribe/categories", subscribe_categories)
    app.router.add_post("/_control/mass/finish", mass_finish)
    app.router.add_post("/_control/mass/settings", mass_settings)
    app.router.add_post("/_control/smart", smart)
