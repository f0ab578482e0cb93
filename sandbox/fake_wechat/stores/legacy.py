"""门店管理 (``cgi-bin/poi/``) of one account: the stores it added before 2024-07-05, with no I/O.

No store is added any more (``addpoi`` answers 45103); a test seeds the stores an account had.
A store is usable once reviewed (``available_state`` 3); ``updatepoi`` then overwrites only its
service fields, which WeChat reviews within five working days: ``update_status`` is 1 meanwhile and
another change is refused (65107). A store that is not approved cannot be changed (65106).
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_object as obj
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.stores.rules import poi_id, url

MAX_PAGE, DEFAULT_PAGE = 50, 20
UPDATE_REVIEW_SECONDS = 5 * 86400
APPROVED = 3  # available_state: 1 system error, 2 reviewing, 3 approved, 4 rejected
SERVICE_FIELDS = ("sid", "telephone", "photo_list", "recommend", "special", "introduction", "open_time", "avg_price")
BASE_FIELDS = (
    "business_name", "branch_name", "province", "city", "district", "address", "categories", "offset_type",
    "longitude", "latitude",
)  # fmt: skip


def _photos(value: object) -> list[dict[str, str]]:
    if not isinstance(value, list) or not value:
        raise invalid("photo_list")
    photos = []
    for photo in value:
        if not isinstance(photo, dict):
            raise invalid("photo_list")
        photos.append({"photo_url": url(photo.get("photo_url"), "photo_url")})
    return photos


def service_fields(info: dict[str, Any]) -> dict[str, Any]:
    """The service fields an update names, checked; a base field or an unknown one is refused."""
    for key in info:
        if key != "poi_id" and key not in SERVICE_FIELDS:
            raise invalid(f"{key} cannot be changed" if key in BASE_FIELDS else key)
    changes: dict[str, Any] = {}
    for key in SERVICE_FIELDS:
        if key not in info:
            continue
        if key == "photo_list":
            changes[key] = _photos(info[key])
        elif key == "avg_price":
            changes[key] = integer(info, key)
        else:
            changes[key] = text(info, key)
    if not changes:
        raise invalid("no service field to change")
    return changes


@dataclass
class LegacyStore:
    poi_id: str
    fields: dict[str, Any]
    available_state: int = APPROVED
    updated: float | None = None  # when updatepoi last changed it

    def update_status(self, now: float) -> int:
        return 1 if self.updated is not None and now - self.updated < UPDATE_REVIEW_SECONDS else 0

    def base_info(self, now: float) -> dict[str, Any]:
        return {**self.fields, "poi_id": self.poi_id, "available_state": self.available_state,
                "update_status": self.update_status(now)}  # fmt: skip


@dataclass
class LegacyStores:
    stores: dict[str, LegacyStore] = field(default_factory=dict)

    def seed(self, poi: str, fields: dict[str, Any], available_state: int = APPROVED) -> str:
        self.stores[poi] = LegacyStore(poi, dict(fields), available_state)
        return poi

    def store(self, body: dict[str, Any]) -> LegacyStore:
        found = self.stores.get(poi_id(body))
        if found is None:
            raise ApiError(ErrCode.INVALID_POI_ID)
        return found

    def get(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        return {"business": {"base_info": self.store(body).base_info(now)}}

    def page(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        begin = integer(body, "begin", default=0)
        limit = integer(body, "limit", low=1, high=MAX_PAGE, default=DEFAULT_PAGE)
        stores = list(self.stores.values())
        listed = [{"base_info": store.base_info(now)} for store in stores[begin : begin + limit]]
        return {"business_list": listed, "total_count": len(stores)}

    def update(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        info = obj(obj(body, "business"), "base_info")
        store = self.store(info)
        changes = service_fields(info)
        if store.available_state != APPROVED:
            raise ApiError(ErrCode.POI_NOT_APPROVED)
        if store.update_status(now):
            raise ApiError(ErrCode.POI_UPDATING)
        store.fields.update(changes)
        store.updated = now
        return {}

    def delete(self, body: dict[str, Any]) -> dict[str, Any]:
        del self.stores[self.store(body).poi_id]
        return {}
