"""卡券's core (group ``card``): ``CardApi`` for cards and putting them in front of users, with ``codes``
(``CardCodeApi``) for the codes users hold and ``members`` (``MemberCardApi``) for member cards.

    card_id = await api.card.create(CardDefinition(card_type=CardType.CASH, base_info=..., reduce_cost=1000))
    ticket = await api.card.qrcode(CardQrCode(cards=[QrCard(card_id=card_id)]))
    await api.card.codes.consume(code, card_id)

Special tickets (``card/boardingpass/checkin``, ``card/meetingticket/updateuser``,
``card/movieticket/updateuser``) go through ``api.call`` with their body.
"""

from collections.abc import AsyncIterator, Sequence
from typing import Any

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.catalogue import Catalogue
from shared.wechat.errors import ErrCode, WeChatError
from shared.wechat.models.card import (
    MAX_PAGE,
    CardChange,
    CardDefinition,
    CardInfo,
    CardPage,
    CardQuery,
    CardStatus,
    StockChange,
)
from shared.wechat.models.card_codes import (
    MAX_CODES,
    CardQrCode,
    CodeBatch,
    CodeCheck,
    CodeRef,
    CodeStatus,
    DepositResult,
    LandingPage,
    Mark,
    QrTicket,
    UserCardRef,
)
from shared.wechat.models.member_card import Activation, ActivationForm, Member, MemberBalance, MemberChange
from shared.wechat.transport import Transport


class CardCodeApi(ApiGroup):
    async def get(self, code: str, card_id: str | None = None, *, check_consume: bool = True) -> CodeStatus:
        """A code's holder, dates and status; with ``check_consume`` a code that cannot be redeemed is an error
        (40099 redeemed, 40127 deleted, given away or unavailable) instead of its status."""
        body = {**CodeRef(code=code, card_id=card_id).body(), "check_consume": check_consume}
        return await self._model("card/code/get", CodeStatus, json=body)

    async def consume(self, code: str, card_id: str | None = None) -> str:
        """Redeem (核销) a code: the openid of the user who held it."""
        answer = await self._json("card/code/consume", json=CodeRef(code=code, card_id=card_id).body())
        return str(answer.get("openid", ""))

    async def decrypt(self, encrypt_code: str) -> str:
        """The code behind the ``encrypt_code`` a card's page or a JSAPI hands over."""
        if not isinstance(encrypt_code, str) or not encrypt_code:
            raise ValueError("an encrypt_code is the non-empty string WeChat handed over")
        return str((await self._json("card/code/decrypt", json={"encrypt_code": encrypt_code})).get("code", ""))

    async def change(self, code: str, card_id: str, new_code: str) -> None:
        """Give a custom code card's code a new value."""
        body = {**CodeRef(code=code, card_id=card_id).body(), "new_code": CodeRef(code=new_code).code}
        await self._json("card/code/update", json=body)

    async def make_unavailable(self, code: str, card_id: str | None = None, reason: str | None = None) -> None:
        body = CodeRef(code=code, card_id=card_id).body() | ({"reason": reason} if reason else {})
        await self._json("card/code/unavailable", json=body)

    async def deposit(self, card_id: str, codes: Sequence[str]) -> DepositResult:
        """Import custom codes for a card, 100 a call: which were added, duplicates, failures.

        Not atomic: when a later call fails its WeChatError is raised and the earlier calls' codes stay
        imported (read them back with ``check`` or ``deposit_count``); importing the same codes again is safe,
        WeChat lists those as ``duplicate_code``."""
        result = DepositResult()
        for batch in _batches(card_id, codes):
            result += await self._model("card/code/deposit", DepositResult, json=batch.body())
        return result

    async def deposit_count(self, card_id: str) -> int:
        return int((await self._json("card/code/getdepositcount", json={"card_id": _id(card_id)})).get("count", 0))

    async def check(self, card_id: str, codes: Sequence[str]) -> CodeCheck:
        """Which of ``codes`` the card imported (``exist_code``) and which not, 100 a call."""
        exist: list[str] = []
        missing: list[str] = []
        for batch in _batches(card_id, codes):
            answer = await self._model("card/code/checkcode", CodeCheck, json=batch.body())
            exist, missing = exist + answer.exist_code, missing + answer.not_exist_code
        return CodeCheck(exist_code=exist, not_exist_code=missing)

    async def mark(self, code: str, card_id: str, openid: str, *, marked: bool = True) -> None:
        """Hold a code for one user's order (``marked=False`` frees it)."""
        body = Mark(card_id=card_id, code=code, openid=openid, is_mark=marked).body()
        await self._json("card/code/mark", json=body)

    async def of_user(self, openid: str, card_id: str | None = None) -> list[UserCardRef]:
        """The cards (``card_id`` and ``code``) a user holds: every card, or one ``card_id``'s."""
        body = {"openid": _id(openid), **({"card_id": card_id} if card_id else {})}
        answer = await self._json("card/user/getcardlist", json=body)
        return [parse_answer("card/user/getcardlist", UserCardRef, item) for item in answer.get("card_list", [])]


