"""The ``/_control/`` commands for the account endpoints: seed and read followers, enforce an API's daily
limit, read failed calls' rids, set WeChat's addresses, read short keys."""

from typing import Any, Literal

from aiohttp import web
from pydantic import Field, model_validator

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.control_models import _Body
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.followers import LANGUAGES, SUBSCRIBE_SCENES

MAX_SEEDED = 1_000_000
OPENIDS_ECHOED = 1000


class FollowersBody(_Body):
    """Followers to add (``openids``, or ``count`` made-up ones) and openids that unfollow."""

    app_id: str
    openids: list[str] = Field(default_factory=list, max_length=MAX_SEEDED)
    count: int = Field(default=0, ge=0, le=MAX_SEEDED)
    unfollow: list[str] = Field(default_factory=list)
    tagid_list: list[int] = Field(default_factory=list, max_length=20)
    language: str = "zh_CN"
    unionid: str | None = None
    subscribe_scene: str = "ADD_SCENE_OTHERS"
    client_platform_type: Literal[0, 1, 2, 3] = 0

    @model_validator(mode="after")
    def _known_values(self) -> "FollowersBody":
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {sorted(LANGUAGES)}")
        if self.subscribe_scene not in SUBSCRIBE_SCENES:
            raise ValueError("subscribe_scene must be one of WeChat's ADD_SCENE_* values")
        if any(not openid for openid in self.openids):
            raise ValueError("an openid is not empty")
        return self

    def profile(self) -> dict[str, Any]:
        return self.model_dump(include={"language", "unionid", "subscribe_scene", "client_platform_type"})


class ApiQuotaBody(_Body):
    path: str = Field(pattern=r"^/")
    daily_limit: int | None = Field(ge=0)  # null: stop enforcing
    app_id: str = "*"


class RidsBody(_Body):
    in_errmsg: bool


class NetworkBody(_Body):
    callback_ips: list[str] | None = None
    api_domain_ips: list[str] | None = None
    server_ips: list[str] | None = None  # []: no callback URL is set (callback/check answers 40201)
    packet_loss: bool | None = None


async def seed_followers(request: web.Request) -> web.Response:
    body = await parse_body(request, FollowersBody)
    fake = request.app[FAKE]
    directory, app_id = fake.state.directory, known_app(request, body.app_id)
    try:
        for tid in body.tagid_list:
            directory.tags(app_id).known(tid)  # an unknown tag is refused before anyone is added
        openids = [*body.openids, *directory.new_openids(body.count)]
        added = directory.seed(app_id, openids, fake.clock.time(), tagids=body.tagid_list, **body.profile())
    except ApiError as exc:  # 45159 unknown tag, 45059 a follower past 20 tags
        raise refused(exc) from None
    for openid in body.unfollow:
        directory.unfollow(app_id, openid)
    total = len(directory.followers(app_id).following)
    return web.json_response({"app_id": app_id, "added": len(added), "total": total, "openids": added[:OPENIDS_ECHOED]})


async def read_followers(request: web.Request) -> web.Response:
    directory = request.app[FAKE].state.directory
    app_id = known_app(request, request.query.get("app_id", ""))
    book = directory.followers(app_id)
    limit = int(request.query.get("limit", "100")) if request.query.get("limit", "").isdigit() else 100
    shown = [follower.info() for openid in book.following.page("", limit) if (follower := book.get(openid))]
    answer = {"app_id": app_id, "total": len(book.following), "blacklisted": len(book.blacklist), "followers": shown}
    return web.json_response(answer)


async def api_quota(request: web.Request) -> web.Response:
    body = await parse_body(request, ApiQuotaBody)
    request.app[FAKE].state.directory.usage.enforce(body.path, body.daily_limit, body.app_id)
    return web.json_response(DONE)


async def rids_policy(request: web.Request) -> web.Response:
    body = await parse_body(request, RidsBody)
    request.app[FAKE].state.directory.rids.in_errmsg = body.in_errmsg
    return web.json_response(DONE)


async def rids(request: web.Request) -> web.Response:
    log = request.app[FAKE].state.directory.rids
    return web.json_response([call.describe() for call in log.of_app(request.query.get("app_id"))])


async def network(request: web.Request) -> web.Response:
    body = await parse_body(request, NetworkBody)
    state = request.app[FAKE].state.directory.network
    for name, value in body.model_dump(exclude_none=True).items():
        setattr(state, name, value)
    return web.json_response(state.describe())


async def shortlinks(request: web.Request) -> web.Response:
    fake = request.app[FAKE]
    app_id, now = known_app(request, request.query.get("app_id", "")), fake.clock.time()
    return web.json_response([link.describe(now) for link in fake.state.directory.shortlinks.of_app(app_id)])


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/followers", seed_followers)
    app.router.add_get("/_control/followers", read_followers)
    app.router.add_post("/_control/api-quota", api_quota)
    app.router.add_post("/_control/rids", rids_policy)
    app.router.add_get("/_control/rids", rids)
    app.router.add_post("/_control/network", network)
    app.router.add_get("/_control/shortlinks", shortlinks)
