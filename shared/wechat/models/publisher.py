"""流量主 reports (``publisher/stat``): one call's query, checked before anything is sent.

WeChat's rules: ``start_date`` ≤ ``end_date`` (``YYYY-MM-DD``), at most 90 days for
``publisher_adpos_general`` and 60 for ``publisher_cps_general`` (no limit for settlements),
``page`` from 1, ``page_size`` 1–90, ``ad_slot`` one of WeChat's slot names and only for the ad-slot
report. Data exists from 2016-01-01.
"""

from datetime import date
from enum import StrEnum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared.wechat.models.datacube import as_day

ADPOS: Final = "publisher_adpos_general"  # per ad slot and day
CPS: Final = "publisher_cps_general"  # 返佣商品 per day
SETTLEMENT: Final = "publisher_settlement"  # half-month settlements
Action = Literal["publisher_adpos_general", "publisher_cps_general", "publisher_settlement"]
MAX_DAYS: dict[str, int | None] = {ADPOS: 90, CPS: 60, SETTLEMENT: None}
MAX_PAGE_SIZE = 90
FIRST_DAY = date(2016, 1, 1)


class AdSlot(StrEnum):
    """广告位类型名称 of an Official Account."""

    BOTTOM = "SLOT_ID_BIZ_BOTTOM"  # 底部广告
    MID_CONTEXT = "SLOT_ID_BIZ_MID_CONTEXT"  # 文中广告
    VIDEO_END = "SLOT_ID_BIZ_VIDEO_END"  # 视频后贴
    SPONSOR = "SLOT_ID_BIZ_SPONSOR"  # 互选广告
    CPS = "SLOT_ID_BIZ_CPS"  # 返佣商品


class PublisherQuery(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    action: Action
    start_date: date
    end_date: date
    page: int = Field(default=1, ge=1, strict=True)
    page_size: int = Field(default=MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, strict=True)
    ad_slot: AdSlot | None = None

    @classmethod
    def of(cls, action: Action, start: date | str, end: date | str, **more: Any) -> "PublisherQuery":
        return cls(action=action, start_date=as_day(start), end_date=as_day(end), **more)

    @model_validator(mode="after")
    def _legal(self) -> "PublisherQuery":
        if self.start_date > self.end_date:
            raise ValueError(f"start_date {self.start_date} is after end_date {self.end_date}")
        if self.start_date < FIRST_DAY:
            raise ValueError(f"WeChat keeps 流量主 data from {FIRST_DAY} (start_date {self.start_date})")
        most = MAX_DAYS[self.action]
        if most is not None and self.days > most:
            raise ValueError(f"{self.action} covers at most {most} days a call (asked for {self.days})")
        if self.ad_slot is not None and self.action != ADPOS:
            raise ValueError(f"ad_slot is for {ADPOS} only")
        return self

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def params(self) -> dict[str, str]:
        """The query string WeChat reads (the access_token is the transport's)."""
        params = {
            "action": self.action, "page": str(self.page), "page_size": str(self.page_size),
            "start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat(),
        }  # fmt: skip
        if self.ad_slot is not None:
            params["ad_slot"] = self.ad_slot.value
        return params


class PublisherPage(BaseModel):
    """One page of a report: its rows (``list``, or ``settlement_list``), ``total_num`` and the rest."""

    model_config = ConfigDict(extra="allow", frozen=True)

    rows: list[dict[str, Any]]
    total_num: int
    summary: dict[str, Any] = Field(default_factory=dict)
