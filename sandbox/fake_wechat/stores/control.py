"""``/_control/stores/*``: a test plays the account's past, its administrator and WeChat's reviewers.

- ``poi`` ``{"app_id", "base_info", "available_state"}``: a 门店管理 store the account added before
  2024-07-05; answers ``{"poi_id"}``.
- ``confirm`` ``{"app_id", "confirmed"}``: the administrator confirms (or declines) the 门店小程序 application.
- ``review`` ``{"app_id", "audit_id", "approved", "reason"}``: WeChat's verdict on the merchant, a store,
  a store's change or a map point (its ``base_id``).
"""

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.errors import ApiError


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str


class LegacyStore(_Body):
    base_info: dict[str, Any]
    available_state: int = Field(default=3, ge=1, le=4)


class Confirmation(_Body):
    confirmed: bool = True


class Verdict(_Body):
    audit_id: int
    approved: bool = True
    reason: str = ""


async def seed(request: web.Request) -> web.Response:
    body = await parse_body(request, LegacyStore)
    stores = request.app[FAKE].state.stores
    poi_id = stores.seed_legacy(known_app(request, body.app_id), body.base_info, body.available_state)
    return web.json_response({"poi_id": poi_id})


async def confirm(request: web.Request) -> web.Response:
    body = await parse_body(request, Confirmation)
    try:
        request.app[FAKE].state.stores.confirm(known_app(request, body.app_id), body.confirmed)
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


async def review(request: web.Request) -> web.Response:
    body = await parse_body(request, Verdict)
    try:
        request.app[FAKE].state.stores.review(
            known_app(request, body.app_id), body.audit_id, body.approved, body.reason
        )
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/stores/poi", seed)
    app.router.add_post("/_control/stores/confirm", confirm)
    app.router.add_post("/_control/stores/review", review)
