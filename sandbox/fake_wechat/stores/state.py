"""微信门店 for every account, with no I/O: one call per WeChat path, plus what WeChat's reviewers do.

Each account keeps its 门店管理 stores, its 门店小程序 merchant and that merchant's stores; Tencent
Maps' points are shared by all. ``addpoi`` is refused as WeChat has refused new 门店管理 stores since
2024-07-05 (45103, "This API has been unsupported": WeChat documents no code of its own for it).
A new map point waits for review (``create_map_poi`` answers its ``base_id``) before it can be found.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.stores import maps
from sandbox.fake_wechat.stores.categories import LEGACY_CATEGORIES, MERCHANT_CATEGORIES
from sandbox.fake_wechat.stores.ids import Ids
from sandbox.fake_wechat.stores.legacy import LegacyStores
from sandbox.fake_wechat.stores.merchant import Merchant, application, require_approved
from sandbox.fake_wechat.stores.rules import coordinate, optional_text, url
from sandbox.fake_wechat.stores.shops import Shops

MAP_FIELDS = ("name", "province", "city", "district", "address", "category", "telephone", "introduct")


@dataclass
class Account:
    legacy: LegacyStores = field(default_factory=LegacyStores)
    merchant: Merchant | None = None
    shops: Shops = field(default_factory=Shops)


class Stores:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}
        self.ids = Ids()
        self.points: dict[str, maps.Point] = {point.uid: point for point in maps.SEEDED}
        self._proposed: dict[int, tuple[str, maps.Point]] = {}  # base_id → account, point under review

    def of(self, app_id: str) -> Account:
        return self._accounts.setdefault(app_id, Account())

    # -- 门店管理 ------------------------------------------------------------------------------------

    def add_legacy(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        raise ApiError(ErrCode.API_SHUT_DOWN)

    def seed_legacy(self, app_id: str, fields: dict[str, Any], available_state: int = 3) -> str:
        """A store the account added to 门店管理 before 2024-07-05: its poi_id."""
        return self.of(app_id).legacy.seed(self.ids.legacy_poi(), fields, available_state)

    def legacy_categories(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return {"category_list": list(LEGACY_CATEGORIES)}

    # -- the merchant --------------------------------------------------------------------------

    def categories(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        return {"data": {"all_category_info": {"categories": MERCHANT_CATEGORIES}}}

    def apply(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        account = self.of(app_id)
        fields = application(body)
        if account.merchant is not None and account.merchant.waiting(now):
            raise ApiError(ErrCode.MERCHANT_REVIEWING)
        if account.merchant is not None and account.merchant.status == 1:
            raise invalid("the 门店小程序 exists already")
        account.merchant = Merchant(self.ids.audit(), fields, now)
        return {}

    def audit(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        merchant = self.of(app_id).merchant
        if merchant is None:
            raise ApiError(ErrCode.APPLY_MERCHANT_FIRST)
        return merchant.audit()

    def modify(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        merchant = self.of(app_id).merchant
        if merchant is None:
            raise ApiError(ErrCode.APPLY_MERCHANT_FIRST)
        return merchant.modify(body)

    # -- Tencent Maps --------------------------------------------------------------------------

    def search(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        area = str(integer(body, "districtid", low=1))
        keyword = text(body, "keyword")
        if not maps.known(area):
            raise invalid("districtid")
        found = [
            point.item()
            for point in self.points.values()
            if maps.within(point.districtid, area) and (keyword in point.name or keyword in point.address)
        ]
        return {"data": {"item": found}}

    def propose_point(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        fields = {key: text(body, key) for key in MAP_FIELDS}
        longitude, latitude = coordinate(body, "longitude", 180), coordinate(body, "latitude", 90)
        url(body.get("photo"), "photo")
        url(body.get("license"), "license")
        districtid = text(body, "districtid")
        if districtid not in maps.PARENT:
            raise invalid("districtid")
        if fields["category"].count(":") != 1:
            raise invalid("category, e.g. 美食:中餐厅")
        moved = optional_text(body, "poi_id")
        if moved and moved not in self.of(app_id).legacy.stores:
            raise ApiError(ErrCode.INVALID_POI_ID)
        point = maps.Point(
            self.ids.uid(), fields["name"], fields["address"], longitude, latitude, fields["telephone"],
            fields["category"], districtid, fields["province"], fields["city"], fields["district"],
        )  # fmt: skip
        base_id = self.ids.audit()
        self._proposed[base_id] = (app_id, point)
        return {"data": {"base_id": base_id, "rich_id": base_id}}

    # -- the merchant's stores -----------------------------------------------------------------

    def add_store(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        account = self.of(app_id)
        require_approved(account.merchant)
        moved = set(account.legacy.stores)
        return {"data": {"audit_id": account.shops.add(body, self.points.get, moved, self.ids)}}

    def update_store(self, app_id: str, body: dict[str, Any], now: float) -> dict[str, Any]:
        account = self.of(app_id)
        require_approved(account.merchant)
        return account.shops.update(body, self.ids)

    # -- WeChat's reviewers (the control side) -------------------------------------------------

    def confirm(self, app_id: str, confirmed: bool) -> None:
        merchant = self.of(app_id).merchant
        if merchant is None:
            raise ApiError(ErrCode.APPLY_MERCHANT_FIRST)
        merchant.confirm(confirmed)

    def review(self, app_id: str, audit_id: int, approved: bool, reason: str = "") -> None:
        """WeChat's verdict on a review of the account's: its merchant, a store, a store's change, a map point."""
        account = self.of(app_id)
        if account.merchant is not None and account.merchant.audit_id == audit_id:
            account.merchant.review(approved, reason)
            return
        if account.shops.review(audit_id, approved, reason, self.ids):
            return
        proposed = self._proposed.get(audit_id)
        if proposed is None or proposed[0] != app_id:
            raise invalid("no such review")
        del self._proposed[audit_id]
        if approved:
            self.points[proposed[1].uid] = proposed[1]
