"""Every account's 摇一摇周边, created on first use: its registration and what it owns once approved.

Registering is reviewed by WeChat (``review_registration``, from the control side); until the review
approves it every call but ``account/*`` and ``material/add`` answers 9001020 (帐号不合法). A pending
registration is not submitted again.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.devices import REJECTED, UNDER_REVIEW, Devices
from sandbox.fake_wechat.shakearound.groups import Groups
from sandbox.fake_wechat.shakearound.lottery import Lotteries, lottery_fields
from sandbox.fake_wechat.shakearound.pages import Pages
from sandbox.fake_wechat.shakearound.rules import refuse
from sandbox.fake_wechat.shakearound.shakes import Shake, Shakes

APPROVED = 2
NAME_WIDTH, REASON_WIDTH = 40, 500


def _registration(body: dict[str, Any]) -> dict[str, Any]:
    bad = rules.POST_INVALID
    fields = {
        "name": rules.text(body, "name", bad, max_width=NAME_WIDTH),
        "phone_number": rules.text(body, "phone_number", bad),
        "email": rules.text(body, "email", bad),
        "industry_id": rules.text(body, "industry_id", bad),
        "qualification_cert_urls": rules.listed(body, "qualification_cert_urls", bad, most=100),
        "apply_reason": rules.text(body, "apply_reason", bad, max_width=REASON_WIDTH, optional=True),
    }
    if "@" not in fields["email"] or not all(isinstance(u, str) for u in fields["qualification_cert_urls"]):
        raise refuse(bad)
    return fields


@dataclass
class Account:
    app_id: str = ""
    registration: dict[str, Any] | None = None
    audit: dict[str, Any] = field(default_factory=dict)
    devices: Devices = field(default_factory=Devices)
    pages: Pages = field(default_factory=Pages)
    groups: Groups = field(default_factory=Groups)
    shakes: Shakes = field(default_factory=Shakes)
    lotteries: Lotteries = field(default_factory=Lotteries)

    def register(self, body: dict[str, Any], now: float) -> None:
        fields = _registration(body)
        if self.audit.get("audit_status") in (UNDER_REVIEW, APPROVED):
            raise refuse(rules.ACCOUNT_INVALID)
        self.registration = fields
        self.audit = {"apply_time": int(now), "audit_comment": "审核中", "audit_status": UNDER_REVIEW, "audit_time": 0}

    def audit_status(self) -> dict[str, Any]:
        if not self.audit:
            raise refuse(rules.ACCOUNT_INVALID)
        return dict(self.audit)

    def review_registration(self, approved: bool, now: float) -> None:
        """WeChat's reviewers decide the registration."""
        if self.audit.get("audit_status") != UNDER_REVIEW:
            raise refuse(rules.ACCOUNT_INVALID)
        status, comment = (APPROVED, "审核通过") if approved else (REJECTED, "资质不符")
        self.audit.update(audit_status=status, audit_comment=comment, audit_time=int(now))

    def opened(self) -> "Account":
        """This account, if its registration is approved; 9001020 if not."""
        if self.audit.get("audit_status") != APPROVED:
            raise refuse(rules.ACCOUNT_INVALID)
        return self

    def relations(self, body: dict[str, Any]) -> dict[str, Any]:
        kind = rules.integer(body, "type", rules.POST_INVALID, low=1, high=2)
        if kind == 1:
            found = self.devices.relations(self.devices.find(body.get("device_identifier")))
            return {"relations": found, "total_count": len(found)}
        page_id = self.pages.get(body.get("page_id"))["page_id"]
        begin = rules.integer(body, "begin", rules.BEGIN_INVALID)
        count = rules.integer(body, "count", rules.POST_INVALID, low=1, high=50)
        every = [{**d.identifier(), "page_id": page_id} for d in self.devices.showing(page_id)]
        return {"relations": every[begin : begin + count], "total_count": len(every)}

    def delete_page(self, body: dict[str, Any]) -> None:
        page_id = body.get("page_id")
        self.pages.delete(page_id, in_use=bool(isinstance(page_id, int) and self.devices.showing(page_id)))

    def shake(self, device_id: int, openid: str, now: float, *, distance: float = 1.5, clicked: bool = True) -> str:
        """Someone shakes near a device: it turns active, shows its next page, and that page gets a ticket."""
        device = self.devices.find({"device_id": device_id})
        if not device.page_ids:
            raise refuse(rules.PAGE_INVALID)
        page_id = device.page_ids[self.shakes.shown[device_id] % len(device.page_ids)]
        device.last_active_time = int(now)
        return self.shakes.record(Shake(device_id, page_id, openid, distance, int(now), clicked))

    def shake_info(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        shake = self.shakes.read(body.get("ticket"), now)
        device = self.devices.devices[shake.device_id]
        beacon = {"distance": shake.distance, "major": device.major, "minor": device.minor, "uuid": device.uuid}
        info: dict[str, Any] = {"page_id": shake.page_id, "beacon_info": beacon, "openid": shake.openid}
        if body.get("need_poi") == 1 and device.poi_id:
            info["poi_id"] = device.poi_id
        return info

    def add_lottery(self, body: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        use_template = query.get("use_template")
        if use_template not in ("1", "2") or (use_template == "1" and not query.get("logo_url")):
            raise refuse(rules.POST_INVALID)
        fields = lottery_fields(body)
        page = {"title": fields["title"], "description": fields["desc"], "page_url": fields["jump_url"],
                "icon_url": query.get("logo_url", ""), "comment": ""}  # fmt: skip
        lottery = self.lotteries.add(fields, self.pages.create(page))
        return {"lottery_id": lottery.lottery_id, "page_id": lottery.page_id}


@dataclass
class ShakeAround:
    accounts: dict[str, Account] = field(default_factory=dict)

    def of(self, app_id: str) -> Account:
        return self.accounts.setdefault(app_id, Account(app_id))
