"""The fake WeChat's app factory: the ``/cgi-bin/`` API behind its edge middleware, and the ``/_control/`` API."""

from aiohttp import web

from sandbox.fake_wechat import api, api_account, api_content, api_datacube, api_messaging, control, observe
from sandbox.fake_wechat import oauth as web_authorization
from sandbox.fake_wechat import once_routes as once_subscription
from sandbox.fake_wechat.account_admin import routes as account_admin
from sandbox.fake_wechat.card_extras import routes as card_extras
from sandbox.fake_wechat.cards import routes as cards
from sandbox.fake_wechat.cityservice import routes as cityservice
from sandbox.fake_wechat.clock import Clock, SystemClock
from sandbox.fake_wechat.config import FakeWeChatConfig
from sandbox.fake_wechat.context import FAKE, FakeContext
from sandbox.fake_wechat.devices import routes as devices
from sandbox.fake_wechat.edge import wechat_edge
from sandbox.fake_wechat.guide import routes as guide
from sandbox.fake_wechat.invoices import routes as invoices
from sandbox.fake_wechat.marketcode import routes as marketcode
from sandbox.fake_wechat.nontax import routes as nontax
from sandbox.fake_wechat.publisher import routes as publisher
from sandbox.fake_wechat.scan import routes as scan
from sandbox.fake_wechat.shakearound import routes as shakearound
from sandbox.fake_wechat.shop_cards import routes as shop_cards
from sandbox.fake_wechat.state import FakeWeChatState
from sandbox.fake_wechat.stores import routes as stores
from sandbox.fake_wechat.wifi import routes as wifi
from sandbox.fake_wechat.wxopen import routes as wxopen

# Above WeChat's largest upload (a 20 MB permanent video) so that the fake, not aiohttp, answers an oversized one.
MAX_BODY_BYTES = 32 * 1024 * 1024


def create_app(config: FakeWeChatConfig, *, clock: Clock | None = None) -> web.Application:
    """A fake ``api.weixin.qq.com``; pass a ``ManualClock`` to travel in time without sleeping."""
    app = web.Application(middlewares=[wechat_edge], client_max_size=MAX_BODY_BYTES)
    app[FAKE] = FakeContext(FakeWeChatState(config), clock if clock is not None else SystemClock())
    api.add_routes(app)
    api_content.add_routes(app)
    api_account.add_routes(app)
    api_datacube.add_routes(app)  # /datacube/: the statistics reports
    api_messaging.add_routes(app)  # customer service, templates, subscriptions, broadcasts, smart interfaces
    marketcode.add_routes(app)  # /intp/marketcode/: 一物一码
    devices.add_routes(app)  # /device/: 设备功能
    wxopen.add_routes(app)  # /cgi-bin/wxopen/: linked mini programs, QR code jump rules
    scan.add_routes(app)  # /scan/: 扫一扫 product pages
    shakearound.add_routes(app)  # /shakearound/: 摇一摇周边
    account_admin.add_routes(app)  # auto-reply rules, the draft box switch, changeopenid
    guide.add_routes(app)  # /cgi-bin/guide/: 对话能力
    card_extras.add_routes(app)
    stores.add_routes(app)  # /cgi-bin/poi/ and the 门店小程序's /wxa/: 微信门店
    wifi.add_routes(app)  # /bizwifi/: 微信连Wi-Fi
    cards.add_routes(app)  # /card/: 卡券's cards, codes, member cards
    invoices.add_routes(app)  # /card/invoice/: 微信发票
    nontax.add_routes(app)  # /nontax/: 非税缴费
    publisher.add_routes(app)  # /publisher/stat: 流量主 reports
    cityservice.add_routes(app)  # /cityservice/sendchannelmsg: 微信就医助手
    shop_cards.add_routes(app)  # /channels/ec/service/product/getcardinfo: 微信小店 product cards
    control.add_routes(app)
    observe.add_routes(app)
    web_authorization.add_routes(app)  # connect/oauth2/authorize, sns/*, the JS-SDK stand-in
    once_subscription.add_routes(app)  # mp/subscribemsg: 一次性订阅消息's authorisation page
    return app
