"""摇一摇红包: a lottery of red packets a shake draws, its tickets from WeChat Pay's pre-order, its switch.

Its answers carry their fields beside ``errcode`` (no ``data``), with an empty ``errmsg``.
"""

from shared.wechat.api.group import ApiGroup, parse_answer
from shared.wechat.models.shake_lottery import Lottery, LotteryInfo, LotteryTemplate, Tickets, TicketsAdded

P = "shakearound/lottery/"


class ShakeLotteryApi(ApiGroup):
    async def create(self, lottery: Lottery, template: LotteryTemplate) -> tuple[str, int]:
        """A new lottery: its ``lottery_id`` and the ``page_id`` of the page WeChat made for it."""
        answer = await self._json(P + "addlotteryinfo", params=template.params(), json=lottery.body())
        return str(answer["lottery_id"]), int(answer["page_id"])

    async def add_tickets(self, tickets: Tickets) -> TicketsAdded:
        """Add up to 100 tickets; those refused (repeated, expired, another merchant's …) come back by reason."""
        return await self._model(P + "setprizebucket", TicketsAdded, json=tickets.body())

    async def switch(self, lottery_id: str, *, on: bool) -> None:
        await self._json(P + "setlotteryswitch", params={"lottery_id": _id(lottery_id), "onoff": "1" if on else "0"})

    async def get(self, lottery_id: str) -> LotteryInfo:
        answer = await self._json(P + "querylottery", params={"lottery_id": _id(lottery_id)})
        return parse_answer(P + "querylottery", LotteryInfo, answer.get("result", {}))


def _id(lottery_id: str) -> str:
    if not isinstance(lottery_id, str) or not lottery_id:
        raise ValueError(f"a lottery_id is the one addlotteryinfo answered (got {lottery_id!r})")
    return lottery_id
