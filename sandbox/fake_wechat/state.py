"""The fake's whole world and WeChat's policy over it, with no I/O: every method takes ``now``.

Apps and their secrets, tokens and tickets, daily quotas, the stable_token force-refresh
limits, menus, QR codes, recorded sends, injected faults and call counts.
"""

import hmac
from typing import Any

from pydantic import SecretStr

from sandbox.fake_wechat.account_admin.state import AccountAdmin
from sandbox.fake_wechat.audience import Audience
from sandbox.fake_wechat.card_extras.state import CardExtras
from sandbox.fake_wechat.cards.state import Cards
from sandbox.fake_wechat.cityservice.state import CityService
from sandbox.fake_wechat.config import FakeApp, FakeWeChatConfig
from sandbox.fake_wechat.devices.state import Devices
from sandbox.fake_wechat.directory import Directory
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.faults import CallCounter, Faults
from sandbox.fake_wechat.guide import GuideBook
from sandbox.fake_wechat.invoices.state import Invoices
from sandbox.fake_wechat.library import Library
from sandbox.fake_wechat.marketcode.state import Marketcodes
from sandbox.fake_wechat.menus import validate_menu
from sandbox.fake_wechat.messages import check_custom, check_template
from sandbox.fake_wechat.messaging import Messaging
from sandbox.fake_wechat.nontax.state import NonTax
from sandbox.fake_wechat.outbox import Outbox, SentMessage
from sandbox.fake_wechat.publisher.state import Publisher
from sandbox.fake_wechat.qrcodes import QrCodes
from sandbox.fake_wechat.quota import DailyCounter
from sandbox.fake_wechat.scan.goods import Goods
from sandbox.fake_wechat.scan.state import Products
from sandbox.fake_wechat.shakearound.state import ShakeAround
from sandbox.fake_wechat.shop_cards.state import ShopCards
from sandbox.fake_wechat.stores.state import Stores
from sandbox.fake_wechat.tickets import Ticket, TicketBook
from sandbox.fake_wechat.tokens import Family, Token, TokenBook
from sandbox.fake_wechat.wifi.state import Wifi
from sandbox.fake_wechat.wxopen.state import MiniPrograms

TOKEN_QUOTA = "token"
STABLE_TOKEN_QUOTA = "stable_token"
FORCE_REFRESH_QUOTA = "stable_token_force_refresh"


