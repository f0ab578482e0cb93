"""The 门店小程序 merchant account of one official account: applied for, confirmed, reviewed, changed.

``apply_merchant`` waits for the account's administrator (status 0) for up to 24 hours, then for
WeChat's review (2) which approves (1) or rejects (3) it; an administrator who declines leaves it
at 4. While an application waits, another is refused (85050); after a refusal one may apply again.
Stores, and changes to the merchant, need an approved merchant (85053).
"""

from dataclasses import dataclass
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid, width
from sandbox.fake_wechat.body_fields import required_text as text
from sandbox.fake_wechat.errors import ApiError, ErrCode
from sandbox.fake_wechat.stores.categories import SECOND_LEVEL, SENSITIVE
from sandbox.fake_wechat.stores.rules import optional_text, qualifications

CONFIRM_SECONDS = 24 * 3600
NOT_SUBMITTED, APPROVED, REVIEWING, REJECTED, ADMIN_REFUSED = 0, 1, 2, 3, 4
NICKNAME_WIDTH = (4, 30)


def application(body: dict[str, Any]) -> dict[str, Any]:
    nickname = text(body, "nickname")
    low, high = NICKNAME_WIDTH
    if not low <= width(nickname) <= high:
        raise invalid(f"nickname is {low}-{high} characters wide")
    fields: dict[str, Any] = {
        "first_catid": integer(body, "first_catid"), "second_catid": integer(body, "second_catid"),
        "headimg_mediaid": text(body, "headimg_mediaid"), "nickname": nickname,
        "intro": text(body, "intro"), "qualification_list": qualifications(body),
        "org_code": optional_text(body, "org_code"), "other_files": optional_text(body, "other_files"),
    }  # fmt: skip
    if (fields["first_catid"], fields["second_catid"]) not in SECOND_LEVEL:
        raise invalid("first_catid/second_catid")
    if fields["second_catid"] in SENSITIVE and not fields["qualification_list"]:
        raise invalid("qualification_list: a sensitive category (sensitive_type 1) needs its certificates")
    return fields


@dataclass
class Merchant:
    audit_id: int
    fields: dict[str, Any]
    submitted: float
    status: int = NOT_SUBMITTED
    reason: str = ""

    def waiting(self, now: float) -> bool:
        return self.status == REVIEWING or (self.status == NOT_SUBMITTED and now - self.submitted < CONFIRM_SECONDS)

    def audit(self) -> dict[str, Any]:
        return {"data": {"audit_id": self.audit_id, "status": self.status, "reason": self.reason}}

    def modify(self, body: dict[str, Any]) -> dict[str, Any]:
        if self.status != APPROVED:
            raise ApiError(ErrCode.APPLY_MERCHANT_FIRST)
        changes = {key: optional_text(body, key) for key in ("headimg_mediaid", "intro")}
        if not any(changes.values()):
            raise invalid("headimg_mediaid or intro")
        self.fields.update({key: value for key, value in changes.items() if value})
        return {}

    def confirm(self, confirmed: bool) -> None:
        """The account's administrator confirms the application (then WeChat reviews it) or declines it."""
        if self.status != NOT_SUBMITTED:
            raise invalid("the application is not waiting for the administrator")
        self.status = REVIEWING if confirmed else ADMIN_REFUSED

    def review(self, approved: bool, reason: str) -> None:
        if self.status != REVIEWING:
            raise invalid("the application is not under review")
        self.status, self.reason = (APPROVED, "") if approved else (REJECTED, reason)


def require_approved(merchant: Merchant | None) -> Merchant:
    if merchant is None or merchant.status != APPROVED:
        raise ApiError(ErrCode.APPLY_MERCHANT_FIRST)
    return merchant
