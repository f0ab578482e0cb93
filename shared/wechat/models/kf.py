"""Customer service (客服管理): accounts, invitations, sessions, the chat record and the typing state.

WeChat's rules (2025 reference pages): an account is ``prefix@wechat_id``, the prefix at most 10
letters, digits or ``_``, the account's WeChat ID at most 30 characters (65404 otherwise); a nickname
at most 16 characters (65403); a picture a jpg of at most 5 MB; a worker is invited by WeChat ID
(6–20 letters, digits, ``_`` or ``-``, starting with a letter: 65409 otherwise). The chat record is
read 24 hours at most (65417) and 10,000 records at most a call, from ``msgid`` 1 on. "Typing" shows
for 15 s, only within 30 s of an exchange with the follower (45080), once at a time (45081).
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from shared.wechat.models.media import MB, Limit
from shared.wechat.models.request import WeChatRequest
from shared.wechat.models.users import OpenId

NICKNAME_CHARS, MAX_RECORDS, RECORD_SPAN_SECONDS = 16, 10_000, 24 * 3600
HEADIMG = Limit(5 * MB, frozenset({"jpg", "jpeg"}))

KfAccount = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$")]
Nickname = Annotated[str, StringConstraints(min_length=1, max_length=NICKNAME_CHARS)]
WeChatId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{5,19}$")]
UnixTime = Annotated[int, Field(strict=True, ge=0)]


class AccountRef(WeChatRequest):
    kf_account: KfAccount


class NewAccount(AccountRef):
    """``kfaccount/add`` and ``kfaccount/update``."""

    nickname: Nickname


class Invitation(AccountRef):
    invite_wx: WeChatId


class SessionRef(WeChatRequest):
    kf_account: KfAccount
    openid: OpenId


class RecordQuery(WeChatRequest):
    """``msgrecord/getmsglist``: records from ``msgid`` (1 for the first) between two times ≤ 24 h apart."""

    starttime: UnixTime
    endtime: UnixTime
    msgid: Annotated[int, Field(strict=True, ge=1)] = 1
    number: Annotated[int, Field(strict=True, ge=1, le=MAX_RECORDS)] = MAX_RECORDS

    @model_validator(mode="after")
    def _span(self) -> "RecordQuery":
        if self.endtime < self.starttime:
            raise ValueError("endtime is before starttime")
        if self.endtime - self.starttime > RECORD_SPAN_SECONDS:
            raise ValueError(f"the chat record is read {RECORD_SPAN_SECONDS} seconds (24 h) at most a call")
        return self


class Typing(WeChatRequest):
    touser: OpenId
    command: Literal["Typing", "CancelTyping"]


class RecordPage(BaseModel):
    """A page of the chat record; ``msgid`` is where the next page starts."""

    model_config = ConfigDict(extra="allow", frozen=True)

    recordlist: list[dict[str, Any]] = Field(default_factory=list)
    number: int = 0
    msgid: int = 0


class WaitCases(BaseModel):
    """``getwaitcase``: how many wait, and the first 100 in order of arrival."""

    model_config = ConfigDict(extra="allow", frozen=True)

    count: int = 0
    waitcaselist: list[dict[str, Any]] = Field(default_factory=list)


class Session(BaseModel):
    """``getsession``: who serves the follower (``kf_account`` empty: nobody) since ``createtime``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    kf_account: str = ""
    createtime: int = 0
