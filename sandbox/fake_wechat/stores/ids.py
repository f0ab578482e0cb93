"""The numbers WeChat hands out for stores, one series each: review ids, the 门店小程序's poi_ids,
门店管理's (legacy) poi_ids and map point ids."""

from dataclasses import dataclass

FIRST_AUDIT_ID = 414569513  # the docs' example review
FIRST_POI_ID = 472671857  # the 门店小程序 docs' example store
FIRST_LEGACY_POI_ID = 271262077  # the 门店管理 docs' example store
FIRST_MAP_UID = 5938314494307741200


@dataclass
class Ids:
    next_audit: int = FIRST_AUDIT_ID
    next_poi: int = FIRST_POI_ID
    next_legacy_poi: int = FIRST_LEGACY_POI_ID
    next_uid: int = FIRST_MAP_UID

    def audit(self) -> int:
        self.next_audit += 1
        return self.next_audit - 1

    def poi(self) -> str:
        self.next_poi += 1
        return str(self.next_poi - 1)

    def legacy_poi(self) -> str:
        self.next_legacy_poi += 1
        return str(self.next_legacy_poi - 1)

    def uid(self) -> str:
        self.next_uid += 1
        return str(self.next_uid - 1)