class MemberCardApi(ApiGroup):
    async def activate(self, activation: Activation) -> None:
        await self._json("card/membercard/activate", json=activation.body())

    async def set_activation_form(self, form: ActivationForm) -> None:
        await self._json("card/membercard/activateuserform/set", json=form.body())

    async def activation_info(self, activate_ticket: str) -> dict[str, Any]:
        """What a user filled in the activation form (``common_field_list``, ``custom_field_list``)."""
        answer = await self._json(
            "card/membercard/activatetempinfo/get", json={"activate_ticket": _id(activate_ticket)}
        )
        info = answer.get("info")
        if not isinstance(info, dict):
            raise WeChatError(ErrCode.SYSTEM_BUSY, "card/membercard/activatetempinfo/get answered no info")
        return info

    async def activation_url(self, card_id: str, outer_str: str | None = None) -> str:
        body = {"card_id": _id(card_id), **({"outer_str": outer_str} if outer_str else {})}
        return str((await self._json("card/membercard/activate/geturl", json=body)).get("url", ""))

    async def change(self, change: MemberChange) -> MemberBalance:
        """Change a member's bonus, balance or custom fields: the totals after it."""
        return await self._model("card/membercard/updateuser", MemberBalance, json=change.body())

    async def get(self, code: str, card_id: str) -> Member:
        body = CodeRef(code=code, card_id=card_id).body()
        return await self._model("card/membercard/userinfo/get", Member, json=body)


