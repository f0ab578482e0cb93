"""One account's red-packet lotteries (摇一摇红包), with no I/O.

A lottery runs at most ``MAX_DAYS`` days and takes at most ``total`` tickets, which come from WeChat Pay's
red-packet pre-order (a ``v1|…`` string) and are added ``MAX_BATCH`` a call; a ticket already added, or one
from another sponsor, is answered in its own list. Creating one adds the page its template shows.
WeChat documents no code for a lottery it does not know: the fake answers 9001001.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.rules import refuse

FIRST_LOTTERY = 5794560
MAX_DAYS, MAX_BATCH = 91, 100
TITLE_WIDTH, DESC_WIDTH = 12, 14
TICKET_PREFIX = "v1|"


@dataclass
class Lottery:
    lottery_id: str
    fields: dict[str, Any]
    page_id: int
    tickets: list[str] = field(default_factory=list)
    drawn: int = 0

    def describe(self, app_id: str, now: float) -> dict[str, Any]:
        expired = now >= self.fields["expire_time"]
        left = len(self.tickets) - self.drawn
        return {
            "lottery_id": self.lottery_id, **{k: v for k, v in self.fields.items() if k not in ("key", "total")},
            "appid": app_id, "prize_count_limit": self.fields["total"], "prize_count": len(self.tickets),
            "expired_prizes": left if expired else 0, "drawed_prizes": self.drawn,
            "available_prizes": 0 if expired else left, "expired_value": 0, "drawed_value": 0, "available_value": 0,
        }  # fmt: skip


def lottery_fields(body: dict[str, Any]) -> dict[str, Any]:
    bad = rules.POST_INVALID
    fields: dict[str, Any] = {
        "title": rules.text(body, "title", bad, max_width=TITLE_WIDTH),
        "desc": rules.text(body, "desc", bad, max_width=DESC_WIDTH),
        "onoff": rules.integer(body, "onoff", bad, high=1, default=1),
        "begin_time": rules.integer(body, "begin_time", bad),
        "expire_time": rules.integer(body, "expire_time", bad),
        "sponsor_appid": rules.text(body, "sponsor_appid", bad),
        "total": rules.integer(body, "total", bad, low=1),
        "jump_url": rules.text(body, "jump_url", bad),
        "key": rules.text(body, "key", bad),
    }
    span = fields["expire_time"] - fields["begin_time"]
    if span <= 0 or span > MAX_DAYS * rules.DAY:
        raise refuse(bad)
    return fields


@dataclass
class Lotteries:
    lotteries: dict[str, Lottery] = field(default_factory=dict)
    next_lottery: int = FIRST_LOTTERY

    def add(self, fields: dict[str, Any], page_id: int) -> Lottery:
        lottery = Lottery(str(self.next_lottery), fields, page_id)
        self.next_lottery += 1
        self.lotteries[lottery.lottery_id] = lottery
        return lottery

    def get(self, lottery_id: object) -> Lottery:
        found = self.lotteries.get(str(lottery_id)) if isinstance(lottery_id, str | int) else None
        if found is None:
            raise refuse(rules.POST_INVALID)
        return found

    def add_tickets(self, body: dict[str, Any]) -> dict[str, Any]:
        lottery = self.get(body.get("lottery_id"))
        rules.text(body, "mchid", rules.POST_INVALID)
        sponsor = rules.text(body, "sponsor_appid", rules.POST_INVALID)
        prizes = rules.listed(body, "prize_info_list", rules.POST_INVALID, most=MAX_BATCH)
        outcome: dict[str, list[dict[str, str]]] = {"repeat_ticket_list": [], "wrong_authmchid_ticket_list": [],
                                                    "invalid_ticket_list": []}  # fmt: skip
        accepted: list[str] = []
        for prize in prizes:
            ticket = prize.get("ticket") if isinstance(prize, dict) else None
            if not isinstance(ticket, str) or not ticket.startswith(TICKET_PREFIX):
                outcome["invalid_ticket_list"].append({"ticket": str(ticket)})
            elif ticket in lottery.tickets or ticket in accepted:
                outcome["repeat_ticket_list"].append({"ticket": ticket})
            elif sponsor != lottery.fields["sponsor_appid"]:
                outcome["wrong_authmchid_ticket_list"].append({"ticket": ticket})
            else:
                accepted.append(ticket)
        if len(lottery.tickets) + len(accepted) > lottery.fields["total"]:  # none is added past the total
            raise refuse(rules.POST_INVALID)
        lottery.tickets.extend(accepted)
        added = len(accepted)
        return {"success_num": added, **{name: tickets for name, tickets in outcome.items() if tickets}}

    def switch(self, query: dict[str, Any]) -> None:
        lottery = self.get(query.get("lottery_id"))
        lottery.fields["onoff"] = rules.integer(query, "onoff", rules.POST_INVALID, high=1)
