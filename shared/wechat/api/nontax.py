"""非税缴费: read a receivable, place and follow orders, refund them, read the day's statement, test the bureau's URLs.

    placed = await api.nontax.place(Order(...))          # order_id and the H5 pay_url
    info = await api.nontax.order(placed.order_id)       # status 1 unpaid, 3/4 paid, 5 refunded …
    await api.nontax.refund(Refund(order_id=..., reason="重复缴费", refund_fee=100, refund_out_id="r-1"))
    statement = await api.nontax.statement(BillQuery(mch_id="1900000109", bill_date=date(2023, 11, 14)))

Every body carries the calling account's ``appid``, added here; a body WeChat would refuse for its
shape raises before anything is sent.
"""

import secrets
from typing import Any

from shared.wechat.api.group import ApiGroup
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.models.nontax import (
    BillQuery,
    FeeQuery,
    MicroPay,
    MockTarget,
    Notice,
    Order,
    OrderInfo,
    OrderList,
    Placed,
    Refund,
    Statement,
)
from shared.wechat.models.nontax_bill import AuthPage, AuthRequest, Inserted, Receipt, Template
from shared.wechat.models.nontax_vehicle import Deduction, Entrance, StateQuery, UserState


class NonTaxApi(ApiGroup):
    async def query_fee(self, query: FeeQuery) -> dict[str, Any]:
        """The receivable the finance system holds for a notice: ``user_name``, ``fee``, ``items`` …"""
        return await self._json("nontax/queryfee", json=query.body(self._app_id))

    async def place(self, order: Order) -> Placed:
        return await self._model("nontax/unifiedorder", Placed, json=order.body(self._app_id))

    async def micropay(self, order: MicroPay) -> str:
        """Charge the payment code the user shows; the paid order's id."""
        return await self._text("nontax/micropay", "order_id", json=order.body(self._app_id))

    async def order(self, order_id: str) -> OrderInfo:
        body = {"appid": self._app_id, "order_id": _order_id(order_id)}
        return await self._model("nontax/getorder", OrderInfo, json=body)

    async def orders_for(self, notice: Notice) -> OrderList:
        """The orders placed for a notice, and the one paid (``""`` if none)."""
        return await self._model("nontax/getorderlist", OrderList, json=notice.body(self._app_id))

    async def refund(self, refund: Refund) -> str:
        """The refund's ``refund_order_id``; ``""`` when WeChat gave none (its documented example answers only
        errcode 0: the refund is done all the same, read it back with ``order``)."""
        answer = await self._json("nontax/refund", json=refund.body(self._app_id))
        return str(answer.get("refund_order_id", ""))

    async def report_inconsistent(self, order_id: str) -> None:
        body = {"appid": self._app_id, "order_id": _order_id(order_id)}
        await self._json("nontax/notifyinconsistentorder", json=body)

    async def statement(self, query: BillQuery) -> Statement:
        """The day's statement (ready from 06:00 China time the next day), its CSV read into rows and totals."""
        answer = await self._media("nontax/downloadbill", json=query.body(self._app_id))
        try:
            return Statement.parse(answer.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise WeChatError(ErrCode.SYSTEM_BUSY, f"nontax/downloadbill answered no statement ({exc})") from None

    async def test_notification(self, target: MockTarget) -> None:
        """Have WeChat send test payment notifications to the bureau's ``url``."""
        await self._json("nontax/mocknotification", json=target.body(self._app_id))

    async def test_query_fee(self, target: MockTarget) -> None:
        """Have WeChat send a test receivable query to the bureau's ``url``."""
        await self._json("nontax/mockqueryfee", json=target.body(self._app_id))

    async def real_name_auth_url(self, redirect_url: str) -> dict[str, Any]:
        """The page where a user agrees to share their real name: ``auth_url`` and its ``expires_in``
        (seconds); WeChat then sends the user to ``redirect_url`` with a ``wx_realname_token``."""
        if not isinstance(redirect_url, str) or not redirect_url.startswith(("https://", "http://")):
            raise ValueError(f"redirect_url is an http(s) URL (got {redirect_url!r})")
        return await self._json("intp/realname/getauthurl", json={"redirect_url": redirect_url})

    async def real_name(self, wx_realname_token: str) -> dict[str, Any]:
        """The real name, sealed for the bureau: ``key_encrypt_type``, ``key``, ``data_encrypt_type``, ``data``."""
        if not isinstance(wx_realname_token, str) or not wx_realname_token.strip():
            raise ValueError("wx_realname_token is the token the user's consent gave")
        return await self._json("nontax/getrealname", json={"wx_realname_token": wx_realname_token})

    # -- 车主服务 ---------------------------------------------------------------------------------

    async def vehicle_state(self, query: StateQuery) -> UserState:
        return await self._model("nontax/vehicle/querystate", UserState, json=query.body(self._app_id))

    async def vehicle_entered(self, entrance: Entrance) -> str:
        """Report a car entering; its user's state (``NORMAL`` when the plate has enabled 车主服务)."""
        return await self._text("nontax/vehicle/entrancenotify", "user_state", json=entrance.body(self._app_id))

    async def vehicle_deduct(self, deduction: Deduction) -> str:
        """Ask for a deduction (accepted, then charged): its ``order_id``, followed with ``order``."""
        return await self._text("nontax/vehicle/payapply", "order_id", json=deduction.body(self._app_id))

    # -- 财政电子票据 ---------------------------------------------------------------------------------

    async def receipt_auth_page(self, request: AuthRequest) -> AuthPage:
        """The page where the payer agrees to receive the receipt of ``order_id``."""
        body = request.model_dump(mode="json", exclude_none=True)
        return await self._model("nontax/getbillauthurl", AuthPage, json=body)

    async def create_receipt_template(self, template: Template) -> str:
        """The template's ``card_id``."""
        body = {"invoice_info": template.model_dump(mode="json", exclude_none=True)}
        return await self._text("nontax/createbillcard", "card_id", json=body)

    async def insert_receipt(
        self, order_id: str, card_id: str, receipt: Receipt, *, appid: str | None = None, nonce: str = ""
    ) -> Inserted:
        """Put ``receipt`` into the wallet of the payer who agreed for ``order_id``: its ``code`` and ``openid``.

        The caller is the finance bureau (财政局); ``appid`` is the account the order was authorized
        with (一般为执收单位appid), this account's when not given."""
        user_card = {"invoice_user_data": receipt.model_dump(mode="json")}
        authorizer = _order_id(appid) if appid is not None else self._app_id
        body = {
            "appid": authorizer, "order_id": _order_id(order_id), "card_id": _order_id(card_id),
            "card_ext": {"nonce_str": nonce or secrets.token_hex(8), "user_card": user_card},
        }  # fmt: skip
        return await self._model("nontax/insertbill", Inserted, json=body)


def _order_id(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"an id is a non-empty string (got {value!r})")
    return value
