"""``/_control/wifi/*``: a test plays 门店 and the people who connect.

- ``shop`` ``{"app_id", "shop_name", "poi_id"?, "audited"?}``: a new store; answers ``{"shop_id"}``.
- ``connect`` ``{"app_id", "shop_id", "ssid", "bssid", "openid"}``: someone connects through a device
  of the store's network (the device appears in ``device/list``; the connection counts in statistics).
"""

from typing import Annotated

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from sandbox.fake_wechat.context import FAKE
from sandbox.fake_wechat.control import DONE, known_app, parse_body, refused
from sandbox.fake_wechat.errors import ApiError

Text = Annotated[str, Field(min_length=1)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    app_id: str


class NewShop(_Body):
    shop_name: Text
    poi_id: str = ""
    audited: bool = True


class Connected(_Body):
    shop_id: int
    ssid: Text
    bssid: Text
    openid: Text


async def shop(request: web.Request) -> web.Response:
    body = await parse_body(request, NewShop)
    account = request.app[FAKE].state.wifi.of(known_app(request, body.app_id))
    return web.json_response({"shop_id": account.add_shop(body.shop_name, body.poi_id, audited=body.audited)})


async def connect(request: web.Request) -> web.Response:
    body = await parse_body(request, Connected)
    fake = request.app[FAKE]
    account = fake.state.wifi.of(known_app(request, body.app_id))
    try:
        account.connect(body.shop_id, body.ssid, body.bssid, body.openid, fake.clock.time())
    except ApiError as exc:
        raise refused(exc) from None
    return web.json_response(DONE)


def add_routes(app: web.Application) -> None:
    app.router.add_post("/_control/wifi/shop", shop)
    app.router.add_post("/_control/wifi/connect", connect)
