"""Every account's card extensions, created on first use."""

from collections import defaultdict
from dataclasses import dataclass, field

from sandbox.fake_wechat.card_extras.coins import Coins
from sandbox.fake_wechat.card_extras.giftcards import GiftCards
from sandbox.fake_wechat.card_extras.paygifts import PayGifts
from sandbox.fake_wechat.card_extras.submerchants import SubMerchants


@dataclass
class Account:
    submerchants: SubMerchants = field(default_factory=SubMerchants)
    coins: Coins = field(default_factory=Coins)
    giftcards: GiftCards = field(default_factory=GiftCards)
    paygifts: PayGifts = field(default_factory=PayGifts)


@dataclass
class CardExtras:
    accounts: defaultdict[str, Account] = field(default_factory=lambda: defaultdict(Account))

    def of(self, app_id: str) -> Account:
        return self.accounts[app_id]
