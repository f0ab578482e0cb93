"""``/_control/shakearound/*``: a test plays WeChat's reviewers and the people who shake.

- ``registration`` ``{"app_id", "approved"}``: the registration's review outcome.
- ``application`` ``{"app_id", "apply_id", "approved"}``: a device application's review outcome.
- ``shake`` ``{"app_id", "device_id", "openid", "distance"?, "clicked"?}``: someone shakes near a device and
  (unless ``clicked`` is false) opens the page it shows; answers ``{"ticket", "page_id"}``.
"""

from typing import Annotated

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.shakearound.state import Account


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str


class Registration(_Body):
    approved: bool


class Application(_Body):
    apply_id: int
    approved: bool


class Shake(_Body):
    device_id: int
    openid: Annotated[str, Field(min_length=1)]
    distance: Annotated[float, Field(ge=0)] = 1.5
    clicked: bool = True


def _account(request: web.Request, app_id: str) -> Account:
    account: Account = request.app[FAKE].state.shakearound.of(known_app(request, app_id))
    return account


async def registration(request: web.Request) -> web.Response:
    body = await parse_body(request, Registration)
    try:
        _account(request, body.app_id).review_registration(body.approved, request.app[FAKE].clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


async def application(request: web.Request) -> web.Response:
    body = await parse_body(request, Application)
    devices = _account(request, body.app_id).devices
    try:
        devices.review(body.apply_id, approved=body.approved, now=request.app[FAKE].clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


async def shake(request: web.Request) -> web.Response:
    body = await parse_body(request, Shake)
    account = _account(request, body.app_id)
    now = request.app[FAKE].clock.time()
    try:
        ticket = account.shake(body.device_id, body.openid, now, distance=body.distance, clicked=body.clicked)
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response({"ticket": ticket, "page_id": account.shakes.read(ticket, now).page_id})


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/shakearound/registration", registration)
    app.router.add_post("/_control/shakearound/application", application)
    app.router.add_post("/_control/shakearound/shake", shake)
