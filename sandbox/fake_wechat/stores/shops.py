"""The 门店小程序's stores of one account, with no I/O.

A store is added on a Tencent Maps point (85055 for a point the map does not have, 85038 for one
already holding a store) and reviewed: its ``status`` is 2 until WeChat approves it (1, and its
``poi_id`` is issued) or rejects it (3). A store moved from 门店管理 keeps that store's ``poi_id``.
``update_store`` changes an approved store's pictures (reviewed: ``has_audit_id`` 1), phone, hours
and card (at once); a store under review, or one whose change is, is not changed again (65118).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.stores.ids import Ids
from sandbox.fake_wechat.stores.maps import Point
from sandbox.fake_wechat.stores.rules import hours, optional_text, pictures, poi_id, qualifications

APPROVED, REVIEWING, REJECTED = 1, 2, 3
MAX_PAGE, DEFAULT_PAGE = 50, 20


@dataclass
class Shop:
    point: Point
    fields: dict[str, Any]
    audit_id: int
    poi_id: str = ""
    status: int = REVIEWING
    reason: str = ""
    pending: tuple[int, dict[str, Any]] | None = None  # new pictures under review: audit_id, fields

    def base_info(self) -> dict[str, Any]:
        point = self.point
        return {
            "business_name": point.name, "address": point.address, "telephone": self.fields["contract_phone"],
            "city": point.city, "province": point.province, "longitude": point.longitude,
            "latitude": point.latitude, "photo_list": [{"photo_url": pic} for pic in self.fields["pictures"]],
            "open_time": self.fields["hour"], "poi_id": self.poi_id, "status": self.status,
            "district": point.district, "qualification_num": self.fields["credential"],
            "qualification_name": self.fields["company_name"] or point.name,
        }  # fmt: skip


def _changes(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "pictures": pictures(body), "contract_phone": text(body, "contract_phone"), "hour": hours(body),
        "card_id": optional_text(body, "card_id"),
    }  # fmt: skip


@dataclass
class Shops:
    shops: list[Shop] = field(default_factory=list)

    def _by_poi(self, body: dict[str, Any]) -> Shop:
        wanted = poi_id(body)
        for shop in self.shops:
            if shop.poi_id == wanted:
                return shop
        raise ApiError(ErrCode.INVALID_POI_ID)

    def by_poi(self, body: dict[str, Any]) -> Shop:
        """The approved store ``body``'s ``poi_id`` names (65115 otherwise)."""
        return self._by_poi(body)

    def add(self, body: dict[str, Any], point_of: Callable[[str], Point | None], moved: set[str], ids: Ids) -> int:
        """``moved``: the account's 门店管理 poi_ids a store may be moved from."""
        uid = text(body, "map_poi_id")
        point = point_of(uid)
        if point is None:
            raise ApiError(ErrCode.INVALID_MAP_POI_ID)
        fields = {
            **_changes(body), "credential": text(body, "credential"),
            "company_name": optional_text(body, "company_name"), "qualification_list": qualifications(body),
        }  # fmt: skip
        if fields["company_name"] and not fields["qualification_list"]:
            raise invalid("qualification_list proves another company's store")
        legacy = optional_text(body, "poi_id")
        if legacy and legacy not in moved:
            raise ApiError(ErrCode.INVALID_POI_ID)
        if any(shop.point.uid == uid or (legacy and shop.poi_id == legacy) for shop in self.live()):
            raise ApiError(ErrCode.STORE_HAS_ADDED)
        shop = Shop(point, fields, ids.audit(), poi_id=legacy)
        self.shops.append(shop)
        return shop.audit_id

    def live(self) -> list[Shop]:
        return [shop for shop in self.shops if shop.status != REJECTED]

    def update(self, body: dict[str, Any], ids: Ids) -> dict[str, Any]:
        shop = self._by_poi(body)
        changes = _changes(body)
        if shop.status != APPROVED or shop.pending is not None:
            raise ApiError(ErrCode.STORE_STATUS_INVALID)
        new_pictures = changes.pop("pictures")
        shop.fields.update(changes)  # phone, hours and card change at once
        if new_pictures == shop.fields["pictures"]:
            return {"data": {"has_audit_id": 0, "audit_id": 0}}
        shop.pending = (ids.audit(), {"pictures": new_pictures})
        return {"data": {"has_audit_id": 1, "audit_id": shop.pending[0]}}

    def info(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"business": {"base_info": self._by_poi(body).base_info()}}

    def page(self, body: dict[str, Any]) -> dict[str, Any]:
        offset = integer(body, "offset", default=0)
        limit = integer(body, "limit", high=MAX_PAGE, default=DEFAULT_PAGE) or DEFAULT_PAGE
        if self.shops and offset >= len(self.shops):
            raise invalid(f"offset is at most {len(self.shops) - 1}")
        listed = [{"base_info": shop.base_info()} for shop in self.shops[offset : offset + limit]]
        return {"business_list": listed, "total_count": len(self.shops)}

    def delete(self, body: dict[str, Any]) -> dict[str, Any]:
        self.shops.remove(self._by_poi(body))
        return {}

    def review(self, audit_id: int, approved: bool, reason: str, ids: Ids) -> bool:
        """WeChat's verdict on a store or a store's change; False when the review is not one of theirs."""
        for shop in self.shops:
            if shop.audit_id == audit_id and shop.status == REVIEWING:
                shop.status, shop.reason = (APPROVED, "") if approved else (REJECTED, reason)
                if approved and not shop.poi_id:
                    shop.poi_id = ids.poi()
                return True
            if shop.pending is not None and shop.pending[0] == audit_id:
                if approved:
                    shop.fields.update(shop.pending[1])
                shop.pending = None
                return True
        return False
