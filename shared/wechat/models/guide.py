"""对话能力 (the guide API): what WeChat checks before it acts, checked here first.

A guide (顾问) is named by ``guide_account``, their WeChat ID (6–20 letters, digits, ``_`` or ``-``,
starting with a letter), or by ``guide_openid``; WeChat takes ``guide_account`` when both come.
Calls that act on followers take at most 200 of them (不超过200). An account has at most 4 tags
with 50 values between them, no value shared by two tags. A text material or a mass-send
text is at most 10,240 bytes; a mass-send job has a name of at most 16 characters, a remark of at
most 100, up to 3 materials, and is handed to the guide within the next month (push_time).
"""

import enum
from collections.abc import Sequence
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from shared.wechat.models.request import WeChatRequest

MAX_BUYERS, MAX_MATERIALS, WORD_BYTES = 200, 3, 10_240
MAX_TAGS, MAX_TAG_VALUES = 4, 50  # 最多 4 类标签类型，50 个可选值
TASK_NAME_CHARS, TASK_REMARK_CHARS, PUSH_WINDOW_SECONDS = 16, 100, 30 * 24 * 3600
WECHAT_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{5,19}$"

WeChatId = Annotated[str, StringConstraints(pattern=WECHAT_ID_PATTERN)]
OpenId = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
Text = Annotated[str, StringConstraints(min_length=1)]


def _word(text: str) -> str:
    size = len(text.encode())
    if size > WORD_BYTES:
        raise ValueError(f"a text material is at most {WORD_BYTES} bytes of UTF-8 (this is {size})")
    return text


Word = Annotated[str, StringConstraints(min_length=1), AfterValidator(_word)]


def _distinct(openids: list[str]) -> list[str]:
    if len(set(openids)) != len(openids):
        raise ValueError("the same follower is named twice")
    return openids


Batch = Annotated[list[OpenId], Field(min_length=1, max_length=MAX_BUYERS), AfterValidator(_distinct)]


_FOLLOWERS: TypeAdapter[list[str]] = TypeAdapter(
    Annotated[list[OpenId], Field(min_length=1), AfterValidator(_distinct)]
)


def followers(openids: Sequence[str]) -> list[str]:
    """At least one follower's openid, none named twice (any number: calls cut them into batches)."""
    return _FOLLOWERS.validate_python(list(openids))


class GuideRef(WeChatRequest):
    """A guide, by WeChat ID or openid: one of them is required."""

    guide_account: WeChatId | None = None
    guide_openid: OpenId | None = None

    @model_validator(mode="after")
    def _named(self) -> Self:
        if self.guide_account is None and self.guide_openid is None:
            raise ValueError("name the guide by guide_account or guide_openid")
        return self


def as_guide(who: "GuideRef | str") -> GuideRef:
    """A guide given as a ``GuideRef`` or, as a plain string, by WeChat ID."""
    return who if isinstance(who, GuideRef) else GuideRef(guide_account=who)


class GuideProfile(GuideRef):
    guide_headimgurl: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = None
    guide_nickname: Text | None = None


class Buyer(WeChatRequest):
    openid: OpenId
    buyer_nickname: str | None = None


class BuyerRelations(GuideRef):
    buyer_list: Annotated[list[Buyer], Field(min_length=1, max_length=MAX_BUYERS)]

    @model_validator(mode="after")
    def _distinct_buyers(self) -> Self:
        _distinct([buyer.openid for buyer in self.buyer_list])
        return self


class BuyerBatch(GuideRef):
    openid_list: Batch


TagValues = Annotated[list[Text], Field(min_length=1, max_length=MAX_TAG_VALUES)]


class TagOption(WeChatRequest):
    """A tag (标签类型) and its values: none empty, none named twice, at most 50."""

    tag_name: Text
    tag_values: TagValues

    @model_validator(mode="after")
    def _distinct_values(self) -> Self:
        if len(set(self.tag_values)) != len(self.tag_values):
            raise ValueError("a tag value is named twice")
        return self


class TagQuery(GuideRef):
    """``queryguidebuyerbytag``: the guide's followers with these tag values."""

    tag_values: TagValues
    push_count: Annotated[int, Field(strict=True, ge=0)] | None = None  # mass sends left this month


class BuyerTagging(BuyerBatch):
    tag_value: Text


class MaterialType(enum.IntEnum):
    TEXT = 1
    IMAGE = 3
    MINIPROGRAM = 49


class JobMaterial(WeChatRequest):
    """A mass-send material: text (``word``), an image (``media_id``) or a mini program card."""

    type: MaterialType
    word: Word | None = None
    media_id: Text | None = None
    title: Text | None = None
    path: Text | None = None
    appid: Text | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        needs = {
            MaterialType.TEXT: ("word",),
            MaterialType.IMAGE: ("media_id",),
            MaterialType.MINIPROGRAM: ("media_id", "title", "path", "appid"),
        }[self.type]
        missing = [name for name in needs if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a type {int(self.type)} material needs {', '.join(missing)}")
        return self


class MassJob(GuideRef):
    task_name: Annotated[str, StringConstraints(min_length=1, max_length=TASK_NAME_CHARS)]
    task_remark: Annotated[str, StringConstraints(max_length=TASK_REMARK_CHARS)] | None = None
    push_time: Annotated[int, Field(strict=True, ge=0)]
    openid: Batch
    material: Annotated[list[JobMaterial], Field(min_length=1, max_length=MAX_MATERIALS)]

    def check_push_time(self, now: float) -> Self:
        """WeChat hands the job to the guide from now to a month ahead; ``ValueError`` otherwise."""
        if not now <= self.push_time <= now + PUSH_WINDOW_SECONDS:
            raise ValueError("push_time is from now to a month ahead")
        return self


class JobChanges(WeChatRequest):
    """``updateguidemassendjob``: what changes in a job that has not run, under the same limits."""

    task_id: Annotated[int, Field(strict=True, ge=1)]
    task_name: Annotated[str, StringConstraints(min_length=1, max_length=TASK_NAME_CHARS)] | None = None
    task_remark: Annotated[str, StringConstraints(max_length=TASK_REMARK_CHARS)] | None = None
    push_time: Annotated[int, Field(strict=True, ge=0)] | None = None
    openid: Batch | None = None
    material: Annotated[list[JobMaterial], Field(min_length=1, max_length=MAX_MATERIALS)] | None = None

    def check_push_time(self, now: float) -> Self:
        if self.push_time is not None and not now <= self.push_time <= now + PUSH_WINDOW_SECONDS:
            raise ValueError("push_time is from now to a month ahead")
        return self


class BuyerResult(BaseModel):
    """One follower's outcome in a batch call (``buyer_resp``): errcode 0, or why not."""

    model_config = ConfigDict(extra="allow", frozen=True)

    openid: str
    errcode: int = 0
    errmsg: str = "ok"


class Guide(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    guide_account: str | None = None
    guide_openid: str | None = None
    guide_nickname: str = ""
    guide_headimgurl: str = ""
    status: int = 1
    create_time: int = 0


class BuyerRelation(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    openid: str
    buyer_nickname: str = ""
    create_time: int = 0
    guide_account: str | None = None
    guide_openid: str | None = None


class NumberedPage(BaseModel):
    """A page of a list WeChat pages by number (``page`` from 0, ``num`` a page): guides, followers."""

    model_config = ConfigDict(extra="allow", frozen=True)

    total_num: int = 0
    items: list[dict[str, Any]] = Field(default_factory=list, alias="list")
