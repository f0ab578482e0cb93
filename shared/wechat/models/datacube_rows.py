"""The rows of WeChat's statistics reports, one model per report, and ``Kind``: a report with the model of its rows.

Every report answers ``{"list": [row, …]}`` (the 2025 article reports add ``is_delay``). A row
always has ``ref_date``; the models declare the fields the platform reads and keep every other
field WeChat sends (``extra="allow"``), so a field WeChat adds later is never lost.
"""

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class ReportRow(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    ref_date: str


class ReportAnswer(BaseModel):
    """A report's answer: its rows (none when WeChat leaves ``list`` out) and, for some, ``is_delay``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    rows: list[dict[str, Any]] = Field(default_factory=list, alias="list")
    is_delay: bool | None = None


Row = TypeVar("Row", bound=ReportRow)


@dataclass(frozen=True, slots=True)
class Kind(Generic[Row]):
    """A report by WeChat's name, with the model its rows are read as."""

    name: str
    row: type[Row]


# -- followers -------------------------------------------------------------------------------------


class UserSummaryRow(ReportRow):
    """One day and source: ``user_source`` 0 other, 1 search, 17 name card, 30 QR code, 51 payment … (WeChat's list)."""

    user_source: int = 0
    new_user: int = 0
    cancel_user: int = 0


class UserCumulateRow(ReportRow):
    cumulate_user: int


# -- articles (2014) -------------------------------------------------------------------------------


class ArticleSummaryRow(ReportRow):
    """``msgid`` is ``{msg_data_id}_{index}``; int_page: the article, ori_page: its "read more" page."""

    msgid: str
    title: str = ""
    int_page_read_user: int = 0
    int_page_read_count: int = 0
    share_user: int = 0
    share_count: int = 0
    add_to_fav_user: int = 0
    add_to_fav_count: int = 0


class ArticleTotalRow(ReportRow):
    msgid: str
    title: str = ""
    details: list[dict[str, Any]] = Field(default_factory=list)  # one per day since it was sent (stat_date)


class UserReadRow(ReportRow):
    """``user_source`` 99999999 all, 0 chat, 1 friends, 2 Moments, 4 history page, 5 other, 6 Top Stories, 7 search."""

    user_source: int = 99999999
    ref_hour: int | None = None  # hourly report only: 0, 100 … 2300
    int_page_read_user: int = 0
    int_page_read_count: int = 0
    share_user: int = 0
    share_count: int = 0


class UserShareRow(ReportRow):
    """``share_scene`` 1 to a friend, 2 Moments, 255 other."""

    share_scene: int = 255
    ref_hour: int | None = None
    share_count: int = 0
    share_user: int = 0


# -- published content (2025) ----------------------------------------------------------------------


class ArticleReadRow(ReportRow):
    msgid: str
    detail: dict[str, Any] = Field(default_factory=dict)  # read_user, read_user_source [...]


class ArticleShareRow(ReportRow):
    msgid: str
    detail: dict[str, Any] = Field(default_factory=dict)  # share_user


class BizSummaryRow(ReportRow):
    detail: dict[str, Any] = Field(default_factory=dict)  # read_user, share_user, like_user, comment_count …


class ArticleTotalDetailRow(ReportRow):
    msgid: str
    publish_type: int | None = None  # 0 notified to followers, 1 published without a notification
    detail_list: list[dict[str, Any]] = Field(default_factory=list)  # one per stat_date since publication


# -- messages --------------------------------------------------------------------------------------


class UpstreamMsgRow(ReportRow):
    """``msg_type`` 1 text, 2 image, 3 voice, 4 video, 6 link (third-party app); week and month rows are dated
    the Monday and the 1st."""

    msg_type: int
    ref_hour: int | None = None  # hourly report only
    msg_user: int = 0
    msg_count: int = 0


class UpstreamMsgDistRow(ReportRow):
    """``count_interval`` 0 none, 1 one to five, 2 six to ten, 3 more than ten messages."""

    count_interval: int
    msg_user: int = 0


# -- the callback interface ------------------------------------------------------------------------


class InterfaceSummaryRow(ReportRow):
    """Callbacks WeChat made to the account's server: how many, how many failed, their time in ms."""

    ref_hour: int | None = None  # hourly report only
    callback_count: int = 0
    fail_count: int = 0
    total_time_cost: int = 0
    max_time_cost: int = 0


# -- cards (卡券数据统计) ----------------------------------------------------------------------------


class _CardCounts(ReportRow):
    view_cnt: int = 0
    view_user: int = 0
    receive_cnt: int = 0
    receive_user: int = 0
    verify_cnt: int = 0
    verify_user: int = 0


class CardBizUinRow(_CardCounts):
    """The account's cards on one day: viewed, received, used, given on, expired."""

    given_cnt: int = 0
    given_user: int = 0
    expire_cnt: int = 0
    expire_user: int = 0


class CardInfoRow(CardBizUinRow):
    """One free coupon on one day; ``card_type`` 0 discount, 1 cash, 2 gift, 3 general, 4 groupon."""

    card_id: str
    card_type: int = 0
    is_pay: int = 0


class MemberCardInfoRow(_CardCounts):
    active_user: int = 0
    total_user: int = 0  # members holding a valid card
    total_receive_user: int = 0  # everyone who ever received one


class MemberCardDetailRow(_CardCounts):
    """One member card on one day; ``payOriginalFee`` and ``fee`` (fen) only for quick-pay (快速买单) cards."""

    cardid: str
    merchanttype: int = 0
    submerchantid: int | str = 0  # WeChat has sent it as a number and as text
    active_cnt: int = 0
    active_user: int = 0
    total_user: int = 0
    new_user: int = 0
    pay_original_fee: int = Field(default=0, alias="payOriginalFee")
    fee: int = 0


USER_SUMMARY = Kind("getusersummary", UserSummaryRow)
USER_CUMULATE = Kind("getusercumulate", UserCumulateRow)
ARTICLE_SUMMARY = Kind("getarticlesummary", ArticleSummaryRow)
ARTICLE_TOTAL = Kind("getarticletotal", ArticleTotalRow)
USER_READ = Kind("getuserread", UserReadRow)
USER_READ_HOUR = Kind("getuserreadhour", UserReadRow)
USER_SHARE = Kind("getusershare", UserShareRow)
USER_SHARE_HOUR = Kind("getusersharehour", UserShareRow)
ARTICLE_READ = Kind("getarticleread", ArticleReadRow)
ARTICLE_SHARE = Kind("getarticleshare", ArticleShareRow)
BIZ_SUMMARY = Kind("getbizsummary", BizSummaryRow)
ARTICLE_TOTAL_DETAIL = Kind("getarticletotaldetail", ArticleTotalDetailRow)
UPSTREAM_MSG = Kind("getupstreammsg", UpstreamMsgRow)
UPSTREAM_MSG_HOUR = Kind("getupstreammsghour", UpstreamMsgRow)
UPSTREAM_MSG_WEEK = Kind("getupstreammsgweek", UpstreamMsgRow)
UPSTREAM_MSG_MONTH = Kind("getupstreammsgmonth", UpstreamMsgRow)
UPSTREAM_MSG_DIST = Kind("getupstreammsgdist", UpstreamMsgDistRow)
UPSTREAM_MSG_DIST_WEEK = Kind("getupstreammsgdistweek", UpstreamMsgDistRow)
UPSTREAM_MSG_DIST_MONTH = Kind("getupstreammsgdistmonth", UpstreamMsgDistRow)
INTERFACE_SUMMARY = Kind("getinterfacesummary", InterfaceSummaryRow)
INTERFACE_SUMMARY_HOUR = Kind("getinterfacesummaryhour", InterfaceSummaryRow)
CARD_BIZ_UIN = Kind("getcardbizuininfo", CardBizUinRow)
CARD_INFO = Kind("getcardcardinfo", CardInfoRow)
MEMBER_CARD_INFO = Kind("getcardmembercardinfo", MemberCardInfoRow)
MEMBER_CARD_DETAIL = Kind("getcardmembercarddetail", MemberCardDetailRow)

KINDS: dict[str, Kind[Any]] = {
    kind.name: kind
    for kind in (
        USER_SUMMARY, USER_CUMULATE, ARTICLE_SUMMARY, ARTICLE_TOTAL, USER_READ, USER_READ_HOUR, USER_SHARE,
        USER_SHARE_HOUR, ARTICLE_READ, ARTICLE_SHARE, BIZ_SUMMARY, ARTICLE_TOTAL_DETAIL, UPSTREAM_MSG,
        UPSTREAM_MSG_HOUR, UPSTREAM_MSG_WEEK, UPSTREAM_MSG_MONTH, UPSTREAM_MSG_DIST, UPSTREAM_MSG_DIST_WEEK,
        UPSTREAM_MSG_DIST_MONTH, INTERFACE_SUMMARY, INTERFACE_SUMMARY_HOUR, CARD_BIZ_UIN, CARD_INFO, MEMBER_CARD_INFO,
        MEMBER_CARD_DETAIL,
    )
}  # fmt: skip
