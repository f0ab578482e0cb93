"""An ordered set of openids read in WeChat's pages: the openids after a given one, 10,000 at a time.

Followers, a tag's members and the blacklist are rosters. ``next_openid`` (``begin_openid``) is
the last openid of the previous page; an empty one starts at the beginning.
"""

from collections.abc import Iterator

PAGE_SIZE = 10_000


class UnknownCursor(Exception):
    """The ``next_openid`` a page was asked after is not in the roster (WeChat's 40003)."""


class Roster:
    def __init__(self) -> None:
        self._members: dict[str, None] = {}  # insertion-ordered
        self._order: list[str] | None = None  # cached order and positions, rebuilt after a removal
        self._positions: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, openid: object) -> bool:
        return openid in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def add(self, openid: str) -> None:
        if openid in self._members:
            return
        self._members[openid] = None
        if self._order is not None:
            self._positions[openid] = len(self._order)
            self._order.append(openid)

    def remove(self, openid: str) -> None:
        if self._members.pop(openid, 0) is None:
            self._order = None

    def page(self, after: str, size: int = PAGE_SIZE) -> list[str]:
        """Up to ``size`` openids after ``after`` ("" = from the start), or ``UnknownCursor``."""
        if self._order is None:
            self._order = list(self._members)
            self._positions = {openid: index for index, openid in enumerate(self._order)}
        start = 0
        if after:
            position = self._positions.get(after)
            if position is None:
                raise UnknownCursor(after)
            start = position + 1
        return self._order[start : start + size]


def page_body(roster: Roster, after: str, *, total: bool = True) -> dict[str, object]:
    """WeChat's page: ``{total?, count, data: {openid}, next_openid}``; an empty page has no ``data``
    and an empty ``next_openid`` (a full last page still names its last openid, as WeChat does)."""
    openids = roster.page(after)
    body: dict[str, object] = {"total": len(roster)} if total else {}
    body["count"] = len(openids)
    if openids:
        body["data"] = {"openid": openids}
    body["next_openid"] = openids[-1] if openids else ""
    return body
