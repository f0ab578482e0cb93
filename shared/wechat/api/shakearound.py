"""摇一摇周边: register, upload icons, describe pages, apply for devices and bind them to pages, group them,
read who shook what and the statistics. Lists are iterators over every page; the red-packet lottery is
``api.shakearound.lottery``.
"""

from collections.abc import AsyncIterator, Iterable
from typing import Any

from shared.wechat.api.group import ApiGroup, data_of, parse_answer
from shared.wechat.api.paging import offset_paged
from shared.wechat.api.shake_lottery import ShakeLotteryApi
from shared.wechat.catalogue import Catalogue
from shared.wechat.models.media import check_upload
from shared.wechat.models.shakearound import (
    COMMENT_WIDTH,
    MATERIAL,
    MAX_GROUP_BATCH,
    MAX_GROUP_PAGE,
    MAX_PAGES_PER_DEVICE,
    MAX_QUERY,
    Application,
    AuditStatus,
    DayFigures,
    Device,
    DeviceApplication,
    DeviceInfo,
    DevicePage,
    Group,
    GroupDetail,
    GroupName,
    GroupPage,
    MaterialKind,
    Page,
    PageChange,
    PageInfo,
    PagePage,
    Registration,
    Relation,
    RelationPage,
    ShakeInfo,
    StatsRange,
    identifier,
)
from shared.wechat.models.text_width import width
from shared.wechat.transport import Transport, Upload

P = "shakearound/"


def _batches(items: list[Any], size: int) -> Iterable[list[Any]]:
    return (items[start : start + size] for start in range(0, len(items), size))


