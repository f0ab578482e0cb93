"""The account's verification (微信认证): qualification and naming verified or failed, the yearly
renewal due, the verification expired. Times are unix seconds; the sender is a system account."""

from shared.events.base import WeChatEvent
from shared.events.lenient import OrAsSent
from shared.events.registry import event


class VerificationExpiry(WeChatEvent):
    """``expired_time`` when the verification expires (or expired)."""

    expired_time: OrAsSent[int] | None


class VerificationFailure(WeChatEvent):
    fail_time: OrAsSent[int] | None
    fail_reason: OrAsSent[str] | None


@event("qualification_verify_success")
class QualificationVerifySuccessEvent(VerificationExpiry):
    pass


@event("qualification_verify_fail")
class QualificationVerifyFailEvent(VerificationFailure):
    pass


@event("naming_verify_success")
class NamingVerifySuccessEvent(VerificationExpiry):
    pass


@event("naming_verify_fail")
class NamingVerifyFailEvent(VerificationFailure):
    """The account keeps its API permissions; the client shows no tick."""


@event("annual_renew")
class AnnualRenewEvent(VerificationExpiry):
    pass


@event("verify_expired")
class VerifyExpiredEvent(VerificationExpiry):
    pass
