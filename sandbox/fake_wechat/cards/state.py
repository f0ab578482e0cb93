"""Every account's 卡券 core, created on first use."""

from dataclasses import dataclass, field

from sandbox.fake_wechat.cards.cards import CardBook
from sandbox.fake_wechat.cards.codes import CodeBook
from sandbox.fake_wechat.cards.members import Members


@dataclass
class Account:
    cards: CardBook = field(default_factory=CardBook)
    codes: CodeBook = field(init=False)
    members: Members = field(init=False)

    def __post_init__(self) -> None:
        self.codes = CodeBook(self.cards)
        self.members = Members(self.codes)


@dataclass
class Cards:
    accounts: dict[str, Account] = field(default_factory=dict)

    def of(self, app_id: str) -> Account:
        if app_id not in self.accounts:
            self.accounts[app_id] = Account(CardBook(app_id))
        return self.accounts[app_id]
