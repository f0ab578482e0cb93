"""An account's followers: who follows (in the order they followed), their profiles as ``user/info``
shows them since 2021-12-27 (no nickname, avatar, sex or region), remarks and the blacklist."""

import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.roster import Roster

MAX_REMARK_BYTES = 30  # "长度必须小于30字节"; WeChat refuses 31 bytes and more with 40092
LANGUAGES = frozenset({"zh_CN", "zh_TW", "en"})
SUBSCRIBE_SCENES = frozenset(
    {
        "ADD_SCENE_SEARCH",
        "ADD_SCENE_ACCOUNT_MIGRATION",
        "ADD_SCENE_PROFILE_CARD",
        "ADD_SCENE_QR_CODE",
        "ADD_SCENE_PROFILE_LINK",
        "ADD_SCENE_PROFILE_ITEM",
        "ADD_SCENE_PAID",
        "ADD_SCENE_WECHAT_ADVERTISEMENT",
        "ADD_SCENE_REPRINT",
        "ADD_SCENE_LIVESTREAM",
        "ADD_SCENE_CHANNELS",
        "ADD_SCENE_OTHERS",
    }
)


def new_openid() -> str:
    """An openid of WeChat's shape: 28 URL-safe characters starting with "o"."""
    return "o" + secrets.token_urlsafe(21)[:27]


@dataclass(slots=True)
class Follower:
    openid: str
    subscribe_time: int
    subscribed: bool = True
    unionid: str | None = None
    language: str = "zh_CN"
    remark: str = ""
    tagids: list[int] = field(default_factory=list)  # in tagging order
    subscribe_scene: str = "ADD_SCENE_OTHERS"
    qr_scene: int = 0
    qr_scene_str: str = ""
    client_platform_type: int = 0  # what conditional menus match: 1 iOS, 2 Android, 3 others, 0 unknown

    def info(self) -> dict[str, Any]:
        """``user/info``'s answer; someone who unfollowed shows only that (and their unionid)."""
        head: dict[str, Any] = {"subscribe": int(self.subscribed), "openid": self.openid}
        union = {} if self.unionid is None else {"unionid": self.unionid}
        if not self.subscribed:
            return head | union | {"tagid_list": []}
        return (
            head
            | {"language": self.language, "subscribe_time": self.subscribe_time}
            | union
            | {
                "remark": self.remark,
                "groupid": 0,
                "tagid_list": list(self.tagids),
                "subscribe_scene": self.subscribe_scene,
                "qr_scene": self.qr_scene,
                "qr_scene_str": self.qr_scene_str,
            }
        )

    def set_remark(self, remark: object) -> None:
        if not isinstance(remark, str) or len(remark.encode()) > MAX_REMARK_BYTES:
            raise ApiError(ErrCode.INVALID_REMARK_NAME)
        self.remark = remark


class FollowerBook:
    """Everyone who ever followed one account (by openid), who follows now, and who is blacklisted."""

    def __init__(self) -> None:
        self._known: dict[str, Follower] = {}
        self.following = Roster()
        self.blacklist = Roster()

    def __contains__(self, openid: object) -> bool:
        return openid in self._known

    def get(self, openid: str) -> Follower | None:
        return self._known.get(openid)

    def follow(self, openid: str, now: float, **profile: Any) -> Follower:
        """A (re)subscription: the follower goes to the end of the list, with the new subscribe time."""
        follower = self._known.get(openid)
        if follower is None:
            follower = self._known[openid] = Follower(openid, int(now), **profile)
        else:
            for name, value in profile.items():
                setattr(follower, name, value)
            follower.subscribed, follower.subscribe_time = True, int(now)
            self.following.remove(openid)
        self.following.add(openid)
        return follower

    def unfollow(self, openid: str) -> None:
        follower = self._known.get(openid)
        if follower is not None:
            follower.subscribed = False
            self.following.remove(openid)
