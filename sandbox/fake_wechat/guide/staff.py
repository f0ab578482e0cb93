"""An account's guides, their groups, and the settings of guides and of the account, with no I/O.

A guide is known by the name it was added with (WeChat ID or openid). Removing a guide takes them
out of their groups; the followers they served keep no guide.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import integer, text
from sandbox.fake_wechat.guide.codes import GuideCode, guide_error, invalid_args
from sandbox.fake_wechat.guide.fields import guide_key, named, required, window

QRCODE_HOST = "https://mp.weixin.qq.com/guide/qrcode/"
ACCOUNT = ""  # the settings key of the account itself, beside each guide's


@dataclass
class GuideRecord:
    key: str
    nickname: str
    headimgurl: str
    create_time: int

    def describe(self) -> dict[str, Any]:
        return {
            **named(self.key), "guide_nickname": self.nickname, "guide_headimgurl": self.headimgurl,
            "status": 1, "create_time": self.create_time,
        }  # fmt: skip


@dataclass
class GuideGroup:
    group_id: int
    name: str
    create_time: int
    update_time: int
    members: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.group_id,
            "name": self.name,
            "create_time": self.create_time,
            "update_time": self.update_time,
        }


@dataclass
class Staff:
    guides: dict[str, GuideRecord] = field(default_factory=dict)
    groups: dict[int, GuideGroup] = field(default_factory=dict)
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)  # guide key (or ACCOUNT) -> setguideconfig
    account_config: dict[str, Any] = field(default_factory=dict)
    next_group_id: int = 1

    def guide(self, body: dict[str, Any], prefix: str = "") -> GuideRecord:
        """The guide the body names, or 9300804."""
        record = self.guides.get(guide_key(body, prefix))
        if record is None:
            raise guide_error(GuideCode.NOT_A_GUIDE)
        return record

    # -- guides --------------------------------------------------------------------------------

    def add(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        key = guide_key(body)
        if key in self.guides:
            raise invalid_args()
        self.guides[key] = GuideRecord(
            key, text(body, "guide_nickname") or "", text(body, "guide_headimgurl") or "", now
        )
        return {}

    def update(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self.guide(body)
        record.nickname = text(body, "guide_nickname") or record.nickname
        record.headimgurl = text(body, "guide_headimgurl") or record.headimgurl
        return {}

    def remove(self, body: dict[str, Any]) -> str:
        record = self.guide(body)
        del self.guides[record.key]
        self.configs.pop(record.key, None)
        for group in self.groups.values():
            if record.key in group.members:
                group.members.remove(record.key)
        return record.key

    def page(self, body: dict[str, Any]) -> dict[str, Any]:
        page, num = window(body, "page", "num", 10)
        everyone = list(self.guides.values())
        return {"total_num": len(everyone), "list": [g.describe() for g in everyone[page * num : (page + 1) * num]]}

    def qrcode(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self.guide(body)
        return {"qrcode_url": f"{QRCODE_HOST}{record.key.partition(':')[2]}?info={text(body, 'qrcode_info') or ''}"}

    # -- settings ------------------------------------------------------------------------------

    def _config_key(self, body: dict[str, Any]) -> str:
        """A guide's settings, or the account's default ones when no guide is named."""
        return self.guide(body).key if body.get("guide_account") or body.get("guide_openid") else ACCOUNT

    def set_config(self, body: dict[str, Any]) -> dict[str, Any]:
        names = ("guide_fast_reply_list", "guide_auto_reply", "guide_auto_reply_plus")
        _apply(self.configs.setdefault(self._config_key(body), {}), body, names)
        return {}

    def config(self, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self.configs.get(self._config_key(body), {}))

    def set_account_config(self, body: dict[str, Any]) -> dict[str, Any]:
        _apply(self.account_config, body, ("black_keyword", "guide_auto_reply"))
        return {}

    # -- groups --------------------------------------------------------------------------------

    def new_group(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        name = required(body, "group_name")
        if any(group.name == name for group in self.groups.values()):
            raise invalid_args()
        group = GuideGroup(self.next_group_id, name, now, now)
        self.groups[group.group_id], self.next_group_id = group, group.group_id + 1
        return {"group_id": group.group_id}

    def group(self, body: dict[str, Any]) -> GuideGroup:
        group = self.groups.get(integer(body, "group_id"))
        if group is None:
            raise invalid_args()
        return group

    def group_info(self, body: dict[str, Any]) -> dict[str, Any]:
        group, (page, num) = self.group(body), window(body, "page", "num", 10)
        guides = [self.guides[key].describe() for key in group.members[page * num : (page + 1) * num]]
        return {"guide_list": guides, "total_num": len(group.members)}

    def join(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        group, record = self.group(body), self.guide(body)
        if record.key not in group.members:
            group.members.append(record.key)
            group.update_time = now
        return {}

    def leave(self, body: dict[str, Any], now: int) -> dict[str, Any]:
        group, record = self.group(body), self.guide(body)
        if record.key in group.members:
            group.members.remove(record.key)
            group.update_time = now
        return {}

    def groups_of(self, body: dict[str, Any]) -> dict[str, Any]:
        record = self.guide(body)
        return {"group_id_list": [g.group_id for g in self.groups.values() if record.key in g.members]}

    def delete_group(self, body: dict[str, Any]) -> dict[str, Any]:
        del self.groups[self.group(body).group_id]
        return {}


def _apply(settings: dict[str, Any], body: dict[str, Any], names: tuple[str, ...]) -> None:
    """Set the named settings the body carries, or delete them when ``is_delete`` is true."""
    for name in names:
        if name not in body:
            continue
        if body.get("is_delete") is True:
            settings.pop(name, None)
        else:
            settings[name] = body[name]
