"""微信连Wi-Fi: what the bizwifi calls take, validated as WeChat validates them, and what they answer.

A password network's ssid is 1–32 characters, its password 8–24 ASCII characters, and one of the
two starts with "WX" (``device/add``; ``shop/update`` too, for a password network); a portal
network's ssid is 1–30 characters when registered and 1–32 when renamed, with no "WX" rule. A bssid is
six hex pairs joined by colons, sent in lower case (``00:1f:7a:ad:5c:a8``). Lists take ``pageindex`` from 1
and ``pagesize`` 1–20. Statistics cover at most 30 China days, ``shop_id`` -1 for every store.
A card placement's description is at most 18 characters, for one store or 0 (every store).
"""

from datetime import date
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

PREFIX = "WX"
MAX_SSID, MAX_PORTAL_SSID = 32, 30
MIN_PASSWORD, MAX_PASSWORD = 8, 24
MAX_PAGE_SIZE = 20
MAX_STATISTICS_DAYS = 30
MAX_CARD_DESCRIBE = 18
ALL_SHOPS = -1  # statistics of every store
EVERY_STORE = 0  # a card placement for every store
BSSID_PATTERN = r"^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$"  # sent in lower case, as WeChat shows it
PASSWORD, PORTAL = 4, 31  # protocol_type of a store's network


def _ascii(value: str) -> str:
    if not value.isascii():
        raise ValueError("a Wi-Fi password is ASCII: no Chinese characters")
    return value


ShopId = Annotated[int, Field(strict=True, ge=1)]
Ssid = Annotated[str, Field(min_length=1, max_length=MAX_SSID)]
Password = Annotated[str, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD), AfterValidator(_ascii)]
Bssid = Annotated[str, Field(pattern=BSSID_PATTERN), AfterValidator(str.lower)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Text = Annotated[str, Field(min_length=1)]


class _Body(BaseModel):
    # A refusal's text never repeats the input: it may hold a Wi-Fi password, and errors get logged.
    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class PageRequest(_Body):
    pageindex: Annotated[int, Field(strict=True, ge=1)] = 1
    pagesize: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE_SIZE)] = MAX_PAGE_SIZE
    shop_id: ShopId | None = None  # device/list only


class PasswordNetwork(_Body):
    """``device/add``."""

    shop_id: ShopId
    ssid: Ssid
    password: Password

    @model_validator(mode="after")
    def _wx(self) -> Self:
        if not (self.ssid.startswith(PREFIX) or self.password.startswith(PREFIX)):
            raise ValueError('the ssid or the password starts with "WX"')
        return self


class PortalNetwork(_Body):
    """``apportal/register``."""

    shop_id: ShopId
    ssid: Annotated[str, Field(min_length=1, max_length=MAX_PORTAL_SSID)]  # "WX" is device/add's rule, not this
    reset: bool = False


class NetworkChange(_Body):
    """``shop/update``: rename ``old_ssid``; a password network may change its password too."""

    shop_id: ShopId
    old_ssid: Ssid
    ssid: Ssid
    password: Password | None = None

    @model_validator(mode="after")
    def _wx(self) -> Self:
        if self.password is not None and not (self.ssid.startswith(PREFIX) or self.password.startswith(PREFIX)):
            raise ValueError('the ssid or the password starts with "WX"')
        return self


class DeviceDeletion(_Body):
    bssid: Bssid


class QrCodeRequest(_Body):
    shop_id: ShopId
    ssid: Ssid
    img_id: Literal[0, 1] = 0  # the bare QR code, the printable sign


MiniProgramName = Annotated[str, Field(pattern=r"^gh_\w+$")]  # a linked mini program's original id


class Homepage(_Body):
    """``homepage/set``: WeChat's default page (0), the merchant's ``url`` (1), or a linked mini program (2)."""

    shop_id: ShopId
    template_id: Literal[0, 1, 2]
    struct: dict[str, str] | None = None

    @classmethod
    def default(cls, shop_id: int) -> "Homepage":
        return cls(shop_id=shop_id, template_id=0)

    @classmethod
    def web(cls, shop_id: int, url: str) -> "Homepage":
        return cls(shop_id=shop_id, template_id=1, struct={"url": url})

    @classmethod
    def mini_program(cls, shop_id: int, wxa_user_name: str, wxa_path: str) -> "Homepage":
        return cls(shop_id=shop_id, template_id=2, struct={"wxa_user_name": wxa_user_name, "wxa_path": wxa_path})

    @model_validator(mode="after")
    def _struct_fits(self) -> Self:
        struct = self.struct or {}
        expected = {0: set(), 1: {"url"}, 2: {"wxa_user_name", "wxa_path"}}[self.template_id]
        if set(struct) != expected or not all(struct.values()):
            raise ValueError("template 0 takes no struct, 1 struct.url, 2 struct.wxa_user_name and struct.wxa_path")
        if "url" in struct:
            _Link.model_validate({"url": struct["url"]})
        if "wxa_user_name" in struct:
            _Link.model_validate({"wxa_user_name": struct["wxa_user_name"]})
        return self


