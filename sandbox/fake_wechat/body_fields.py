"""Fields of a JSON call body as WeChat reads them: a value of the wrong JSON type is 47001 "data
format error" (WeChat decodes bodies into typed messages), a value out of range is 40097 "invalid args"."""

from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_PAGE = 20  # batchget_material, draft/batchget, freepublish/batchget


def integer(body: dict[str, Any], name: str, default: int | None = None) -> int:
    """An integer field (a numeric string too, as WeChat's decoder takes); 40097 when absent without a default."""
    value = body.get(name, default)
    if value is None:
        raise ApiError(ErrCode.INVALID_ARGS)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    try:
        return int(value)
    except ValueError:
        raise ApiError(ErrCode.DATA_FORMAT_ERROR) from None


def text(body: dict[str, Any], name: str) -> str | None:
    """A string field, or None when absent; 47001 when it is another type."""
    value = body.get(name)
    if value is None or isinstance(value, str):
        return value
    raise ApiError(ErrCode.DATA_FORMAT_ERROR)


def page(body: dict[str, Any], *, max_count: int = MAX_PAGE) -> tuple[int, int]:
    """``offset`` (≥ 0) and ``count`` (1 to ``max_count``) of a batchget call, or 40097."""
    offset, count = integer(body, "offset", 0), integer(body, "count")
    if offset < 0 or not 1 <= count <= max_count:
        raise ApiError(ErrCode.INVALID_ARGS)
    return offset, count


def flag(body: dict[str, Any], name: str) -> bool:
    """A 0/1 switch (``no_content``, ``need_open_comment`` …); 40097 for another number."""
    value = integer(body, name, 0)
    if value not in (0, 1):
        raise ApiError(ErrCode.INVALID_ARGS)
    return value == 1
