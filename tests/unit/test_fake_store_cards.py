"""The fake's 门店小程序 card (card/storewxa/get, card/storewxa/set): one card per approved store of the
account's, never a custom-code or deleted card, none until set."""

from typing import Any

import pytest

from sandbox.fake_wechat.cards.state import Account
from sandbox.fake_wechat.cards.store_cards import offer, offered
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.stores.state import Stores
from tests.unit.test_fake_cards import BASE, approved, card
from tests.unit.test_fake_stores import APP, APPLICATION, OTHER, call
from tests.unit.test_fake_stores import approved as approved_store

INVALID_CARD_ID, INVALID_CARD_STATUS, INVALID_ARGS, INVALID_POI_ID = 40073, 40078, 40097, 65115


def refused(action: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as error:
        action(*args)
    return error.value.errcode


@pytest.fixture
def stores() -> Stores:
    stores = Stores()
    call(stores, "wxa/apply_merchant", APPLICATION)
    stores.confirm(APP, True)
    stores.review(APP, call(stores, "wxa/get_merchant_audit_info")["data"]["audit_id"], True)
    return stores


def test_a_store_offers_no_card_until_one_is_set_then_that_one(stores: Stores) -> None:
    poi_id, cards = approved_store(stores), Account()
    shops = stores.of(APP).shops
    assert offered(shops, {"poi_id": poi_id}) == {}
    first, second = approved(cards), approved(cards)
    assert offer(shops, cards.cards, {"poi_id": int(poi_id), "card_id": first}) == {}
    assert offered(shops, {"poi_id": poi_id}) == {"card_id": first}
    offer(shops, cards.cards, {"poi_id": poi_id, "card_id": second})
    assert offered(shops, {"poi_id": poi_id}) == {"card_id": second}


def test_an_unknown_foreign_or_unapproved_store_is_65115(stores: Stores) -> None:
    poi_id, cards = approved_store(stores), Account()
    card_id = approved(cards)
    assert refused(offered, stores.of(OTHER).shops, {"poi_id": poi_id}) == INVALID_POI_ID
    assert refused(offer, stores.of(APP).shops, cards.cards, {"poi_id": "1", "card_id": card_id}) == INVALID_POI_ID
    assert refused(offered, stores.of(APP).shops, {"poi_id": "x"}) == INVALID_POI_ID


def test_the_card_is_the_accounts_live_and_not_a_custom_code_one(stores: Stores) -> None:
    poi_id, cards = approved_store(stores), Account()
    shops = stores.of(APP).shops
    assert refused(offer, shops, cards.cards, {"poi_id": poi_id, "card_id": "pNoSuchCard"}) == INVALID_CARD_ID
    custom = approved(cards, card(base={**BASE, "use_custom_code": True}))
    assert refused(offer, shops, cards.cards, {"poi_id": poi_id, "card_id": custom}) == INVALID_ARGS
    deleted = approved(cards)
    cards.cards.delete({"card_id": deleted})
    assert refused(offer, shops, cards.cards, {"poi_id": poi_id, "card_id": deleted}) == INVALID_CARD_STATUS
    assert offered(shops, {"poi_id": poi_id}) == {}
