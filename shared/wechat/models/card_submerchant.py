"""Sub-merchants of the third-party card mode (第三方代制模式): what ``card/submerchant/*`` take and answer.

A parent merchant submits a sub-merchant's name, logo, card category and signed authorisation
(``protocol``, a media_id, valid until ``end_time``); WeChat reviews it (``CHECKING``, then ``APPROVED`` or
``REJECTED``; ``EXPIRED`` once the authorisation has run out) and names it by ``merchant_id``. The name
shows on the sub-merchant's cards: at most 12 characters. A page of sub-merchants holds at most 100.
"""

import enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from shared.wechat.models.request import WeChatRequest

BRAND_NAME_CHARS = 12
MAX_PAGE = 100
UInt32 = Annotated[int, Field(strict=True, ge=0, le=2**32 - 1)]
Text = Annotated[str, Field(min_length=1)]


class Status(enum.StrEnum):
    CHECKING = "CHECKING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"


class SubMerchantInfo(WeChatRequest):
    """What ``card/submerchant/submit`` takes inside ``info``."""

    brand_name: Annotated[str, Field(min_length=1, max_length=BRAND_NAME_CHARS)]
    logo_url: Annotated[str, Field(min_length=1, max_length=128, pattern=r"^https?://")]
    protocol: Text  # the signed authorisation's media_id
    end_time: Annotated[int, Field(strict=True, gt=0)]  # the authorisation's last second (Unix time)
    primary_category_id: UInt32
    secondary_category_id: UInt32
    app_id: Text | None = None  # the sub-merchant's own (verified) official account, shown on its cards
    agreement_media_id: Text | None = None  # business licence
    operator_media_id: Text | None = None  # the operator's identity card


class SubMerchantUpdate(SubMerchantInfo):
    merchant_id: UInt32


class MerchantRef(WeChatRequest):
    merchant_id: UInt32


class SubMerchantQuery(WeChatRequest):
    """A page of ``card/submerchant/batchget``: from ``begin_id``, at most ``limit``, optionally of one status."""

    begin_id: UInt32 = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] = MAX_PAGE
    status: Status | None = None


class SubMerchant(BaseModel):
    """A sub-merchant as WeChat answers it."""

    model_config = ConfigDict(extra="allow", frozen=True)

    merchant_id: int
    brand_name: str = ""
    logo_url: str = ""
    status: str = Status.CHECKING
    app_id: str = ""
    create_time: int = 0
    update_time: int = 0
    begin_time: int = 0
    end_time: int = 0
    primary_category_id: int = 0
    secondary_category_id: int = 0


class SubMerchantPage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    info_list: list[SubMerchant] = Field(default_factory=list)
    next_begin_id: int = 0
