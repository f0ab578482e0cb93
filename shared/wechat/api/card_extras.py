"""The card extensions (group ``card_extras``): third-party sub-merchants, 券点, and gift cards.

Pay-gift rules (``card/paygiftcard/*``) and 立减金 activities go through ``api.call`` with their body.
"""

from collections.abc import AsyncIterator
from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.models.card_coins import Coins, Confirmation, OrderPage, OrderQuery, Price, PriceQuery, Recharge
from shared.wechat.models.card_submerchant import (
    MAX_PAGE,
    MerchantRef,
    Status,
    SubMerchant,
    SubMerchantInfo,
    SubMerchantPage,
    SubMerchantQuery,
    SubMerchantUpdate,
)
from shared.wechat.models.giftcard import Maintain, Order, Page, PageChange, UserCardChange
from shared.wechat.models.giftcard import OrderPage as GiftOrderPage
from shared.wechat.models.giftcard import OrderQuery as GiftOrderQuery


class SubMerchantApi(ApiGroup):
    async def submit(self, info: SubMerchantInfo) -> SubMerchant:
        """Submit a sub-merchant for review: it comes back ``CHECKING`` with its ``merchant_id``."""
        return await self._info("card/submerchant/submit", {"info": info.body()})

    async def update(self, info: SubMerchantUpdate) -> SubMerchant:
        return await self._info("card/submerchant/update", {"info": info.body()})

    async def get(self, merchant_id: int) -> SubMerchant:
        return await self._info("card/submerchant/get", MerchantRef(merchant_id=merchant_id).body())

    async def page(self, query: SubMerchantQuery) -> SubMerchantPage:
        return await self._model("card/submerchant/batchget", SubMerchantPage, json=query.body())

    async def all(self, status: Status | None = None, *, page_size: int = MAX_PAGE) -> AsyncIterator[SubMerchant]:
        """Every sub-merchant (of one review status, if given), ``page_size`` (≤ 100) at a time."""
        query, last = SubMerchantQuery(status=status, limit=page_size), -1
        while True:
            page = await self.page(query)
            new = [merchant for merchant in page.info_list if merchant.merchant_id > last]
            for merchant in new:
                yield merchant
            if len(page.info_list) < query.limit:
                return
            if new:  # next_begin_id is the page's last sub-merchant: WeChat may start there or after it
                last = max(merchant.merchant_id for merchant in new)
                begin = max(page.next_begin_id, last)
            elif query.begin_id <= last:  # a full page of ones already seen: step past them
                begin = last + 1
            else:
                return
            query = query.model_copy(update={"begin_id": begin})

    async def categories(self) -> list[dict[str, Any]]:
        """The card categories (``primary_category_id`` with their secondary ones) a sub-merchant may choose."""
        category: list[dict[str, Any]] = (await self._json("card/getapplyprotocol")).get("category", [])
        return category

    async def colors(self) -> dict[str, str]:
        """The colours a card may take: name (``Color010``) → its RGB value."""
        colors = (await self._json("card/getcolors")).get("colors", [])
        return {str(color.get("name")): str(color.get("value")) for color in colors if isinstance(color, dict)}

    async def _info(self, path: str, body: dict[str, Any]) -> SubMerchant:
        return parse_answer(path, SubMerchant, (await self._json(path, json=body)).get("info", {}))


class CardCoinsApi(ApiGroup):
    async def activate(self) -> int:
        """Open the 券点 account: the free 券点 WeChat gives for it (``reward``)."""
        return int((await self._json("card/pay/activate")).get("reward", 0))

    async def price(self, card_id: str, quantity: int) -> Price:
        body = PriceQuery(card_id=card_id, quantity=quantity).body()
        return await self._model("card/pay/getpayprice", Price, json=body)

    async def balance(self) -> Coins:
        return await self._model("card/pay/getcoinsinfo", Coins)

    async def confirm(self, card_id: str, order_id: str, quantity: int) -> None:
        body = Confirmation(card_id=card_id, order_id=order_id, quantity=quantity).body()
        await self._json("card/pay/confirm", json=body)

    async def recharge(self, coin_count: int) -> dict[str, Any]:
        """An order to buy ``coin_count`` 券点: ``order_id`` and the WeChat Pay ``qrcode_url`` to pay it."""
        return await self._json("card/pay/recharge", json=Recharge(coin_count=coin_count).body())

    async def order(self, order_id: str) -> dict[str, Any]:
        if not order_id:
            raise ValueError("an order_id is the id card/pay/recharge or getpayprice answered")
        return _field("card/pay/getorder", await self._json("card/pay/getorder", json={"order_id": order_id}),
                      "order_info")  # fmt: skip

    async def orders(self, query: OrderQuery) -> OrderPage:
        return await self._model("card/pay/getorderlist", OrderPage, json=query.body())


class GiftCardApi(ApiGroup):
    async def add_page(self, page: Page) -> str:
        """Create a shelf; its ``page_id``."""
        answer = await self._json("card/giftcard/page/add", json={"page": page.body()})
        page_id = answer.get("page_id")
        if not isinstance(page_id, str) or not page_id:
            raise WeChatError(ErrCode.SYSTEM_BUSY, "card/giftcard/page/add answered no page_id")
        return page_id

    async def page(self, page_id: str) -> dict[str, Any]:
        answer = await self._json("card/giftcard/page/get", json={"page_id": _id(page_id)})
        return _field("card/giftcard/page/get", answer, "page")

    async def update_page(self, page: PageChange) -> None:
        await self._json("card/giftcard/page/update", json={"page": page.body()})

    async def page_ids(self) -> list[str]:
        return [str(i) for i in (await self._json("card/giftcard/page/batchget", json={})).get("page_id_list", [])]

    async def maintain(self, page_id: str | None = None, *, every: bool = False, off_sale: bool = True) -> None:
        """Take one shelf (or ``every`` shelf) off sale; ``off_sale=False`` puts it back."""
        body = Maintain(page_id=page_id, all=True if every else None, maintain=off_sale).body()
        await self._json("card/giftcard/maintain/set", json=body)

    async def order(self, order_id: str) -> Order:
        answer = await self._json("card/giftcard/order/get", json={"order_id": _id(order_id)})
        return parse_answer("card/giftcard/order/get", Order, answer.get("order", {}))

    async def orders(self, query: GiftOrderQuery) -> GiftOrderPage:
        return await self._model("card/giftcard/order/batchget", GiftOrderPage, json=query.body())

    async def refund(self, order_id: str) -> None:
        await self._json("card/giftcard/order/refund", json={"order_id": _id(order_id)})

    async def update_user_card(self, change: UserCardChange) -> dict[str, Any]:
        """A user's gift card after use: WeChat answers ``result_bonus``, ``result_balance`` and ``openid``."""
        return await self._json("card/generalcard/updateuser", json=change.body())


def _field(path: str, answer: dict[str, Any], key: str) -> dict[str, Any]:
    """The object ``answer`` holds under ``key``; without one the answer is WeChat's fault (``WeChatError``)."""
    value = answer.get(key)
    if not isinstance(value, dict):
        raise WeChatError(ErrCode.SYSTEM_BUSY, f"{path} answered no {key}")
    return value


def _id(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"an id is the non-empty string WeChat answered (got {value!r})")
    return value
