"""The fake's messaging world, hung on its state as ``state.messaging``: customer service, the template
library, subscription notifications, broadcasts and the smart interfaces. No I/O."""

from typing import Any

from sandbox.fake_wechat.kf import KfTeam
from sandbox.fake_wechat.mass import MassDesk
from sandbox.fake_wechat.smart import SmartDesk
from sandbox.fake_wechat.subscribe import SubscribeDesk
from sandbox.fake_wechat.template_blocks import BlockedTemplates
from sandbox.fake_wechat.templates import TemplateLibrary


class Messaging:
    def __init__(self) -> None:
        self._teams: dict[str, KfTeam] = {}
        self.templates = TemplateLibrary()
        self.blocked = BlockedTemplates()
        self.subscribe = SubscribeDesk()
        self.mass = MassDesk()
        self.smart = SmartDesk()

    def kf(self, app_id: str) -> KfTeam:
        return self._teams.setdefault(app_id, KfTeam())

    def describe(self, app_id: str, now: float) -> dict[str, Any]:
        self.mass.settle(now)
        return {
            "kf": self.kf(app_id).describe(now),
            "industry": self.templates.industry(app_id),
            "templates": self.templates.listing(app_id),
            "blocked_templates": self.blocked.listing(app_id),
            "subscribe": self.subscribe.describe(app_id),
            "mass": {
                "jobs": [job.describe() for job in self.mass.of(app_id)],
                "previews": [p for p in self.mass.previews if p["app_id"] == app_id],
                "speed": self.mass.speed(app_id),
                "mass_seconds": self.mass.mass_seconds,
            },
        }
