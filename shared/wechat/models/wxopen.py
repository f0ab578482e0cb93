"""The account's mini programs: what linking one and its QR code jump rules take, validated as WeChat does.

A mini program is named by its AppID (``wx`` and 16 hex digits). A rule (扫服务号二维码打开小程序)
maps a prefix of the account's parametric QR code links (``http://weixin.qq.com/q/…``) to a
page of a linked mini program; ``qrcodejumpget`` lists them all (``get_type`` 0), by prefix (1,
≤ 200 prefixes) or by page (2, ``page_size`` ≤ 200).
"""

import enum
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_PREFIXES = 200
MAX_PAGE = 200
QRCODE_LINK = "http://weixin.qq.com/q/"
AppId = Annotated[str, Field(pattern=r"^wx[0-9a-f]{16}$")]
Flag = Annotated[int, Field(strict=True, ge=0, le=1)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MiniProgramRef(_Body):
    appid: AppId


class LinkRequest(MiniProgramRef):
    notify_users: Flag = 1  # tell the account's followers by template message
    show_profile: Flag = 1  # show the mini program on the account's profile


class JumpRule(_Body):
    prefix: Annotated[str, Field(min_length=len(QRCODE_LINK) + 1, pattern=r"^http://weixin\.qq\.com/q/")]
    appid: AppId
    path: Annotated[str, Field(min_length=1)]
    is_edit: Flag = 0  # 0 adds a rule, 1 changes the existing one


class GetType(enum.IntEnum):
    RECENT = 0
    BY_PREFIX = 1
    BY_PAGE = 2


class RuleQuery(_Body):
    appid: AppId
    get_type: GetType = GetType.RECENT
    prefix_list: Annotated[list[str], Field(min_length=1, max_length=MAX_PREFIXES)] | None = None
    page_num: Annotated[int, Field(strict=True, ge=1)] | None = None
    page_size: Annotated[int, Field(strict=True, ge=1, le=MAX_PAGE)] | None = None

    @model_validator(mode="after")
    def _fits_its_type(self) -> Self:
        if (self.get_type is GetType.BY_PREFIX) != (self.prefix_list is not None):
            raise ValueError("prefix_list goes with get_type 1, and only with it")
        paged = self.page_num is not None or self.page_size is not None
        if (self.get_type is GetType.BY_PAGE) != paged or (paged and None in (self.page_num, self.page_size)):
            raise ValueError("page_num and page_size go with get_type 2, and only with it")
        return self


class RulePage(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    rule_list: list[dict[str, Any]] = Field(default_factory=list)
    total_count: int = 0
    qrcodejump_pub_quota: int | None = None
