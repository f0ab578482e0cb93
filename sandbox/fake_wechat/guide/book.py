"""Each account's guide world: its staff (guides, groups, settings), the followers they serve and
their tags, materials and mass-send jobs. Hung on the fake's state as ``state.guide``."""

from dataclasses import dataclass, field

from sandbox.fake_wechat.guide.buyers import Clientele
from sandbox.fake_wechat.guide.content import Jobs, Materials
from sandbox.fake_wechat.guide.staff import Staff


@dataclass
class GuideWorld:
    staff: Staff = field(default_factory=Staff)
    clientele: Clientele = field(default_factory=Clientele)
    materials: Materials = field(default_factory=Materials)
    jobs: Jobs = field(default_factory=Jobs)


class GuideBook:
    def __init__(self) -> None:
        self._worlds: dict[str, GuideWorld] = {}

    def of(self, app_id: str) -> GuideWorld:
        return self._worlds.setdefault(app_id, GuideWorld())