class FakeWeChatState:
    def __init__(self, config: FakeWeChatConfig) -> None:
        self.initial = config
        self.reset()

    def reset(self) -> None:
        """Back to the starting configuration: no tokens, sends, faults, counts or changed policy."""
        self.config = self.initial
        self.apps: dict[str, SecretStr] = {app.app_id: app.app_secret for app in self.initial.apps}
        self.tokens = TokenBook()
        self.tickets = TicketBook()
        self.quota = DailyCounter()
        self.outbox = Outbox()
        self.audience = Audience()
        self.menus: dict[str, dict[str, Any]] = {}
        self.qrcodes = QrCodes()
        self.library = Library()
        self.directory = Directory()
        self.messaging = Messaging()
        self.card_extras = CardExtras()
        self.cards = Cards()  # 卡券: cards, their codes, member cards
        self.invoices = Invoices()  # 微信发票: merchants, platforms, card packages, titles
        self.guide = GuideBook()  # 对话能力: guides, the followers they serve, tags, materials, jobs
        self.marketcodes = Marketcodes()
        self.devices = Devices()
        self.nontax = NonTax()  # 非税缴费: receivables, orders, refunds, statements
        self.publisher = Publisher()  # 流量主: which accounts are, their ad income reports
        self.cityservice = CityService()  # 就医助手: which accounts enabled it, the messages they pushed
        self.shop_cards = ShopCards()  # 微信小店: each account's products, their cards for articles
        self.mini_programs = MiniPrograms()
        self.products = Products()
        self.goods = Goods()  # 微信商品库 v2
        self.shakearound = ShakeAround()  # 摇一摇周边: registration, devices, pages, groups, shakes, lotteries
        self.account_admin = AccountAdmin()
        self.stores = Stores()  # 微信门店: 门店管理, the 门店小程序, Tencent Maps' points
        self.wifi = Wifi()  # 微信连Wi-Fi: stores' networks, devices, pages, card placements
        self.faults = Faults(self.initial.latency_ms)
        self.calls = CallCounter()
        self._last_force_refresh: dict[str, float] = {}

    def configure(self, **changes: Any) -> None:
        """Change the running policy (lifetimes, quotas); validated like the config."""
        self.config = FakeWeChatConfig.model_validate({**self.config.model_dump(), **changes})

    def add_app(self, app: FakeApp) -> None:
        self.apps[app.app_id] = app.app_secret

    # -- credentials -------------------------------------------------------------------------

    def _authenticate(self, grant_type: object, appid: object, secret: object) -> str:
        if grant_type != "client_credential":
            raise ApiError(ErrCode.INVALID_GRANT_TYPE)
        if not isinstance(appid, str) or not appid:
            raise ApiError(ErrCode.APPID_MISSING)
        expected = self.apps.get(appid)
        if expected is None:
            raise ApiError(ErrCode.INVALID_APPID)
        if not isinstance(secret, str) or not secret:
            raise ApiError(ErrCode.APPSECRET_MISSING)
        if not hmac.compare_digest(secret.encode(), expected.get_secret_value().encode()):
            raise ApiError(ErrCode.INVALID_APPSECRET)
        return appid

    def _check_quota(self, app_id: str, name: str, limit: int, now: float) -> None:
        if self.quota.used(app_id, name, now) >= limit:
            raise ApiError(ErrCode.DAILY_QUOTA)

    def _issue(self, app_id: str, family: Family, now: float) -> Token:
        lifetime, grace = self.config.token_lifetime_seconds, self.config.grace_seconds
        return self.tokens.issue(app_id, family, now, lifetime=lifetime, grace=grace)

    def grant_token(self, grant_type: object, appid: object, secret: object, now: float) -> Token:
        """``/cgi-bin/token``: a new token on every call; the previous one keeps its grace period."""
        app_id = self._authenticate(grant_type, appid, secret)
        self._check_quota(app_id, TOKEN_QUOTA, self.config.daily_token_calls, now)
        self.quota.add(app_id, TOKEN_QUOTA, now)
        return self._issue(app_id, Family.TOKEN, now)

    def clear_quota(self, app_id: str, now: float) -> None:
        """Today's counts of every API forgotten: one of the month's 10 resets (48006 past them)."""
        self.directory.usage.use_clear(app_id, now)
        self.quota.clear(app_id)

    def clear_quota_with_secret(self, appid: object, secret: object, now: float) -> None:
        """``clear_quota/v2``: the reset by AppSecret, no token (41002/40013/41004/40125), sharing the 10."""
        self.clear_quota(self._authenticate("client_credential", appid, secret), now)

    def _stable_quota(self) -> tuple[str, int]:
        """stable_token calls count with /cgi-bin/token's unless they were given a daily limit of their own."""
        own_limit = self.config.daily_stable_token_calls
        return (TOKEN_QUOTA, self.config.daily_token_calls) if own_limit is None else (STABLE_TOKEN_QUOTA, own_limit)

    def grant_stable_token(
        self, grant_type: object, appid: object, secret: object, force_refresh: object, now: float
    ) -> Token:
        """``/cgi-bin/stable_token``: the current stable token, or a new one when forced (20 a day, 30 s apart)."""
        app_id = self._authenticate(grant_type, appid, secret)
        if not isinstance(force_refresh, bool):
            raise ApiError(ErrCode.INVALID_ARGS)
        quota, limit = self._stable_quota()
        self._check_quota(app_id, quota, limit, now)
        token = None
        if force_refresh:
            self._check_quota(app_id, FORCE_REFRESH_QUOTA, self.config.force_refresh_daily, now)
            last = self._last_force_refresh.get(app_id)
            if last is not None and now - last < self.config.force_refresh_interval_seconds:
                raise ApiError(ErrCode.MINUTE_QUOTA)
            self.quota.add(app_id, FORCE_REFRESH_QUOTA, now)
            self._last_force_refresh[app_id] = now
        else:
            token = self.tokens.current(app_id, Family.STABLE, now)
        self.quota.add(app_id, quota, now)
        return token or self._issue(app_id, Family.STABLE, now)

    def authorize(self, access_token: str | None, now: float) -> Token:
        """The valid token (of either family) a call carries, or 41001/40014/40001/42001."""
        return self.tokens.check(access_token, now)

    def issue_ticket(self, token: Token, ticket_type: str | None, now: float) -> Ticket:
        return self.tickets.issue(token.app_id, ticket_type, now, lifetime=self.config.ticket_lifetime_seconds)

    def expire(self, app_id: str, now: float) -> None:
        """The app's tokens and tickets expire now."""
        self.tokens.expire(app_id, now)
        self.tickets.expire(app_id, now)

    # -- messages, menus, QR codes -------------------------------------------------------------

    def send_template(self, token: Token, body: dict[str, Any], now: float, monotonic: float) -> int:
        openid = check_template(self.audience, token.app_id, body)
        message = SentMessage("template", token.app_id, body, token.value, now, monotonic)
        return self.outbox.template(message, openid, window=self.config.client_msg_id_window_seconds)

    def send_custom(self, token: Token, body: dict[str, Any], now: float, monotonic: float) -> None:
        check_custom(self.audience, token.app_id, body)
        self.outbox.custom(SentMessage("custom", token.app_id, body, token.value, now, monotonic))

    def create_menu(self, token: Token, body: dict[str, Any]) -> None:
        self.menus[token.app_id] = validate_menu(body)

    def menu(self, token: Token) -> dict[str, Any]:
        menu = self.menus.get(token.app_id)
        if menu is None:
            raise ApiError(ErrCode.MENU_NO_EXIST)
        return menu
