"""WeChat's two ways of paging, and its batch limits, hidden behind iteration: the caller never writes the loop.

Cursor paging (``user/get``, ``user/tag/get``, ``getblacklist``) hands back the cursor for the
next call; offset paging (``batchget_material``, ``draft/batchget``, ``freepublish/batchget``,
``comment/list``) takes ``offset``/``count`` against a ``total``. ``chunked`` cuts a long list into
the batches a single call may carry (100 openids for profiles, 50 for tagging, 20 for the blacklist).
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, TypeVar

from shared.wechat.models.paging import CursorPage, OffsetPage

T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``, in order (none for an empty sequence)."""
    if size < 1:
        raise ValueError(f"a chunk holds at least one item (size {size})")
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


async def cursor_items(fetch: Callable[[str], Awaitable[CursorPage]]) -> AsyncIterator[str]:
    """Every openid of a cursor-paged list, starting from the empty cursor.

    Stops at an empty page, an empty cursor, a cursor that did not move, or once ``total``
    openids have been seen (sparing the empty last call WeChat would otherwise answer).
    """
    cursor, seen = "", 0
    while True:
        page = await fetch(cursor)
        for openid in page.openids:
            yield openid
        seen += len(page.openids)
        if not page.openids or not page.next_openid or page.next_openid == cursor:
            return
        if page.total is not None and seen >= page.total:
            return
        cursor = page.next_openid


async def offset_paged(fetch: Callable[[int], Awaitable[tuple[Sequence[T], int]]]) -> AsyncIterator[T]:
    """Every item of a list paged by offset: ``fetch(offset)`` answers a page's items and the list's total;
    called until the total is reached or a page is empty."""
    offset = 0
    while True:
        items, total = await fetch(offset)
        for item in items:
            yield item
        offset += len(items)
        if not items or offset >= total:
            return


def offset_items(fetch: Callable[[int], Awaitable[OffsetPage]]) -> AsyncIterator[dict[str, Any]]:
    """``offset_paged`` over WeChat's usual page (``item``, ``total_count``)."""

    async def items(offset: int) -> tuple[list[dict[str, Any]], int]:
        page = await fetch(offset)
        return page.item, page.total_count

    return offset_paged(items)


def page_window(offset: int, count: int, most: int) -> dict[str, int]:
    """``{"offset", "count"}`` for an offset-paged list giving at most ``most`` a call (``ValueError`` outside)."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset is an integer from 0 (got {offset!r})")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= most:
        raise ValueError(f"count is an integer from 1 to {most} (got {count!r})")
    return {"offset": offset, "count": count}