class ShakeAroundApi(ApiGroup):
    def __init__(self, transport: Transport, app_id: str, catalogue: Catalogue) -> None:
        super().__init__(transport, app_id, catalogue)
        self.lottery = ShakeLotteryApi(transport, app_id, catalogue)

    async def _shake(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """``shakearound/<path>`` with ``body`` (``{}`` when none): the answer's ``data``."""
        return await self._data(P + path, json=body if body is not None else {})

    # -- the account ------------------------------------------------------------------------------

    async def register(self, registration: Registration) -> None:
        """Ask to open 摇一摇周边; WeChat reviews it within three working days (``audit_status``)."""
        await self._shake("account/register", registration.body())

    async def audit_status(self) -> AuditStatus:
        answer = await self._json(P + "account/auditstatus")
        return parse_answer(P + "account/auditstatus", AuditStatus, data_of(answer))

    async def upload(self, upload: Upload, kind: MaterialKind | str = MaterialKind.ICON) -> str:
        """An image's ``pic_url``: an icon (square, ≤ 200×200) for pages or a licence for the registration."""
        check_upload(MATERIAL, upload, f"shake {MaterialKind(kind)}")
        answer = await self._json(P + "material/add", params={"type": MaterialKind(kind).value}, upload=upload)
        return str(data_of(answer)["pic_url"])

    # -- pages ------------------------------------------------------------------------------------

    async def add_page(self, page: Page) -> int:
        return int((await self._shake("page/add", page.body()))["page_id"])

    async def update_page(self, page: PageChange) -> None:
        await self._shake("page/update", page.body())

    async def pages(self, page_ids: list[int]) -> list[PageInfo]:
        """The pages named (at most 50)."""
        if not 1 <= len(page_ids) <= MAX_QUERY:
            raise ValueError(f"1 to {MAX_QUERY} page ids a query (got {len(page_ids)})")
        found = await self._shake("page/search", {"type": 1, "page_ids": page_ids})
        return parse_answer(P + "page/search", PagePage, found).pages

    def all_pages(self, *, page_size: int = MAX_QUERY) -> AsyncIterator[PageInfo]:
        async def pages(begin: int) -> tuple[list[PageInfo], int]:
            found = await self._shake("page/search", {"type": 2, "begin": begin, "count": page_size})
            page = parse_answer(P + "page/search", PagePage, found)
            return page.pages, page.total_count

        return offset_paged(pages)

    async def delete_page(self, page_id: int) -> None:
        """Delete a page no device shows any more (WeChat answers 9001029 otherwise)."""
        await self._shake("page/delete", {"page_id": page_id})

    # -- devices ----------------------------------------------------------------------------------

    async def apply(self, application: DeviceApplication) -> Application:
        """Apply for device IDs: fewer than 500 are approved at once; more wait for review (``audit_status`` 1)."""
        return parse_answer(P + "device/applyid", Application, await self._shake("device/applyid", application.body()))

    async def application(self, apply_id: int) -> AuditStatus:
        answer = await self._shake("device/applystatus", {"apply_id": apply_id})
        return parse_answer(P + "device/applystatus", AuditStatus, answer)

    async def update_device(self, device: Device, comment: str) -> None:
        if not comment or width(comment) > COMMENT_WIDTH:
            raise ValueError(
                f"a device's comment is 1 to {COMMENT_WIDTH // 2} CJK characters or {COMMENT_WIDTH} letters"
            )
        await self._shake("device/update", {"device_identifier": identifier(device), "comment": comment})

    async def bind_location(self, device: Device, poi_id: int) -> None:
        """Place a device in a store (``poi_id`` 0 takes it out of any)."""
        if poi_id < 0:
            raise ValueError("a poi_id is a store's id, or 0")
        await self._shake("device/bindlocation", {"device_identifier": identifier(device), "poi_id": poi_id})

    async def devices(self, devices: list[Device]) -> list[DeviceInfo]:
        """The devices named (at most 50)."""
        if not 1 <= len(devices) <= MAX_QUERY:
            raise ValueError(f"1 to {MAX_QUERY} devices a query (got {len(devices)})")
        found = await self._shake("device/search", {"type": 1, "device_identifiers": [identifier(d) for d in devices]})
        return parse_answer(P + "device/search", DevicePage, found).devices

    async def all_devices(
        self, apply_id: int | None = None, *, page_size: int = MAX_QUERY
    ) -> AsyncIterator[DeviceInfo]:
        """Every device (of one application, if given), in device_id order."""
        last_seen = 0
        while True:
            query: dict[str, Any] = {"type": 2, "last_seen": last_seen, "count": page_size}
            if apply_id is not None:
                query.update(type=3, apply_id=apply_id)
            page = parse_answer(P + "device/search", DevicePage, await self._shake("device/search", query))
            for device in page.devices:
                yield device
            if len(page.devices) < page_size:
                return
            last_seen = page.devices[-1].device_id

    async def bind_pages(self, device: Device, page_ids: list[int]) -> None:
        """What a shake near ``device`` shows: these pages (at most 30; none clears them), instead of its others."""
        if len(page_ids) > MAX_PAGES_PER_DEVICE:
            raise ValueError(f"a device shows at most {MAX_PAGES_PER_DEVICE} pages (got {len(page_ids)})")
        await self._shake("device/bindpage", {"device_identifier": identifier(device), "page_ids": page_ids})

    async def device_pages(self, device: Device) -> list[Relation]:
        found = await self._shake("relation/search", {"type": 1, "device_identifier": identifier(device)})
        return parse_answer(P + "relation/search", RelationPage, found).relations

    def page_devices(self, page_id: int, *, page_size: int = MAX_QUERY) -> AsyncIterator[Relation]:
        async def relations(begin: int) -> tuple[list[Relation], int]:
            query = {"type": 2, "page_id": page_id, "begin": begin, "count": page_size}
            page = parse_answer(P + "relation/search", RelationPage, await self._shake("relation/search", query))
            return page.relations, page.total_count

        return offset_paged(relations)

    # -- groups -----------------------------------------------------------------------------------

    async def add_group(self, name: str) -> Group:
        created = await self._shake("device/group/add", GroupName(group_name=name).body())
        return parse_answer(P + "device/group/add", Group, created)

    async def rename_group(self, group_id: int, name: str) -> None:
        await self._shake("device/group/update", {"group_id": group_id, **GroupName(group_name=name).body()})

    async def delete_group(self, group_id: int) -> None:
        """Delete a group that holds no devices."""
        await self._shake("device/group/delete", {"group_id": group_id})

    def groups(self) -> AsyncIterator[Group]:
        async def groups(begin: int) -> tuple[list[Group], int]:
            found = await self._shake("device/group/getlist", {"begin": begin, "count": MAX_GROUP_PAGE})
            page = parse_answer(P + "device/group/getlist", GroupPage, found)
            return page.groups, page.total_count

        return offset_paged(groups)

    async def group(self, group_id: int, *, begin: int = 0, count: int = MAX_GROUP_PAGE) -> GroupDetail:
        found = await self._shake("device/group/getdetail", {"group_id": group_id, "begin": begin, "count": count})
        return parse_answer(P + "device/group/getdetail", GroupDetail, found)

    async def add_to_group(self, group_id: int, devices: list[Device]) -> None:
        """Add devices to a group, 1,000 a call."""
        for batch in _batches([identifier(d) for d in devices], MAX_GROUP_BATCH):
            await self._shake("device/group/adddevice", {"group_id": group_id, "device_identifiers": batch})

    async def remove_from_group(self, group_id: int, devices: list[Device]) -> None:
        for batch in _batches([identifier(d) for d in devices], MAX_GROUP_BATCH):
            await self._shake("device/group/deletedevice", {"group_id": group_id, "device_identifiers": batch})

    # -- shakes and statistics --------------------------------------------------------------------

    async def shake_info(self, ticket: str, *, need_poi: bool = False) -> ShakeInfo:
        """Who shook which device to open a page, from the ``ticket`` in the page's URL (valid 30 minutes)."""
        if not ticket:
            raise ValueError("a ticket is the one a shaken page's URL carried")
        body: dict[str, Any] = {"ticket": ticket, **({"need_poi": 1} if need_poi else {})}
        return parse_answer(P + "user/getshakeinfo", ShakeInfo, await self._shake("user/getshakeinfo", body))

    async def device_stats(self, device: Device, begin_date: int, end_date: int) -> list[DayFigures]:
        days = StatsRange(begin_date=begin_date, end_date=end_date).body()
        rows = await self._shake("statistics/device", {"device_identifier": identifier(device), **days})
        return [parse_answer(P + "statistics/device", DayFigures, row) for row in rows]

    async def page_stats(self, page_id: int, begin_date: int, end_date: int) -> list[DayFigures]:
        days = StatsRange(begin_date=begin_date, end_date=end_date).body()
        rows = await self._shake("statistics/page", {"page_id": page_id, **days})
        return [parse_answer(P + "statistics/page", DayFigures, row) for row in rows]

    async def day_of_devices(self, date: int) -> AsyncIterator[dict[str, Any]]:
        """Every device's figures on ``date``'s day, most shakers first."""
        async for row in self._day("statistics/devicelist", "devices", date):
            yield row

    async def day_of_pages(self, date: int) -> AsyncIterator[dict[str, Any]]:
        async for row in self._day("statistics/pagelist", "pages", date):
            yield row

    async def _day(self, path: str, key: str, date: int) -> AsyncIterator[dict[str, Any]]:
        page_index, seen = 1, 0
        while True:
            answer = await self._json(P + path, json={"date": date, "page_index": page_index})
            rows = data_of(answer).get(key, [])
            for row in rows:
                yield row
            seen += len(rows)
            if not rows or seen >= int(answer.get("total_count", 0)):
                return
            page_index += 1
