"""The pages WeChat's list endpoints answer, as models the paging iterators read."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class FollowerPage(BaseModel):
    """A page of openids: ``user/get``, ``user/tag/get`` (no ``total``), ``getblacklist``.

    WeChat nests the openids as ``data.openid`` and leaves ``data`` out of an empty page;
    ``openids`` is that list, always present.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    total: int | None = None
    count: int = 0
    openids: list[str] = Field(default_factory=list)
    next_openid: str = ""

    @model_validator(mode="before")
    @classmethod
    def _lift_openids(cls, value: Any) -> Any:
        if isinstance(value, dict) and "openids" not in value:
            data = value.get("data")
            openids = data.get("openid", []) if isinstance(data, dict) else []
            return {**value, "openids": openids or []}
        return value


CursorPage = FollowerPage


class OffsetPage(BaseModel):
    """A page of ``batchget_material``, ``draft/batchget`` or ``freepublish/batchget``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    total_count: int
    item_count: int = 0
    item: list[dict[str, Any]] = Field(default_factory=list)
