"""摇一摇红包: what ``shakearound/lottery/*`` take and answer.

A lottery's title and description are measured as a page's (≤ 6 / 7 CJK characters); it runs at most
91 days and takes at most ``total`` red-packet tickets from WeChat Pay's pre-order, 100 a call.
"""

from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from shared.wechat.models.shakearound import DAY, Description, Id, ShakeAnswer, ShakeRequest, Text, Title

MAX_LOTTERY_DAYS = 91
MAX_TICKETS_A_CALL = 100


class Lottery(ShakeRequest):
    """``lottery/addlotteryinfo``'s body: a red-packet lottery of at most ``total`` tickets, ≤ 91 days."""

    title: Title
    desc: Description
    onoff: Annotated[int, Field(ge=0, le=1)] = 1
    begin_time: Id
    expire_time: Id
    sponsor_appid: Text
    total: Annotated[int, Field(strict=True, ge=1)]
    jump_url: Annotated[str, Field(pattern=r"^https?://")]
    key: Text  # signs the red-packet JSAPI call

    @model_validator(mode="after")
    def _runs(self) -> Self:
        if not 0 < self.expire_time - self.begin_time <= MAX_LOTTERY_DAYS * DAY:
            raise ValueError(f"a lottery runs after it begins, for at most {MAX_LOTTERY_DAYS} days")
        return self


class LotteryTemplate(ShakeRequest):
    """``addlotteryinfo``'s query: WeChat's loading page (1, with the 120×120 ``logo_url``) or the caller's own (2)."""

    use_template: Annotated[int, Field(ge=1, le=2)] = 1
    logo_url: Annotated[str, Field(pattern=r"^https?://")] | None = None

    @model_validator(mode="after")
    def _logo(self) -> Self:
        if self.use_template == 1 and not self.logo_url:
            raise ValueError("WeChat's template page shows a logo_url")
        return self

    def params(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.body().items()}


class Tickets(ShakeRequest):
    """``setprizebucket``: red-packet tickets from WeChat Pay's pre-order, at most 100 a call."""

    lottery_id: Text
    mchid: Text
    sponsor_appid: Text
    tickets: Annotated[list[Text], Field(min_length=1, max_length=MAX_TICKETS_A_CALL)]

    def body(self) -> dict[str, Any]:
        return {"lottery_id": self.lottery_id, "mchid": self.mchid, "sponsor_appid": self.sponsor_appid,
                "prize_info_list": [{"ticket": ticket} for ticket in self.tickets]}  # fmt: skip


class TicketsAdded(ShakeAnswer):
    """How many tickets were added, and the refused ones by reason (a list WeChat leaves out when empty)."""

    success_num: int = 0
    repeat_ticket_list: list[dict[str, str]] = Field(default_factory=list)
    expire_ticket_list: list[dict[str, str]] = Field(default_factory=list)
    invalid_amount_ticket_list: list[dict[str, str]] = Field(default_factory=list)
    wrong_authmchid_ticket_list: list[dict[str, str]] = Field(default_factory=list)
    invalid_ticket_list: list[dict[str, str]] = Field(default_factory=list)


class LotteryInfo(ShakeAnswer):
    lottery_id: str
    title: str = ""
    desc: str = ""
    onoff: int = 1
    begin_time: int = 0
    expire_time: int = 0
    sponsor_appid: str = ""
    prize_count: int = 0
    prize_count_limit: int = 0
    drawed_prizes: int = 0
    available_prizes: int = 0
    expired_prizes: int = 0
