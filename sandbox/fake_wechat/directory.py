"""The fake's account directory: each app's followers, tags and blacklist, and the account-level state
of the base endpoints (API usage and limits, failed calls' rids, WeChat's addresses), conditional
menus and short keys.

Openids are resolved here once, as WeChat does: not a string, or unknown to every app, 40003; known
to another app only, 49003 ("不属于此AppID") where WeChat says so (tags, blacklist), else 40003.
"""

from collections.abc import Iterable
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.followers import LANGUAGES, Follower, FollowerBook, new_openid
from sandbox.fake_wechat.menus import ConditionalMenu, ConditionalMenus
from sandbox.fake_wechat.network import Network
from sandbox.fake_wechat.rids import RidLog
from sandbox.fake_wechat.roster import Roster, UnknownCursor, page_body
from sandbox.fake_wechat.shortlinks import ShortLinks
from sandbox.fake_wechat.tags import TagBook
from sandbox.fake_wechat.usage import Usage

MAX_BATCHGET = 100
MAX_TAGGING = 50
MAX_BLACKLISTING = 20


def cursor(value: object) -> str:
    """``next_openid`` / ``begin_openid``: absent or empty starts at the beginning."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ApiError(ErrCode.DATA_FORMAT_ERROR)
    return value


def _page(roster: Roster, after: object, *, total: bool = True) -> dict[str, Any]:
    try:
        return page_body(roster, cursor(after), total=total)
    except UnknownCursor:
        raise ApiError(ErrCode.INVALID_OPENID) from None


class Directory:
    def __init__(self) -> None:
        self._followers: dict[str, FollowerBook] = {}
        self._tags: dict[str, TagBook] = {}
        self.menus = ConditionalMenus()
        self.shortlinks = ShortLinks()
        self.usage = Usage()
        self.rids = RidLog()
        self.network = Network()

    def followers(self, app_id: str) -> FollowerBook:
        return self._followers.setdefault(app_id, FollowerBook())

    def tags(self, app_id: str) -> TagBook:
        return self._tags.setdefault(app_id, TagBook())

    # -- who follows -----------------------------------------------------------------------------

    def follow(self, app_id: str, openid: str, now: float, **profile: Any) -> Follower:
        return self.followers(app_id).follow(openid, now, **profile)

    def unfollow(self, app_id: str, openid: str) -> None:
        self.followers(app_id).unfollow(openid)

    def seed(
        self, app_id: str, openids: Iterable[str], now: float, *, tagids: Iterable[int] = (), **profile: Any
    ) -> list[str]:
        """Add followers (made-up openids or given ones), optionally tagged; the openids added."""
        added = [self.follow(app_id, openid, now, **profile) for openid in openids]
        tags = self.tags(app_id)
        for tid in tagids:
            tags.tag(tid, added)
        return [follower.openid for follower in added]

    @staticmethod
    def new_openids(count: int) -> list[str]:
        return [new_openid() for _ in range(count)]

    def follower(self, app_id: str, openid: object, *, foreign: ErrCode = ErrCode.OPENID_NOT_OF_APP) -> Follower:
        found = self.followers(app_id).get(openid) if isinstance(openid, str) and openid else None
        if found is not None:
            return found
        elsewhere = isinstance(openid, str) and any(openid in book for book in self._followers.values())
        raise ApiError(foreign if elsewhere else ErrCode.INVALID_OPENID)

    def batch(self, app_id: str, openids: object, limit: int) -> list[Follower]:
        """An ``openid_list`` of 1 to ``limit`` followers (40032 otherwise), each resolved."""
        if not isinstance(openids, list) or not 1 <= len(openids) <= limit:
            raise ApiError(ErrCode.INVALID_OPENID_LIST_SIZE)
        return [self.follower(app_id, openid) for openid in openids]

    # -- user management -------------------------------------------------------------------------

    def user_page(self, app_id: str, next_openid: object) -> dict[str, Any]:
        return _page(self.followers(app_id).following, next_openid)

    def user_info(self, app_id: str, openid: object, lang: object) -> dict[str, Any]:
        if lang not in (None, "", *LANGUAGES):
            raise ApiError(ErrCode.INVALID_ARGS)
        return self.follower(app_id, openid, foreign=ErrCode.INVALID_OPENID).info()

    def batch_info(self, app_id: str, body: dict[str, Any]) -> list[dict[str, Any]]:
        users = body.get("user_list")
        if not isinstance(users, list) or not 1 <= len(users) <= MAX_BATCHGET:
            raise ApiError(ErrCode.INVALID_OPENID_LIST_SIZE)
        if not all(isinstance(user, dict) for user in users):
            raise ApiError(ErrCode.DATA_FORMAT_ERROR)
        return [self.user_info(app_id, user.get("openid"), user.get("lang")) for user in users]

    def update_remark(self, app_id: str, body: dict[str, Any]) -> None:
        follower = self.follower(app_id, body.get("openid"), foreign=ErrCode.INVALID_OPENID)
        follower.set_remark(body.get("remark"))

    # -- tags ------------------------------------------------------------------------------------

    def tag_ids(self, app_id: str, openid: object) -> list[int]:
        return list(self.follower(app_id, openid).tagids)

    def tagging(self, app_id: str, body: dict[str, Any], *, tag: bool) -> None:
        tags = self.tags(app_id)
        tid = tags.known(body.get("tagid"))
        followers = self.batch(app_id, body.get("openid_list"), MAX_TAGGING)
        (tags.tag if tag else tags.untag)(tid, followers)

    def delete_tag(self, app_id: str, tag: object) -> None:
        tid = tag.get("id") if isinstance(tag, dict) else None
        self.tags(app_id).delete(tid, self.followers(app_id).get)

    def tag_page(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return _page(self.tags(app_id).members(body.get("tagid")), body.get("next_openid"), total=False)

    # -- blacklist -------------------------------------------------------------------------------

    def blacklist_page(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return _page(self.followers(app_id).blacklist, body.get("begin_openid"))

    def blacklisting(self, app_id: str, body: dict[str, Any], *, add: bool) -> None:
        followers = self.batch(app_id, body.get("openid_list"), MAX_BLACKLISTING)
        blacklist = self.followers(app_id).blacklist
        for follower in followers:
            (blacklist.add if add else blacklist.remove)(follower.openid)

    # -- conditional menus -----------------------------------------------------------------------

    def try_match(
        self, app_id: str, default: dict[str, Any] | None, user_id: object
    ) -> tuple[dict[str, Any], ConditionalMenu | None]:
        """The menu ``user_id`` sees (``menu/trymatch``): 40003 without one, 65302 for no such follower."""
        if not isinstance(user_id, str) or not user_id:
            raise ApiError(ErrCode.INVALID_OPENID)
        follower = self.followers(app_id).get(user_id)
        if follower is None:
            raise ApiError(ErrCode.NO_SUCH_USER)
        if default is None:
            raise ApiError(ErrCode.MENU_NO_EXIST)
        return self.menus.match(app_id, default, follower.tagids, follower.client_platform_type)
