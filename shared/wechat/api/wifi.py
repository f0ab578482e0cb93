"""微信连Wi-Fi: stores and their networks, devices, the connection QR code and pages, card placements, statistics.

Lists are iterators over every page (``shops()``, ``devices()``); ``statistics`` cuts a range longer
than WeChat's 30 days into calls and returns every day's row in order.
"""

from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.models.datacube import DateLike, windows
from shared.wechat.models.wifi import (
    MAX_STATISTICS_DAYS,
    Bar,
    CouponPlacement,
    CouponPut,
    DayFigures,
    DeviceDeletion,
    DeviceRecord,
    FinishPage,
    Homepage,
    HomepageInfo,
    NetworkChange,
    PageRequest,
    PasswordNetwork,
    PluginState,
    PortalNetwork,
    QrCodeRequest,
    ShopRecord,
    ShopWifi,
    StatisticsRequest,
    WifiPage,
)


class WifiApi(ApiGroup):
    async def plugin(self, callback_url: str) -> PluginState:
        """Whether the Wi-Fi plug-in is open, and the ``wifi_token`` that opens it when it is not."""
        path = "bizwifi/openplugin/token"
        return parse_answer(path, PluginState, await self._data(path, json={"callback_url": callback_url}))

    async def _pages(self, path: str, request: Callable[[int], PageRequest]) -> AsyncIterator[dict[str, Any]]:
        index = 1
        while True:
            page = parse_answer(path, WifiPage, await self._data(path, json=request(index).body()))
            for record in page.records:
                yield record
            if not page.records or index >= page.pagecount:
                return
            index += 1

    async def shops(self) -> AsyncIterator[ShopRecord]:
        """Every store of the account, with its network's kind and ssids."""
        async for record in self._pages("bizwifi/shop/list", lambda index: PageRequest(pageindex=index)):
            yield parse_answer("bizwifi/shop/list", ShopRecord, record)

    async def shop(self, shop_id: int) -> ShopWifi:
        return parse_answer(
            "bizwifi/shop/get", ShopWifi, await self._data("bizwifi/shop/get", json={"shop_id": shop_id})
        )

    async def add_password_network(self, shop_id: int, ssid: str, password: str) -> None:
        """Make the store a password store (or add an ssid to it)."""
        await self._json(
            "bizwifi/device/add", json=PasswordNetwork(shop_id=shop_id, ssid=ssid, password=password).body()
        )

    async def register_portal(self, shop_id: int, ssid: str, *, reset: bool = False) -> str:
        """Make the store a portal store (or add an ssid to it): the ssid's secretkey, a new one if ``reset``."""
        body = PortalNetwork(shop_id=shop_id, ssid=ssid, reset=reset).body()
        return str((await self._data("bizwifi/apportal/register", json=body))["secretkey"])

    async def change_network(self, shop_id: int, old_ssid: str, ssid: str, password: str | None = None) -> None:
        body = NetworkChange(shop_id=shop_id, old_ssid=old_ssid, ssid=ssid, password=password).body()
        await self._json("bizwifi/shop/update", json=body)

    async def clean(self, shop_id: int, ssid: str | None = None) -> None:
        """Forget the store's whole network and devices, or one ssid's."""
        body: dict[str, Any] = {"shop_id": shop_id} if ssid is None else {"shop_id": shop_id, "ssid": ssid}
        await self._json("bizwifi/shop/clean", json=body)

    async def devices(self, shop_id: int | None = None) -> AsyncIterator[DeviceRecord]:
        """Every device someone connected through, in one store or all."""

        def request(index: int) -> PageRequest:
            return PageRequest(pageindex=index, shop_id=shop_id)

        async for record in self._pages("bizwifi/device/list", request):
            yield parse_answer("bizwifi/device/list", DeviceRecord, record)

    async def delete_device(self, bssid: str) -> None:
        await self._json("bizwifi/device/delete", json=DeviceDeletion(bssid=bssid).body())

    async def qrcode_url(self, shop_id: int, ssid: str, img_id: int = 0) -> str:
        """The image URL of the QR code (0) or printable sign (1) that connects to ``ssid``."""
        body = QrCodeRequest.model_validate({"shop_id": shop_id, "ssid": ssid, "img_id": img_id}).body()
        return str((await self._data("bizwifi/qrcode/get", json=body))["qrcode_url"])

    async def set_homepage(self, homepage: Homepage) -> None:
        """The page behind the chat-list bar: ``Homepage.default``, ``.web`` or ``.mini_program``."""
        await self._json("bizwifi/homepage/set", json=homepage.body())

    async def homepage(self, shop_id: int) -> HomepageInfo:
        path = "bizwifi/homepage/get"
        return parse_answer(path, HomepageInfo, await self._data(path, json={"shop_id": shop_id}))

    async def set_bar(self, shop_id: int, bar_type: int) -> None:
        await self._json("bizwifi/bar/set", json=Bar.model_validate({"shop_id": shop_id, "bar_type": bar_type}).body())

    async def set_finish_page(self, page: FinishPage) -> None:
        await self._json("bizwifi/finishpage/set", json=page.body())

    async def statistics(self, begin: DateLike, end: DateLike, shop_id: int = -1) -> list[DayFigures]:
        """Every day's figures from ``begin`` to ``end`` (both included), one store's or (-1) every store's."""
        rows: list[DayFigures] = []
        for first, last in windows(begin, end, MAX_STATISTICS_DAYS):
            body = _statistics(first, last, shop_id)
            rows += [parse_answer("bizwifi/statistics/list", DayFigures, row) for row in await self._rows(body)]
        return rows

    async def _rows(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        data = await self._data("bizwifi/statistics/list", json=body)
        return list(data) if isinstance(data, list) else []

    async def put_coupon(self, placement: CouponPut) -> None:
        await self._json("bizwifi/couponput/set", json=placement.body())

    async def coupon(self, shop_id: int) -> CouponPlacement:
        path = "bizwifi/couponput/get"
        return parse_answer(path, CouponPlacement, await self._data(path, json={"shop_id": shop_id}))

    async def connect_url(self) -> str:
        """The URL a menu button connects with (every store's network a password network)."""
        return str((await self._data("bizwifi/account/get_connecturl"))["connect_url"])


def _statistics(first: date, last: date, shop_id: int) -> dict[str, Any]:
    return StatisticsRequest(begin_date=first, end_date=last, shop_id=shop_id).body()
