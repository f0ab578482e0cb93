"""Fields of a JSON call body as WeChat reads them: a value of the wrong JSON type is 47001 "data
format error" (WeChat decodes bodies into typed messages), a value out of range is 40097 "invalid args"."""

from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode

MAX_PAGE = 20  # batchget_material, draft/batchget, freepublish/batchget


def width(text: str) -> int:
    """A text's width as WeChat counts it (nicknames, page titles): 1 per ASCII character, 2 per any other."""
    return sum(1 if ord(char) < 0x80 else 2 for char in text)


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


# The checks of the newer areas (cards, stores …), where WeChat answers any bad field with 40097 naming it.


def invalid(what: str) -> ApiError:
    """WeChat's 40097 "invalid args", naming the field (WeChat's own hint is no more precise)."""
    return ApiError(ErrCode.INVALID_ARGS, f"invalid args, {what}")


def required_text(body: dict[str, Any], key: str, *, max_chars: int | None = None) -> str:
    """A non-blank string field of at most ``max_chars`` characters, or 40097."""
    value = body.get(key)
    if not isinstance(value, str) or not value.strip() or (max_chars is not None and len(value) > max_chars):
        raise invalid(key)
    return value


def bounded_integer(
    body: dict[str, Any], key: str, *, low: int = 0, high: int = 2**32 - 1, default: int | None = None
) -> int:
    """A JSON integer from ``low`` to ``high`` (an unsigned 32-bit field by default), or 40097."""
    value = body.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise invalid(key)
    return value


def required_object(body: dict[str, Any], key: str) -> dict[str, Any]:
    """A JSON object field, or 40097."""
    value = body.get(key)
    if not isinstance(value, dict):
        raise invalid(key)
    return value
