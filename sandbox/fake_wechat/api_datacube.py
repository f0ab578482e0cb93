"""WeChat's statistics endpoints (``POST /datacube/{report}``): decode the call, ask ``datacube``, answer its JSON."""

from aiohttp import web

from sandbox.fake_wechat import datacube
from sandbox.fake_wechat.caller import authorized
from sandbox.fake_wechat.datacube_cards import CARD_REPORTS
from sandbox.fake_wechat.edge import json_body, wechat_json


async def report(request: web.Request) -> web.Response:
    fake, app_id, now = authorized(request)
    body = await json_body(request)
    name = request.path.rsplit("/", 1)[-1]
    made = [(card.card_id, card.card_type) for card in fake.state.cards.of(app_id).cards.cards.values()]
    return wechat_json(datacube.answer(name, body, datacube.figures(fake.state.directory, app_id), now, made))


def add_routes(app: web.Application) -> None:
    for name in [*datacube.REPORTS, *CARD_REPORTS]:
        app.router.add_post(f"/datacube/{name}", report)
