"""微信门店: what the store calls take, validated as WeChat validates them, and what they answer.

门店管理 (``cgi-bin/poi/``) lists at most 50 stores a page and lets ``updatepoi`` change only a
store's service fields (sid, photos, phone, hours, recommendation, specials, introduction, average
price): name, address and coordinates are fixed once reviewed. The 门店小程序 (``wxa/``) takes a
nickname of 4–30 characters (a Chinese character counts two), opening hours as ``HH:MM-HH:MM``,
store pictures as a JSON string ``{"list": [url, …]}`` (1–9 pictures) and lists at most 50 stores a page.
"""

import enum
import json
import re
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.request import WeChatRequest
from shared.wechat.models.text_width import width

MAX_PAGE = 50
DEFAULT_PAGE = 20
NICKNAME_WIDTH = (4, 30)
MAX_PICTURES = 9
MAX_QUALIFICATIONS = 5
HOURS = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
URL = r"^https?://\S+$"
UInt = Annotated[int, Field(strict=True, ge=0, le=2**63 - 1)]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=URL)]
PoiId = Annotated[str, Field(pattern=r"^\d{1,20}$")]


def _nickname(value: str) -> str:
    low, high = NICKNAME_WIDTH
    if not low <= width(value) <= high:
        raise ValueError(f"a nickname is {low}-{high} characters wide, a Chinese character counting two")
    return value


def _hours(value: str) -> str:
    if not HOURS.match(value):
        raise ValueError("opening hours are HH:MM-HH:MM, e.g. 10:00-21:00")
    return value


def _media_ids(value: str) -> str:
    if value and (len(value.split("|")) > MAX_QUALIFICATIONS or not all(value.split("|"))):
        raise ValueError(f"0-{MAX_QUALIFICATIONS} media_ids joined by '|', e.g. mediaid1|mediaid2")
    return value


Hours = Annotated[str, AfterValidator(_hours)]
MediaIds = Annotated[str, AfterValidator(_media_ids)]
Pictures = Annotated[list[Url], Field(min_length=1, max_length=MAX_PICTURES)]


class AuditStatus(enum.IntEnum):
    """A review's status, as ``get_merchant_audit_info`` and a store's ``status`` give it."""

    NOT_SUBMITTED = 0  # waiting for the account's administrator to confirm
    APPROVED = 1
    REVIEWING = 2
    REJECTED = 3
    ADMIN_REFUSED = 4


# -- 门店管理 (cgi-bin/poi) -------------------------------------------------------------------------


class Photo(WeChatRequest):
    photo_url: Url


class ServiceUpdate(WeChatRequest):
    """``updatepoi``: the service fields to overwrite; a field left out keeps its value."""

    poi_id: PoiId
    sid: Text | None = None
    telephone: Text | None = None
    photo_list: list[Photo] | None = None
    recommend: Text | None = None
    special: Text | None = None
    introduction: Text | None = None
    open_time: Text | None = None
    avg_price: UInt | None = None

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if not self.model_dump(exclude_none=True).keys() - {"poi_id"}:
            raise ValueError("name at least one service field to change")
        return self

    def body(self) -> dict[str, Any]:
        return {"business": {"base_info": super().body()}}


class LegacyPage(WeChatRequest):
    begin: UInt = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] = DEFAULT_PAGE


# -- 门店小程序 (wxa) ---------------------------------------------------------------------------------


class MerchantApplication(WeChatRequest):
    """``apply_merchant``: the 门店小程序's category, head image, nickname and introduction."""

    first_catid: UInt
    second_catid: UInt
    headimg_mediaid: Text  # a temporary image's media_id (jpg or png)
    nickname: Annotated[str, AfterValidator(_nickname)]
    intro: Text
    # The category's certificates, 0-5 temporary media_ids joined by '|': needed only when the
    # second-level category's sensitive_type is 1 (get_merchant_category says which).
    qualification_list: MediaIds = ""
    org_code: str = ""  # business licence, a media_id (when WeChat answers 85024)
    other_files: str = ""


class MerchantChange(WeChatRequest):
    """``modify_merchant``: an empty field is left as it is."""

    headimg_mediaid: str = ""
    intro: str = ""

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if not self.headimg_mediaid and not self.intro:
            raise ValueError("change the head image, the introduction or both")
        return self


class MapSearch(WeChatRequest):
    districtid: Annotated[int, Field(strict=True, gt=0)]
    keyword: Text


def _coordinate(limit: float) -> AfterValidator:
    def check(value: str) -> str:
        try:
            number = float(value)
        except ValueError:
            raise ValueError("a coordinate is a decimal number as a string") from None
        if not -limit <= number <= limit:
            raise ValueError(f"a coordinate lies within ±{limit}")
        return value

    return AfterValidator(check)


class MapPoint(WeChatRequest):
    """``create_map_poi``: a new Tencent Maps point (reviewed); ``poi_id`` only when moving a 门店管理 store."""

    name: Text
    longitude: Annotated[str, _coordinate(180)]
    latitude: Annotated[str, _coordinate(90)]
    province: Text
    city: Text
    district: Text
    address: Text
    category: Annotated[str, Field(pattern=r"^[^:]+:[^:]+$")]  # 一级:二级, e.g. 美食:中餐厅
    telephone: Text
    photo: Url
    license: Url
    introduct: Text  # WeChat's spelling
    districtid: Annotated[str, Field(pattern=r"^\d+$")]
    poi_id: str = ""


def picture_list(pictures: list[str]) -> str:
    """The ``pic_list`` WeChat takes: a JSON string ``{"list": [url, …]}``."""
    return json.dumps({"list": list(pictures)}, ensure_ascii=False, separators=(",", ":"))


class StoreDraft(WeChatRequest):
    """``add_store``: a store on a Tencent Maps point; ``poi_id`` only when moving a 门店管理 store."""

    map_poi_id: Annotated[str, Field(pattern=r"^\d+$")]
    pictures: Pictures
    contract_phone: Text
    hour: Hours
    credential: Text  # the business licence's or organisation code's number
    company_name: str = ""  # empty: the account's own company
    qualification_list: str = ""  # another company's proof, media_ids
    card_id: str = ""
    poi_id: str = ""

    def body(self) -> dict[str, Any]:
        fields = self.model_dump(mode="json", exclude={"pictures"})
        return {**fields, "pic_list": picture_list(self.pictures)}


class StoreChange(WeChatRequest):
    """``update_store``: a store's pictures, phone, hours and card (its name and place are the map's)."""

    poi_id: PoiId
    pictures: Pictures
    contract_phone: Text
    hour: Hours
    card_id: str = ""

    def body(self) -> dict[str, Any]:
        fields = self.model_dump(mode="json", exclude={"pictures"})
        return {**fields, "pic_list": picture_list(self.pictures)}


class StorePage(WeChatRequest):
    offset: UInt = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] = DEFAULT_PAGE


# -- answers -----------------------------------------------------------------------------------------


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class MerchantAudit(_Answer):
    """``get_merchant_audit_info``'s ``data``."""

    audit_id: int
    status: AuditStatus
    reason: str = ""


class StoreUpdate(_Answer):
    """``update_store``'s ``data``: whether the change waits for a review, and which."""

    has_audit_id: int
    audit_id: int = 0

    @property
    def reviewed(self) -> bool:
        return self.has_audit_id == 1


class StoreListPage(_Answer):
    business_list: list[dict[str, Any]] = Field(default_factory=list)
    total_count: int = 0

    def stores(self) -> list[dict[str, Any]]:
        """Each store's ``base_info``."""
        return [dict(item.get("base_info", {})) for item in self.business_list]
