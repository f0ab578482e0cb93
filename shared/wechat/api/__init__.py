"""The typed WeChat API: one small class per group, reached from one ``WeChatApi`` per account.

    api = WeChatApi(transport, "wx1234")
    await api.menu.create(Menu(button=[...]))
    async for openid in api.users.all():
        ...

The groups: ``base``, ``menu``, ``media``, ``material``, ``draft``, ``freepublish``, ``comment``,
``users``, ``tags``, ``blacklist``, ``qrcode``, ``shorten``, ``datacube``; ``kf``, ``template``,
``subscribe``, ``mass``, ``ocr``, ``img``, ``voice``; ``card`` (卡券: cards, ``card.codes``,
``card.members``), ``submerchant``, ``card_coins``,
``giftcard`` (卡券's extensions); ``marketcode`` (一物一码), ``wxopen`` (linked mini programs), ``device`` (设备功能);
``guide`` (对话能力); ``poi`` (微信门店); ``wifi`` (微信连Wi-Fi); ``shakearound`` (摇一摇周边);
``invoice`` (微信发票); ``nontax`` (非税缴费); ``goods`` (微信商品库 v2); ``publisher`` (流量主 reports);
``cityservice`` (微信就医助手). Each method validates what WeChat
validates before anything is sent (``shared.wechat.models``: a ``ValidationError`` or
``ValueError``, and nothing reaches WeChat) and calls its catalogued endpoint through the
transport; lists are iterators over every page (``all()``, ``members()``), and calls with a
batch limit cut a longer list into batches. ``api.call`` reaches any other catalogued endpoint
with a plain body.
"""

from typing import Any

from shared.wechat.api.base import BaseApi
from shared.wechat.api.blacklist import BlacklistApi
from shared.wechat.api.card import CardApi
from shared.wechat.api.card_extras import CardCoinsApi, GiftCardApi, SubMerchantApi
from shared.wechat.api.cityservice import CityServiceApi
from shared.wechat.api.comment import CommentApi
from shared.wechat.api.datacube import DatacubeApi
from shared.wechat.api.device import DeviceApi
from shared.wechat.api.draft import DraftApi
from shared.wechat.api.freepublish import FreePublishApi
from shared.wechat.api.goods import GoodsApi
from shared.wechat.api.group import ApiGroup
from shared.wechat.api.guide import GuideApi
from shared.wechat.api.invoice import InvoiceApi
from shared.wechat.api.kf import KfApi
from shared.wechat.api.marketcode import MarketCodeApi
from shared.wechat.api.mass import MassApi
from shared.wechat.api.material import MaterialApi
from shared.wechat.api.media import MediaApi
from shared.wechat.api.menu import MenuApi
from shared.wechat.api.nontax import NonTaxApi
from shared.wechat.api.poi import PoiApi
from shared.wechat.api.publisher import PublisherApi
from shared.wechat.api.qrcode import QrCodeApi
from shared.wechat.api.shakearound import ShakeAroundApi
from shared.wechat.api.shorten import ShortenApi
from shared.wechat.api.smart import ImgApi, OcrApi, VoiceApi
from shared.wechat.api.subscribe import SubscribeApi
from shared.wechat.api.tags import TagsApi
from shared.wechat.api.template import TemplateApi
from shared.wechat.api.users import UsersApi
from shared.wechat.api.wifi import WifiApi
from shared.wechat.api.wxopen import WxOpenApi
from shared.wechat.catalogue import Catalogue, default_catalogue
from shared.wechat.transport import Media, Transport


class WeChatApi(ApiGroup):
    def __init__(self, transport: Transport, app_id: str, catalogue: Catalogue | None = None) -> None:
        catalogue = catalogue if catalogue is not None else default_catalogue()
        super().__init__(transport, app_id, catalogue)
        self.base = BaseApi(transport, app_id, catalogue)
        self.menu = MenuApi(transport, app_id, catalogue)
        self.media = MediaApi(transport, app_id, catalogue)
        self.material = MaterialApi(transport, app_id, catalogue)
        self.draft = DraftApi(transport, app_id, catalogue)
        self.freepublish = FreePublishApi(transport, app_id, catalogue)
        self.comment = CommentApi(transport, app_id, catalogue)
        self.users = UsersApi(transport, app_id, catalogue)
        self.tags = TagsApi(transport, app_id, catalogue)
        self.blacklist = BlacklistApi(transport, app_id, catalogue)
        self.qrcode = QrCodeApi(transport, app_id, catalogue)
        self.shorten = ShortenApi(transport, app_id, catalogue)
        self.datacube = DatacubeApi(transport, app_id, catalogue)
        self.kf = KfApi(transport, app_id, catalogue)
        self.template = TemplateApi(transport, app_id, catalogue)
        self.subscribe = SubscribeApi(transport, app_id, catalogue)
        self.mass = MassApi(transport, app_id, catalogue)
        self.ocr = OcrApi(transport, app_id, catalogue)
        self.img = ImgApi(transport, app_id, catalogue)
        self.voice = VoiceApi(transport, app_id, catalogue)
        self.card = CardApi(transport, app_id, catalogue)
        self.submerchant = SubMerchantApi(transport, app_id, catalogue)
        self.card_coins = CardCoinsApi(transport, app_id, catalogue)
        self.giftcard = GiftCardApi(transport, app_id, catalogue)
        self.guide = GuideApi(transport, app_id, catalogue)
        self.marketcode = MarketCodeApi(transport, app_id, catalogue)
        self.wxopen = WxOpenApi(transport, app_id, catalogue)
        self.device = DeviceApi(transport, app_id, catalogue)
        self.poi = PoiApi(transport, app_id, catalogue)
        self.wifi = WifiApi(transport, app_id, catalogue)
        self.shakearound = ShakeAroundApi(transport, app_id, catalogue)
        self.invoice = InvoiceApi(transport, app_id, catalogue)
        self.nontax = NonTaxApi(transport, app_id, catalogue)
        self.goods = GoodsApi(transport, app_id, catalogue)
        self.publisher = PublisherApi(transport, app_id, catalogue)
        self.cityservice = CityServiceApi(transport, app_id, catalogue)

    async def call(self, path: str, **body: Any) -> dict[str, Any] | Media:
        """Any catalogued endpoint, by WeChat's path (``KeyError`` for one the catalogue lacks), with
        ``params``, ``json``, ``upload`` and ``fields`` as ``shared.wechat.transport.Call`` takes them."""
        return await self._send(path, **body)
