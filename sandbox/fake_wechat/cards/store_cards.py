"""``card/storewxa/get`` and ``card/storewxa/set``: the one card a 门店小程序 store offers.

The store is one of the account's approved 门店小程序 stores (65115 otherwise, as the store calls answer);
the card is the account's, not deleted (40073, 40078) and not a custom-code card ("card_id需要为非自定义
code"; WeChat documents no code for it: 40097). ``get`` answers no ``card_id`` while none is set. No I/O.
"""

from typing import Any

from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.cards.cards import CardBook
from sandbox.fake_wechat.state import FakeWeChatState
from sandbox.fake_wechat.stores.shops import Shops


def offered(shops: Shops, body: dict[str, Any]) -> dict[str, Any]:
    card_id = shops.by_poi(body).fields.get("card_id")
    return {"card_id": card_id} if card_id else {}


def offer(shops: Shops, cards: CardBook, body: dict[str, Any]) -> dict[str, Any]:
    shop = shops.by_poi(body)
    card = cards.live(body)
    if card.base.get("use_custom_code"):
        raise invalid("card_id is a custom-code card")
    shop.fields["card_id"] = card.card_id
    return {}


def store_card(state: FakeWeChatState, app_id: str, body: dict[str, Any], _now: float) -> dict[str, Any]:
    return offered(state.stores.of(app_id).shops, body)


def set_store_card(state: FakeWeChatState, app_id: str, body: dict[str, Any], _now: float) -> dict[str, Any]:
    return offer(state.stores.of(app_id).shops, state.cards.of(app_id).cards, body)
