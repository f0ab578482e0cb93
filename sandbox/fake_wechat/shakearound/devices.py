"""One account's device applications and devices (UUID/major/minor), with no I/O.

Fewer than ``MANUAL_REVIEW`` devices at once are approved on the spot; more wait for WeChat's
reviewers (``review``), and while one waits no other application is taken. An account holds at most
``MAX_DEVICES``, and takes no new application while fewer than half of its devices have been active.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.rules import refuse

UUID = "FDA50693-A4E2-4FB1-AFCF-C6EB07647825"  # 摇周边's shared iBeacon UUID
FIRST_DEVICE, FIRST_APPLICATION, FIRST_MAJOR = 10011, 123, 10001
MANUAL_REVIEW = 500
MAX_DEVICES = 10_000
MAX_QUERY = 50
MAX_PAGES_PER_DEVICE = 30
COMMENT_WIDTH, REASON_WIDTH = 30, 200
UNDER_REVIEW, APPROVED, REJECTED = 1, 2, 0


@dataclass
class Device:
    device_id: int
    major: int
    minor: int
    apply_id: int
    comment: str = ""
    poi_id: int = 0
    last_active_time: int = 0
    page_ids: list[int] = field(default_factory=list)
    uuid: str = UUID

    def describe(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id, "uuid": self.uuid, "major": self.major, "minor": self.minor,
            "comment": self.comment, "poi_id": self.poi_id, "status": 1 if self.last_active_time else 0,
            "last_active_time": self.last_active_time,
        }  # fmt: skip

    def identifier(self) -> dict[str, Any]:
        return {"device_id": self.device_id, "uuid": self.uuid, "major": self.major, "minor": self.minor}


@dataclass
class Application:
    apply_id: int
    quantity: int
    comment: str
    poi_id: int
    apply_time: int
    audit_status: int = UNDER_REVIEW
    audit_time: int = 0
    audit_comment: str = "审核中"

    def describe(self) -> dict[str, Any]:
        return {"apply_time": self.apply_time, "audit_comment": self.audit_comment,
                "audit_status": self.audit_status, "audit_time": self.audit_time}  # fmt: skip


@dataclass
class Devices:
    devices: dict[int, Device] = field(default_factory=dict)
    applications: dict[int, Application] = field(default_factory=dict)
    next_device: int = FIRST_DEVICE
    next_application: int = FIRST_APPLICATION

    def apply(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        quantity = body.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
            raise refuse(rules.QUANTITY_INVALID)
        rules.text(body, "apply_reason", rules.APPLICATION_INVALID, max_width=REASON_WIDTH)
        comment = rules.text(body, "comment", rules.COMMENT_TOO_LONG, max_width=COMMENT_WIDTH, optional=True)
        poi_id = rules.integer(body, "poi_id", rules.POI_INVALID, default=0)
        if any(a.audit_status == UNDER_REVIEW for a in self.applications.values()):
            raise refuse(rules.APPLICATION_UNDER_REVIEW)
        if self.devices and 2 * sum(1 for d in self.devices.values() if d.last_active_time) < len(self.devices):
            raise refuse(rules.ACTIVATION_TOO_LOW)
        if len(self.devices) + quantity > MAX_DEVICES:
            raise refuse(rules.APPLICATION_INVALID)
        application = Application(self.next_application, quantity, comment, poi_id, int(now))
        self.next_application += 1
        self.applications[application.apply_id] = application
        if quantity < MANUAL_REVIEW:
            self.review(application.apply_id, approved=True, now=now)
        return {"apply_id": application.apply_id, "audit_status": application.audit_status,
                "audit_comment": application.audit_comment}  # fmt: skip

    def review(self, apply_id: int, *, approved: bool, now: float) -> None:
        """WeChat's reviewers decide an application; approved, its devices exist."""
        application = self.application(apply_id)
        if application.audit_status != UNDER_REVIEW:
            raise refuse(rules.APPLICATION_INVALID)
        application.audit_time = int(now)
        if not approved:
            application.audit_status, application.audit_comment = REJECTED, "审核未通过"
            return
        application.audit_status, application.audit_comment = APPROVED, "审核通过"
        major = FIRST_MAJOR + len([a for a in self.applications.values() if a.audit_status == APPROVED]) - 1
        for _ in range(application.quantity):
            device_id, self.next_device = self.next_device, self.next_device + 1
            self.devices[device_id] = Device(device_id, major, device_id, apply_id, application.comment,
                                             application.poi_id)  # fmt: skip

    def application(self, apply_id: object) -> Application:
        found = self.applications.get(apply_id) if isinstance(apply_id, int) else None
        if found is None:
            raise refuse(rules.APPLICATION_INVALID)
        return found

    def find(self, identifier: object) -> Device:
        """The device ``identifier`` names: by ``device_id`` first, else by its full uuid/major/minor."""
        if not isinstance(identifier, dict):
            raise refuse(rules.DEVICE_INVALID)
        device_id = identifier.get("device_id")
        if isinstance(device_id, int) and not isinstance(device_id, bool) and device_id:
            found = self.devices.get(device_id)
        else:
            key = (str(identifier.get("uuid", "")).upper(), identifier.get("major"), identifier.get("minor"))
            found = next((d for d in self.devices.values() if (d.uuid, d.major, d.minor) == key), None)
        if found is None:
            raise refuse(rules.DEVICE_INVALID)
        return found

    def update(self, body: dict[str, Any]) -> None:
        device = self.find(body.get("device_identifier"))
        device.comment = rules.text(body, "comment", rules.COMMENT_TOO_LONG, max_width=COMMENT_WIDTH)

    def bind_location(self, body: dict[str, Any]) -> None:
        device = self.find(body.get("device_identifier"))
        poi_id = rules.integer(body, "poi_id", rules.POI_INVALID)
        kind = rules.integer(body, "type", rules.POI_INVALID, low=1, high=2, default=1)
        if kind == 2 and not isinstance(body.get("poi_appid"), str):  # another account's store names its appid
            raise refuse(rules.POI_INVALID)
        device.poi_id = poi_id

    def bind_pages(self, body: dict[str, Any], pages: set[int]) -> None:
        device = self.find(body.get("device_identifier"))
        page_ids = rules.listed(body, "page_ids", rules.BIND_ARGS_INVALID, most=MAX_PAGES_PER_DEVICE)
        if any(not isinstance(p, int) or isinstance(p, bool) for p in page_ids):
            raise refuse(rules.BIND_ARGS_INVALID)
        if any(p not in pages for p in page_ids):
            raise refuse(rules.PAGE_INVALID)
        device.page_ids = list(dict.fromkeys(page_ids))

    def search(self, body: dict[str, Any]) -> dict[str, Any]:
        kind = rules.integer(body, "type", rules.POST_INVALID, low=1, high=3)
        if kind == 1:
            wanted = rules.listed(body, "device_identifiers", rules.TOO_MANY_DEVICES, most=MAX_QUERY)
            found = [self.find(identifier) for identifier in wanted]
            return {"devices": [d.describe() for d in found], "total_count": len(self.devices)}
        last_seen = rules.integer(body, "last_seen", rules.BEGIN_INVALID, default=0)
        count = rules.integer(body, "count", rules.TOO_MANY_DEVICES, low=1, high=MAX_QUERY)
        pool = sorted(self.devices.values(), key=lambda d: d.device_id)
        if kind == 3:
            apply_id = self.application(body.get("apply_id")).apply_id
            pool = [d for d in pool if d.apply_id == apply_id]
        page = [d for d in pool if d.device_id > last_seen][:count]
        return {"devices": [d.describe() for d in page], "total_count": len(self.devices)}  # the account's devices

    def relations(self, device: Device) -> list[dict[str, Any]]:
        return [{**device.identifier(), "page_id": page_id} for page_id in device.page_ids]

    def showing(self, page_id: int) -> list[Device]:
        return [d for d in sorted(self.devices.values(), key=lambda d: d.device_id) if page_id in d.page_ids]
