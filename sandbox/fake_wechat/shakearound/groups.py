"""One account's device groups (for the H5 shake API), with no I/O.

At most ``MAX_GROUPS`` groups an account, ``MAX_GROUP_DEVICES`` devices a group and ``MAX_BATCH``
devices added or removed a call; a group that still holds devices is not deleted. WeChat documents
no code for these limits: the fake answers 9001001 (POST数据参数不合法).
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.devices import Device, Devices
from sandbox.fake_wechat.shakearound.rules import refuse

FIRST_GROUP = 123
MAX_GROUPS, MAX_GROUP_DEVICES, MAX_BATCH, MAX_PAGE = 1000, 10_000, 1000, 1000
NAME_WIDTH = 200


@dataclass
class Group:
    group_id: int
    group_name: str
    device_ids: list[int] = field(default_factory=list)


@dataclass
class Groups:
    groups: dict[int, Group] = field(default_factory=dict)
    next_group: int = FIRST_GROUP

    def add(self, body: dict[str, Any]) -> dict[str, Any]:
        name = rules.text(body, "group_name", rules.POST_INVALID, max_width=NAME_WIDTH)
        if len(self.groups) >= MAX_GROUPS:
            raise refuse(rules.POST_INVALID)
        group = Group(self.next_group, name)
        self.next_group += 1
        self.groups[group.group_id] = group
        return {"group_id": group.group_id, "group_name": name}

    def get(self, body: dict[str, Any]) -> Group:
        group = self.groups.get(rules.integer(body, "group_id", rules.POST_INVALID))
        if group is None:
            raise refuse(rules.POST_INVALID)
        return group

    def rename(self, body: dict[str, Any]) -> None:
        group = self.get(body)
        group.group_name = rules.text(body, "group_name", rules.POST_INVALID, max_width=NAME_WIDTH)

    def delete(self, body: dict[str, Any]) -> None:
        group = self.get(body)
        if group.device_ids:
            raise refuse(rules.POST_INVALID)
        del self.groups[group.group_id]

    def _devices(self, body: dict[str, Any], devices: Devices) -> list[Device]:
        wanted = rules.listed(body, "device_identifiers", rules.POST_INVALID, most=MAX_BATCH)
        return [devices.find(identifier) for identifier in wanted]

    def add_devices(self, body: dict[str, Any], devices: Devices) -> None:
        group = self.get(body)
        found = [d.device_id for d in self._devices(body, devices) if d.device_id not in group.device_ids]
        if len(group.device_ids) + len(set(found)) > MAX_GROUP_DEVICES:
            raise refuse(rules.POST_INVALID)
        group.device_ids.extend(dict.fromkeys(found))

    def remove_devices(self, body: dict[str, Any], devices: Devices) -> None:
        group = self.get(body)
        gone = {d.device_id for d in self._devices(body, devices)}
        group.device_ids = [i for i in group.device_ids if i not in gone]

    def listing(self, body: dict[str, Any]) -> dict[str, Any]:
        begin = rules.integer(body, "begin", rules.BEGIN_INVALID)
        count = rules.integer(body, "count", rules.POST_INVALID, low=1, high=MAX_PAGE)
        ordered = [self.groups[i] for i in sorted(self.groups)][begin : begin + count]
        return {"total_count": len(self.groups),
                "groups": [{"group_id": g.group_id, "group_name": g.group_name} for g in ordered]}  # fmt: skip

    def detail(self, body: dict[str, Any], devices: Devices) -> dict[str, Any]:
        group = self.get(body)
        begin = rules.integer(body, "begin", rules.BEGIN_INVALID)
        count = rules.integer(body, "count", rules.POST_INVALID, low=1, high=MAX_PAGE)
        shown = []
        for device_id in group.device_ids[begin : begin + count]:
            described = devices.devices[device_id].describe()
            shown.append({key: described[key] for key in ("device_id", "uuid", "major", "minor", "comment", "poi_id")})
        return {"group_id": group.group_id, "group_name": group.group_name, "total_count": len(group.device_ids),
                "devices": shown}  # fmt: skip