class CardApi(ApiGroup):
    def __init__(self, transport: Transport, app_id: str, catalogue: Catalogue) -> None:
        super().__init__(transport, app_id, catalogue)
        self.codes = CardCodeApi(transport, app_id, catalogue)
        self.members = MemberCardApi(transport, app_id, catalogue)

    async def create(self, card: CardDefinition) -> str:
        """Create a card: its ``card_id``. WeChat reviews it (``CARD_STATUS_NOT_VERIFY`` until then)."""
        card_id = (await self._json("card/create", json=card.body())).get("card_id")
        if not isinstance(card_id, str) or not card_id:
            raise WeChatError(ErrCode.SYSTEM_BUSY, "card/create answered no card_id")
        return card_id

    async def get(self, card_id: str) -> CardInfo:
        answer = await self._json("card/get", json={"card_id": _id(card_id)})
        try:
            return CardInfo.of(answer["card"])
        except (KeyError, TypeError, ValueError):
            raise WeChatError(ErrCode.SYSTEM_BUSY, "card/get answered an unexpected shape") from None

    async def update(self, change: CardChange) -> bool:
        """Change a card: whether the change sends it back to WeChat's review (``send_check``)."""
        return bool((await self._json("card/update", json=change.body())).get("send_check", False))

    async def delete(self, card_id: str) -> None:
        await self._json("card/delete", json={"card_id": _id(card_id)})

    async def page(self, query: CardQuery) -> CardPage:
        return await self._model("card/batchget", CardPage, json=query.body())

    async def all(
        self, statuses: Sequence[CardStatus] | None = None, *, page_size: int = MAX_PAGE
    ) -> AsyncIterator[str]:
        """Every card_id (of these review statuses, if given), ``page_size`` (≤ 50) at a time."""
        query = CardQuery(count=page_size, status_list=list(statuses) if statuses is not None else None)
        while True:
            page = await self.page(query)
            for card_id in page.card_id_list:
                yield card_id
            offset = query.offset + len(page.card_id_list)
            if not page.card_id_list or offset >= page.total_num:
                return
            query = query.model_copy(update={"offset": offset})

    async def modify_stock(self, card_id: str, *, increase: int = 0, reduce: int = 0) -> None:
        body = StockChange(card_id=card_id, increase_stock_value=increase, reduce_stock_value=reduce).body()
        await self._json("card/modifystock", json=body)

    async def qrcode(self, qrcode: CardQrCode) -> QrTicket:
        """A QR code that gives its cards; ``show_qrcode_url`` is its image."""
        return await self._model("card/qrcode/create", QrTicket, json=qrcode.body())

    async def landing_page(self, page: LandingPage) -> tuple[str, int]:
        """A landing page for the cards: its ``url`` and ``page_id``."""
        answer = await self._json("card/landingpage/create", json=page.body())
        return str(answer.get("url", "")), int(answer.get("page_id", 0))

    async def article_html(self, card_id: str) -> str:
        """The HTML that puts the card in an article (图文消息)."""
        return str((await self._json("card/mpnews/gethtml", json={"card_id": _id(card_id)})).get("content", ""))

    async def set_test_whitelist(self, openids: Sequence[str] = (), usernames: Sequence[str] = ()) -> None:
        """Who may take cards still in review: followers by openid, or WeChat ids."""
        if not openids and not usernames:
            raise ValueError("a test whitelist names openids or usernames")
        await self._json("card/testwhitelist/set", json={"openid": list(openids), "username": list(usernames)})

    async def set_pay_cell(self, card_id: str, *, is_open: bool = True) -> None:
        await self._json("card/paycell/set", json={"card_id": _id(card_id), "is_open": is_open})

    async def set_self_consume_cell(
        self, card_id: str, *, is_open: bool = True, need_verify_cod: bool = False, need_remark_amount: bool = False
    ) -> None:
        body = {"card_id": _id(card_id), "is_open": is_open, "need_verify_cod": need_verify_cod,
                "need_remark_amount": need_remark_amount}  # fmt: skip
        await self._json("card/selfconsumecell/set", json=body)

    async def store_card(self, poi_id: str | int) -> str | None:
        """The card a 门店小程序 store offers, or None while it offers none."""
        answer = await self._json("card/storewxa/get", json={"poi_id": _poi(poi_id)})
        card_id = answer.get("card_id")
        return str(card_id) if card_id else None

    async def set_store_card(self, poi_id: str | int, card_id: str) -> None:
        """Offer one card (not a custom-code one) in a 门店小程序 store."""
        await self._json("card/storewxa/set", json={"poi_id": _poi(poi_id), "card_id": _id(card_id)})


def _batches(card_id: str, codes: Sequence[str]) -> list[CodeBatch]:
    if not codes:
        raise ValueError("name at least one code")
    return [CodeBatch(card_id=card_id, code=list(codes[i : i + MAX_CODES])) for i in range(0, len(codes), MAX_CODES)]


def _id(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"an id is the non-empty string WeChat answered (got {value!r})")
    return value


def _poi(value: str | int) -> str:
    """A store's poi_id: WeChat's number, sent as a string."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not text.isdigit():
        raise ValueError(f"a poi_id is WeChat's store number (got {value!r})")
    return text
