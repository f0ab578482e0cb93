"""An account's tags (WeChat's user tag management): the reserved ones, those the account created,
and who carries which.

Ids 0, 1 and 2 are WeChat's own (0 untagged, 1 the old blacklist group, 2 "星标组", the only one
``tags/get`` lists); created tags get ids from 100. At most 100 created tags, names of at most 30
bytes (UTF-8) and unique, at most 20 tags per follower, a tag with more than 100,000 followers is
not deleted.
"""

from collections.abc import Callable
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.followers import Follower
from sandbox.fake_wechat.roster import Roster

RESERVED_TAG_IDS = frozenset({0, 1, 2})
STAR_TAG_ID, STAR_TAG_NAME = 2, "星标组"
FIRST_TAG_ID = 100
MAX_TAGS = 100
MAX_TAG_NAME_BYTES = 30
MAX_TAGS_PER_FOLLOWER = 20
MAX_FANS_TO_DELETE = 100_000


def tag_id(value: object) -> int:
    """A tag id as WeChat reads it: a number (or digits), else 45159."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ApiError(ErrCode.INVALID_TAG_ID)


class TagBook:
    def __init__(self) -> None:
        self._names: dict[int, str] = {STAR_TAG_ID: STAR_TAG_NAME}
        self._members: dict[int, Roster] = {STAR_TAG_ID: Roster()}
        self._next_id = FIRST_TAG_ID

    def _name(self, value: object, *, renaming: int | None = None) -> str:
        if not isinstance(value, str) or not value.strip():
            raise ApiError(ErrCode.INVALID_TAG_NAME)
        if len(value.encode()) > MAX_TAG_NAME_BYTES:
            raise ApiError(ErrCode.TAG_NAME_TOO_LONG)
        if any(name == value and tid != renaming for tid, name in self._names.items()):
            raise ApiError(ErrCode.INVALID_TAG_NAME)  # "标签名非法，请注意不能和其他标签重名"
        return value

    def known(self, value: object) -> int:
        """An existing tag that followers can carry (the star group or a created tag), else 45159."""
        tid = tag_id(value)
        if tid not in self._names:
            raise ApiError(ErrCode.INVALID_TAG_ID)
        return tid

    def _changeable(self, value: object) -> int:
        tid = tag_id(value)
        if tid in RESERVED_TAG_IDS:
            raise ApiError(ErrCode.RESERVED_TAG)
        return self.known(tid)

    def create(self, name: object) -> dict[str, Any]:
        checked = self._name(name)
        if len(self._names) - 1 >= MAX_TAGS:  # the star group is not one the account created
            raise ApiError(ErrCode.TOO_MANY_TAGS)
        tid, self._next_id = self._next_id, self._next_id + 1
        self._names[tid], self._members[tid] = checked, Roster()
        return {"id": tid, "name": checked}

    def update(self, tid_value: object, name: object) -> None:
        tid = self._changeable(tid_value)
        self._names[tid] = self._name(name, renaming=tid)

    def delete(self, tid_value: object, follower: Callable[[str], Follower | None]) -> None:
        """Delete a tag and take it off everyone who carried it (``follower``: the account's, by openid)."""
        tid = self._changeable(tid_value)
        members = self._members[tid]
        if len(members) > MAX_FANS_TO_DELETE:
            raise ApiError(ErrCode.TAG_HAS_TOO_MANY_FANS)
        for openid in members:
            carrier = follower(openid)
            if carrier is not None and tid in carrier.tagids:
                carrier.tagids.remove(tid)
        del self._names[tid], self._members[tid]

    def listing(self) -> list[dict[str, Any]]:
        return [{"id": tid, "name": name, "count": len(self._members[tid])} for tid, name in self._names.items()]

    def members(self, tid_value: object) -> Roster:
        return self._members[self.known(tid_value)]

    def tag(self, tid_value: object, followers: list[Follower]) -> None:
        """Tag every follower, or none: 45059 if one would carry more than 20 tags."""
        tid = self.known(tid_value)
        fresh = [f for f in followers if tid not in f.tagids]
        if any(len(f.tagids) >= MAX_TAGS_PER_FOLLOWER for f in fresh):
            raise ApiError(ErrCode.FOLLOWER_HAS_TOO_MANY_TAGS)
        for follower in fresh:
            follower.tagids.append(tid)
            self._members[tid].add(follower.openid)

    def untag(self, tid_value: object, followers: list[Follower]) -> None:
        tid = self.known(tid_value)
        for follower in followers:
            if tid in follower.tagids:
                follower.tagids.remove(tid)
            self._members[tid].remove(follower.openid)
