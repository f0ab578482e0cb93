"""Followers, tags and the blacklist: the batch sizes and names WeChat accepts.

One call carries at most 100 openids for profiles (``user/info/batchget``), 50 for tagging
and untagging, 20 for the blacklist; the API groups cut a longer list into such batches.
A tag name is at most 30 bytes in UTF-8 (45158 otherwise: 10 Chinese characters), and the
tags 0, 1 and 2 are WeChat's own (45058: they cannot be changed or deleted). A remark is
under 30 bytes in UTF-8.
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from shared.wechat.models.request import WeChatRequest

PROFILES_PER_CALL, TAGGING_PER_CALL, BLACKLIST_PER_CALL = 100, 50, 20
TAG_NAME_BYTES, REMARK_BYTES = 30, 30
RESERVED_TAGS = frozenset({0, 1, 2})

Lang = Literal["zh_CN", "zh_TW", "en"]
OpenId = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, pattern=r"^\S+$")]


def _tag_name(value: str) -> str:
    size = len(value.encode())
    if size > TAG_NAME_BYTES:
        raise ValueError(f"a tag name is at most {TAG_NAME_BYTES} bytes in UTF-8 (this is {size})")
    return value


def _remark(value: str) -> str:
    size = len(value.encode())
    if size >= REMARK_BYTES:
        raise ValueError(f"a remark is under {REMARK_BYTES} bytes in UTF-8 (this is {size})")
    return value


TagName = Annotated[str, Field(min_length=1), AfterValidator(_tag_name)]
TagId = Annotated[int, Field(strict=True, ge=0)]


def _changeable(tag_id: int) -> int:
    if tag_id in RESERVED_TAGS:
        raise ValueError(f"tag {tag_id} is one of WeChat's own (0, 1, 2): it cannot be changed or deleted")
    return tag_id


ChangeableTagId = Annotated[TagId, AfterValidator(_changeable)]


class UserRef(WeChatRequest):
    openid: OpenId
    lang: Lang = "zh_CN"


class ProfilesRequest(WeChatRequest):
    """``user/info/batchget``: 1–100 followers."""

    user_list: Annotated[list[UserRef], Field(min_length=1, max_length=PROFILES_PER_CALL)]


class Remark(WeChatRequest):
    openid: OpenId
    remark: Annotated[str, AfterValidator(_remark)]


class TagMembers(WeChatRequest):
    """``batchtagging`` / ``batchuntagging``: 1–50 followers and the tag."""

    openid_list: Annotated[list[OpenId], Field(min_length=1, max_length=TAGGING_PER_CALL)]
    tagid: TagId


class BlacklistBatch(WeChatRequest):
    """``batchblacklist`` / ``batchunblacklist``: 1–20 followers."""

    openid_list: Annotated[list[OpenId], Field(min_length=1, max_length=BLACKLIST_PER_CALL)]


class NewTag(WeChatRequest):
    name: TagName


class TagRename(WeChatRequest):
    id: ChangeableTagId
    name: TagName


class Tag(BaseModel):
    """A tag as ``tags/get`` and ``tags/create`` answer it (``count``: its followers)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: int
    name: str
    count: int | None = None