class _Link(BaseModel):
    url: Url | None = None
    wxa_user_name: MiniProgramName | None = None


class Bar(_Body):
    shop_id: ShopId
    bar_type: Literal[0, 1, 2, 3]  # 欢迎光临/已连接 + the account's / the store's name


class FinishPage(_Body):
    """``finishpage/set``: a web page (type 0) or a mini program linked to the account (type 1)."""

    shop_id: ShopId
    finishpage_type: Literal[0, 1] = 0
    finishpage_url: Url | None = None
    wxa_user_name: MiniProgramName | None = None
    wxa_path: Text | None = None

    @model_validator(mode="after")
    def _one_page(self) -> Self:
        web = self.finishpage_url is not None
        mini = self.wxa_user_name is not None and self.wxa_path is not None
        if (self.finishpage_type == 0 and not web) or (self.finishpage_type == 1 and not mini):
            raise ValueError("type 0 takes finishpage_url; type 1 wxa_user_name (gh_…) and wxa_path")
        return self


class StatisticsRequest(_Body):
    begin_date: date
    end_date: date
    shop_id: Annotated[int, Field(strict=True, ge=ALL_SHOPS)] = ALL_SHOPS

    @model_validator(mode="after")
    def _span(self) -> Self:
        days = (self.end_date - self.begin_date).days + 1
        if not 1 <= days <= MAX_STATISTICS_DAYS or self.shop_id == 0:
            raise ValueError(f"1 to {MAX_STATISTICS_DAYS} days, begin first; shop_id a store or -1")
        return self


class CouponPut(_Body):
    """``couponput/set``: the card offered after a connection, from ``start_time`` to ``end_time`` (unix seconds)."""

    shop_id: Annotated[int, Field(strict=True, ge=EVERY_STORE)]
    card_id: Text
    card_describe: Annotated[str, Field(min_length=1, max_length=MAX_CARD_DESCRIBE)]
    start_time: Annotated[int, Field(strict=True, ge=1)]
    end_time: Annotated[int, Field(strict=True, ge=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start_time >= self.end_time:
            raise ValueError("start_time is before end_time")
        return self


# -- answers -------------------------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True, hide_input_in_errors=True)  # shop/get has the password


class ShopRecord(_Answer):
    shop_id: int
    shop_name: str = ""
    ssid: str = ""
    ssid_list: list[str] = Field(default_factory=list)
    protocol_type: int = 0
    sid: str = ""
    poi_id: str = ""


class DeviceRecord(_Answer):
    shop_id: int
    ssid: str
    bssid: str
    protocol_type: int = 0


class WifiPage(_Answer):
    totalcount: int
    pageindex: int
    pagecount: int
    records: list[dict[str, Any]] = Field(default_factory=list)


class ShopWifi(_Answer):
    """``shop/get``: a store's network and the pages around it."""

    shop_name: str = ""
    ssid: str = ""
    ssid_list: list[str] = Field(default_factory=list)
    ssid_password_list: list[dict[str, str]] = Field(default_factory=list)
    password: str = ""
    protocol_type: int = 0
    ap_count: int = 0
    template_id: int = 0
    homepage_url: str = ""
    bar_type: int = 0
    sid: str = ""
    poi_id: str = ""
    homepage_wxa_user_name: str = ""
    homepage_wxa_path: str = ""
    finishpage_type: int = 0
    finishpage_url: str = ""
    finishpage_wxa_user_name: str = ""
    finishpage_wxa_path: str = ""


class HomepageInfo(_Answer):
    shop_id: int
    template_id: int
    url: str = ""
    wxa_user_name: str = ""  # template 2
    wxa_path: str = ""


class PluginState(_Answer):
    is_open: bool
    wifi_token: str = ""


class DayFigures(_Answer):
    """A row of ``statistics/list``: one China day (``statis_time`` its midnight in milliseconds)."""

    shop_id: int | str
    statis_time: int
    total_user: int = 0
    homepage_uv: int = 0
    new_fans: int = 0
    total_fans: int = 0
    wxconnect_user: int = 0
    connect_msg_user: int = 0


class CouponPlacement(_Answer):
    shop_id: int
    card_status: Literal[0, 1, 2]  # on, not yet, over
    card_id: str
    card_describe: str = ""
    start_date: int = 0
    end_date: int = 0
