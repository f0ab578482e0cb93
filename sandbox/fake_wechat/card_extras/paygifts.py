"""Pay-gift rules (支付后投放卡券) and social 立减金 activities of one account.

A rule gives a member card to whoever pays one of its merchant numbers between ``least_cost`` and
``max_cost`` (fen) while it runs; a merchant number is in at most one running rule, so a second rule
lists it in ``fail_mchid_list``.
"""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_object as obj
from sandbox.fake_wechat.card_extras.rules import card_id, time_range

RULE_TYPE = "RULE_TYPE_PAY_MEMBER_CARD"


@dataclass
class PayGifts:
    rules: dict[int, dict[str, Any]] = field(default_factory=dict)
    activities: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        rule = obj(body, "rule_info")
        if rule.get("type") != RULE_TYPE:
            raise invalid("type")
        base, member = obj(rule, "base_info"), obj(rule, "member_rule")
        begin, end = time_range(base)
        mchids = base.get("mchid_list")
        if not isinstance(mchids, list) or not mchids or not all(isinstance(m, str) and m for m in mchids):
            raise invalid("mchid_list")
        card_id(member)
        if integer(member, "least_cost") > integer(member, "max_cost"):
            raise invalid("least_cost above max_cost")
        taken = {
            m for r in self.rules.values() if r["base_info"]["end_time"] > now for m in r["base_info"]["mchid_list"]
        }
        succ = [m for m in mchids if m not in taken]
        rule_id = len(self.rules) + 1
        if succ:
            self.rules[rule_id] = {**rule, "base_info": {**base, "mchid_list": succ, "begin_time": begin,
                                                         "end_time": end}}  # fmt: skip
        return {"rule_id": rule_id if succ else 0, "succ_mchid_list": succ,
                "fail_mchid_list": [m for m in mchids if m in taken]}  # fmt: skip

    def delete(self, body: dict[str, Any]) -> None:
        self._rule(body)
        del self.rules[body["rule_id"]]

    def get(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._rule(body)

    def page(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        if body.get("type") != RULE_TYPE:
            raise invalid("type")
        offset, count = integer(body, "offset", default=0), integer(body, "count", low=1, high=100, default=10)
        effective = body.get("effective", False)
        found = [{"rule_id": i, **r} for i, r in sorted(self.rules.items())
                 if not effective or r["base_info"]["begin_time"] <= now < r["base_info"]["end_time"]]  # fmt: skip
        return {"total_count": len(found), "rule_list": found[offset : offset + count]}

    def create_activity(self, body: dict[str, Any]) -> str:
        info = obj(body, "info")
        basic = obj(info, "basic_info")
        time_range(basic)
        integer(basic, "gift_num", low=1)
        cards = info.get("card_info_list")
        if not isinstance(cards, list) or not cards or not all(isinstance(c, dict) for c in cards):
            raise invalid("card_info_list")
        for card in cards:
            card_id(card)
        activity_id = f"{len(self.activities) + 1:016d}"
        self.activities[activity_id] = info
        return activity_id

    def _rule(self, body: dict[str, Any]) -> dict[str, Any]:
        rule = self.rules.get(integer(body, "rule_id"))
        if rule is None:
            raise invalid("rule_id does not exist")
        return rule
