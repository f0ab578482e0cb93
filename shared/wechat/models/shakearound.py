"""摇一摇周边: what ``shakearound/*`` take and answer.

WeChat measures a text in letters, a CJK character counting two: a page's title is at most 6 CJK
characters or 12 letters, its description 7 / 14, a comment 15 / 30, a reason for device IDs 100 / 200.
A device is named by its ``device_id`` or by its full ``uuid``/``major``/``minor``. At most 10,000
devices an account, 50 a query, 30 pages a device, 1,000 devices a group call; statistics cover at
most 30 days. The red-packet lottery's are in ``shake_lottery``.
"""

import enum
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.media import MB, Limit
from shared.wechat.models.text_width import width

DAY = 86400
CHINA_OFFSET = 8 * 3600
MAX_DEVICES = 10_000
MANUAL_REVIEW = 500  # an application of this many devices or more waits for WeChat's reviewers
MAX_QUERY = 50
MAX_PAGES_PER_DEVICE = 30
MAX_GROUP_BATCH = 1000
MAX_GROUP_PAGE = 1000
MAX_STATS_DAYS = 30
COMMENT_WIDTH = 30
MATERIAL = Limit(2 * MB, frozenset({"jpg", "jpeg", "png", "gif"}))


def china_day(moment: int) -> int:
    """The number of the China (UTC+8) day holding ``moment``: WeChat counts statistics days so."""
    return (moment + CHINA_OFFSET) // DAY


def _most(letters: int) -> AfterValidator:
    def check(value: str) -> str:
        if width(value) > letters:
            raise ValueError(f"at most {letters // 2} CJK characters or {letters} letters (got {value!r})")
        return value

    return AfterValidator(check)


Text = Annotated[str, Field(min_length=1)]
Title = Annotated[str, Field(min_length=1), _most(12)]
Description = Annotated[str, Field(min_length=1), _most(14)]
Comment = Annotated[str, _most(COMMENT_WIDTH)]
Id = Annotated[int, Field(strict=True, ge=0)]


class MaterialKind(enum.StrEnum):
    ICON = "icon"  # a page's icon: square, at most 200×200 pixels
    LICENSE = "license"  # a qualification for the registration


class ShakeRequest(BaseModel):
    """A request body: only the fields WeChat reads, checked before anything is sent.

    A refusal's text never repeats the input: a lottery's body holds its signing ``key``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


class ShakeAnswer(BaseModel):
    """What WeChat answers, keeping any field it adds."""

    model_config = ConfigDict(extra="allow", frozen=True)


class DeviceIdentifier(ShakeRequest):
    """A device: its ``device_id``, or its full ``uuid``/``major``/``minor`` (WeChat prefers the id)."""

    device_id: Id | None = None
    uuid: str | None = None
    major: Id | None = None
    minor: Id | None = None

    @model_validator(mode="after")
    def _named(self) -> Self:
        if not self.device_id and (not self.uuid or self.major is None or self.minor is None):
            raise ValueError("a device is named by device_id or by all of uuid, major and minor")
        return self


Device = int | DeviceIdentifier


def identifier(device: Device) -> dict[str, Any]:
    return (device if isinstance(device, DeviceIdentifier) else DeviceIdentifier(device_id=device)).body()


class Registration(ShakeRequest):
    """``account/register``: who asks to open 摇一摇周边 and why (reviewed within three working days)."""

    name: Annotated[str, Field(min_length=1), _most(40)]
    phone_number: Text
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]
    industry_id: Text
    qualification_cert_urls: list[Text] = Field(default_factory=list)  # material/add type=license pic_urls
    apply_reason: Annotated[str, _most(500)] | None = None  # at most 250 CJK characters or 500 letters


class DeviceApplication(ShakeRequest):
    quantity: Annotated[int, Field(strict=True, ge=1, le=MAX_DEVICES)]
    apply_reason: Annotated[str, Field(min_length=1), _most(200)]
    comment: Comment | None = None
    poi_id: Id | None = None  # a store: its devices are shaken first within 1 km


class Page(ShakeRequest):
    """What a shake shows: ``icon_url`` is a ``material/add`` icon's pic_url."""

    title: Title
    description: Description
    page_url: Annotated[str, Field(pattern=r"^https?://")]
    icon_url: Annotated[str, Field(pattern=r"^https?://")]
    comment: Comment | None = None


class PageChange(Page):
    page_id: Id


class GroupName(ShakeRequest):
    group_name: Annotated[str, Field(min_length=1), _most(200)]  # at most 100 CJK characters or 200 letters


class StatsRange(ShakeRequest):
    """Whole China (UTC+8) days from ``begin_date``'s to ``end_date``'s (Unix times; at most 30; not today)."""

    begin_date: Id
    end_date: Id

    @model_validator(mode="after")
    def _span(self) -> Self:
        days = china_day(self.end_date) - china_day(self.begin_date)
        if self.end_date < self.begin_date or days >= MAX_STATS_DAYS:
            raise ValueError(f"statistics cover 1 to {MAX_STATS_DAYS} days, begin_date first")
        return self


class AuditStatus(ShakeAnswer):
    """A review: 0 rejected, 1 under review, 2 approved; ``audit_time`` 0 until decided."""

    audit_status: int
    audit_comment: str = ""
    apply_time: int = 0
    audit_time: int = 0


class Application(ShakeAnswer):
    apply_id: int
    audit_status: int
    audit_comment: str = ""


class DeviceInfo(ShakeAnswer):
    device_id: int
    uuid: str
    major: int
    minor: int
    comment: str = ""
    poi_id: int = 0
    status: int = 0  # 1 once it has been active
    last_active_time: int = 0


class DevicePage(ShakeAnswer):
    devices: list[DeviceInfo] = Field(default_factory=list)
    total_count: int = 0


class PageInfo(ShakeAnswer):
    page_id: int
    title: str = ""
    description: str = ""
    icon_url: str = ""
    page_url: str = ""
    comment: str = ""


class PagePage(ShakeAnswer):
    pages: list[PageInfo] = Field(default_factory=list)
    total_count: int = 0


class Relation(ShakeAnswer):
    device_id: int
    page_id: int
    uuid: str = ""
    major: int = 0
    minor: int = 0


class RelationPage(ShakeAnswer):
    relations: list[Relation] = Field(default_factory=list)
    total_count: int = 0


class Group(ShakeAnswer):
    group_id: int
    group_name: str = ""


class GroupPage(ShakeAnswer):
    groups: list[Group] = Field(default_factory=list)
    total_count: int = 0


class GroupDetail(Group):
    total_count: int = 0
    devices: list[dict[str, Any]] = Field(default_factory=list)


class Beacon(ShakeAnswer):
    uuid: str
    major: int
    minor: int
    distance: float = 0.0  # metres from the phone


class ShakeInfo(ShakeAnswer):
    """Who shook which device to reach which page (``poi_id`` only when asked and the device has a store)."""

    page_id: int
    openid: str
    beacon_info: Beacon
    poi_id: int | None = None


class DayFigures(ShakeAnswer):
    ftime: int  # the day's midnight
    shake_pv: int = 0
    shake_uv: int = 0
    click_pv: int = 0
    click_uv: int = 0
