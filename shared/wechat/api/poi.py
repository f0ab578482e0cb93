"""微信门店: the 门店小程序 (merchant, map points, stores) and the 门店管理 stores an account already has."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.api.paging import offset_paged
from shared.wechat.models.poi import (
    MAX_PAGE,
    LegacyPage,
    MapPoint,
    MapSearch,
    MerchantApplication,
    MerchantAudit,
    MerchantChange,
    ServiceUpdate,
    StoreChange,
    StoreDraft,
    StoreListPage,
    StorePage,
    StoreUpdate,
)


class PoiApi(ApiGroup):
    # -- the 门店小程序's merchant account --------------------------------------------------------

    async def merchant_categories(self) -> list[dict[str, Any]]:
        """The category tree (root, first and second level; ``sensitive_type`` 1 asks for certificates)."""
        data = await self._data("wxa/get_merchant_category")
        return list(data.get("all_category_info", {}).get("categories", []))

    async def apply(self, application: MerchantApplication) -> None:
        """Create the 门店小程序; the administrator confirms it, then WeChat reviews it (see ``audit``)."""
        await self._json("wxa/apply_merchant", json=application.body())

    async def audit(self) -> MerchantAudit:
        data = await self._data("wxa/get_merchant_audit_info")
        return parse_answer("wxa/get_merchant_audit_info", MerchantAudit, data)

    async def modify(self, *, headimg_mediaid: str = "", intro: str = "") -> None:
        """Change the head image (a temporary media_id), the introduction, or both."""
        await self._json(
            "wxa/modify_merchant", json=MerchantChange(headimg_mediaid=headimg_mediaid, intro=intro).body()
        )

    # -- Tencent Maps ----------------------------------------------------------------------------

    async def districts(self) -> list[list[dict[str, Any]]]:
        """Provinces, cities and districts: three lists, each entry's ``cidx`` indexing the next."""
        return list((await self._json("wxa/get_district")).get("result", []))

    async def search_map(self, districtid: int, keyword: str) -> list[dict[str, Any]]:
        """Map points in a district; a point's ``sosomap_poi_uid`` is the ``map_poi_id`` a store is added on."""
        body = MapSearch(districtid=districtid, keyword=keyword).body()
        return list((await self._data("wxa/search_map_poi", json=body)).get("item", []))

    async def create_map_point(self, point: MapPoint) -> int:
        """Ask Tencent Maps for a new point: the review's ``base_id``."""
        return int((await self._data("wxa/create_map_poi", json=point.body()))["base_id"])

    # -- the 门店小程序's stores -------------------------------------------------------------------

    async def add(self, draft: StoreDraft) -> int:
        """Add a store: the review's ``audit_id`` (the store's ``poi_id`` comes with its approval)."""
        return int((await self._data("wxa/add_store", json=draft.body()))["audit_id"])

    async def update(self, change: StoreChange) -> StoreUpdate:
        return parse_answer("wxa/update_store", StoreUpdate, await self._data("wxa/update_store", json=change.body()))

    async def store(self, poi_id: str) -> dict[str, Any]:
        """One store's ``base_info``."""
        answer = await self._json("wxa/get_store_info", json={"poi_id": _poi_id(poi_id)})
        return dict(answer.get("business", {}).get("base_info", {}))

    async def page(self, offset: int = 0, limit: int = MAX_PAGE) -> StoreListPage:
        answer = await self._json("wxa/get_store_list", json=StorePage(offset=offset, limit=limit).body())
        return parse_answer("wxa/get_store_list", StoreListPage, answer)

    def stores(self, page_size: int = MAX_PAGE) -> AsyncIterator[dict[str, Any]]:
        """Every store's ``base_info``, page by page."""
        return _every(lambda offset: self.page(offset, page_size))

    async def delete(self, poi_id: str) -> None:
        await self._json("wxa/del_store", json={"poi_id": _poi_id(poi_id)})

    # -- 门店管理 (no new stores since 2024-07-05) --------------------------------------------------

    async def legacy_store(self, poi_id: str) -> dict[str, Any]:
        """A 门店管理 store's ``base_info`` (``available_state``, ``update_status`` and its fields)."""
        answer = await self._json("cgi-bin/poi/getpoi", json={"poi_id": _poi_id(poi_id)})
        return dict(answer.get("business", {}).get("base_info", {}))

    async def legacy_page(self, begin: int = 0, limit: int = MAX_PAGE) -> StoreListPage:
        answer = await self._json("cgi-bin/poi/getpoilist", json=LegacyPage(begin=begin, limit=limit).body())
        return parse_answer("cgi-bin/poi/getpoilist", StoreListPage, answer)

    def legacy_stores(self, page_size: int = MAX_PAGE) -> AsyncIterator[dict[str, Any]]:
        return _every(lambda begin: self.legacy_page(begin, page_size))

    async def update_legacy(self, change: ServiceUpdate) -> None:
        """Overwrite a reviewed store's service fields; WeChat reviews the change (``update_status`` 1 meanwhile)."""
        await self._json("cgi-bin/poi/updatepoi", json=change.body())

    async def delete_legacy(self, poi_id: str) -> None:
        await self._json("cgi-bin/poi/delpoi", json={"poi_id": _poi_id(poi_id)})

    async def legacy_categories(self) -> list[str]:
        """门店管理's categories, levels joined by commas (``美食,川菜,火锅``)."""
        return [str(name) for name in (await self._json("cgi-bin/poi/getwxcategory")).get("category_list", [])]


def _poi_id(poi_id: str) -> str:
    if not isinstance(poi_id, str) or not poi_id.isdigit():
        raise ValueError(f"a poi_id is WeChat's number as a string (got {poi_id!r})")
    return poi_id


def _every(fetch: Callable[[int], Awaitable[StoreListPage]]) -> AsyncIterator[dict[str, Any]]:
    async def stores(offset: int) -> tuple[list[dict[str, Any]], int]:
        page = await fetch(offset)
        return page.stores(), page.total_count

    return offset_paged(stores)
