"""Cards and coupons (卡券): review, a follower's cards (taken, given, deleted, used, viewed),
member cards, stock alerts and coupon-point orders.

One follower can take several cards at once (``wx.addCard``), each reported in the same
second: the card and its code join the de-duplication key (``DEDUP_FIELDS``). Fields the
documentation shows empty (FriendUserName when the card was not a gift) are optional.
"""

from typing import ClassVar

from shared.events.base import WeChatEvent
from shared.events.events import AnswerableEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event


class CardEvent(WeChatEvent):
    """An event about one card (``card_id``) and, for a follower's card, its ``user_card_code``
    (text: codes have leading zeros)."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("card_id", "user_card_code")

    card_id: OrAsSent[str] | None
    user_card_code: OrAsSent[str] | None = None


@event("card_pass_check")
class CardPassCheckEvent(CardEvent):
    refuse_reason: OrAsSent[str] | None = None


@event("card_not_pass_check")
class CardNotPassCheckEvent(CardEvent):
    refuse_reason: OrAsSent[str] | None = None


@event("user_get_card")
class UserGetCardEvent(CardEvent):
    """``is_give_by_friend`` 1 when a friend gave it (``friend_user_name``, and the code before the
    gift in ``old_user_card_code``); ``outer_str`` the channel; ``is_restore_member_card`` 1 when a
    deleted member card was taken back."""

    is_give_by_friend: OrAsSent[int] | None = None
    friend_user_name: OrAsSent[str] | None = None
    outer_id: OrAsSent[int] | None = None
    old_user_card_code: OrAsSent[str] | None = None
    outer_str: OrAsSent[str] | None = None
    is_restore_member_card: OrAsSent[int] | None = None
    is_recommend_by_friend: OrAsSent[int] | None = None
    union_id: OrAsSent[str] | None = None


@event("user_gifting_card")
class UserGiftingCardEvent(CardEvent):
    is_return_back: OrAsSent[int] | None = None
    friend_user_name: OrAsSent[str] | None = None
    is_chat_room: OrAsSent[int] | None = None


@event("user_del_card")
class UserDelCardEvent(CardEvent):
    pass


@event("user_consume_card")
class UserConsumeCardEvent(CardEvent):
    """``consume_source`` FROM_API, FROM_MP or FROM_MOBILE_HELPER (``staff_open_id`` the staff member)."""

    consume_source: OrAsSent[str] | None
    location_name: OrAsSent[str] | None = None
    staff_open_id: OrAsSent[str] | None = None
    verify_code: OrAsSent[str] | None = None
    remark_amount: OrAsSent[str] | None = None
    outer_str: OrAsSent[str] | None = None


@event("user_pay_from_pay_cell")
class UserPayFromPayCellEvent(CardEvent):
    """A payment (买单) that used the card: amounts in fen."""

    trans_id: OrAsSent[str] | None
    location_id: OrAsSent[int] | None = None
    fee: OrAsSent[int] | None
    original_fee: OrAsSent[int] | None


@event("user_view_card")
class UserViewCardEvent(CardEvent):
    outer_str: OrAsSent[str] | None = None


@event("user_enter_session_from_card")
class UserEnterSessionFromCardEvent(CardEvent, AnswerableEvent):
    """The follower opened the chat from the card: a passive reply is shown."""


@event("update_member_card")
class UpdateMemberCardEvent(CardEvent):
    """The points (``modify_bonus``) or balance (``modify_balance``) of a member card changed."""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("card_id", "user_card_code", "modify_bonus", "modify_balance")

    modify_bonus: OrAsSent[int] | None = None
    modify_balance: OrAsSent[int] | None = None


@event("card_sku_remind")
class CardSkuRemindEvent(CardEvent):
    detail: OrAsSent[str] | None = None


@event("card_pay_order")
class CardPayOrderEvent(WeChatEvent):
    """A coupon-point (券点) order changed: ``status`` ORDER_STATUS_…, ``order_type`` ORDER_TYPE_…"""

    DEDUP_FIELDS: ClassVar[tuple[str, ...]] = ("order_id", "status")

    order_id: OrAsSent[str] | None
    status: OrAsSent[str] | None
    create_order_time: OrAsSent[int] | None = None
    pay_finish_time: OrAsSent[int] | None = None
    desc: OrAsSent[str] | None = None
    free_coin_count: OrAsSent[int] | None = None
    pay_coin_count: OrAsSent[int] | None = None
    refund_free_coin_count: OrAsSent[int] | None = None
    refund_pay_coin_count: OrAsSent[int] | None = None
    order_type: OrAsSent[str] | None = None
    memo: OrAsSent[str] | None = None
    receipt_info: OrAsSent[str] | None = None


@event("submit_membercard_user_info")
class SubmitMemberCardUserInfoEvent(CardEvent):
    """A follower activated a member card, or changed its details."""
