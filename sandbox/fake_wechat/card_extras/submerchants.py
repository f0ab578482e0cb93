"""Sub-merchants of one account (第三方代制模式): submitted, reviewed, changed, listed."""

from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer as integer
from sandbox.fake_wechat.body_fields import invalid
from sandbox.fake_wechat.body_fields import required_object as obj
from sandbox.fake_wechat.body_fields import required_text as text

BRAND_NAME_CHARS = 12
MAX_PAGE = 100
STATUSES = ("CHECKING", "APPROVED", "REJECTED", "EXPIRED")
# card/getapplyprotocol: a few of WeChat's categories, each secondary with what it asks of a sub-merchant.
CATEGORIES: list[dict[str, Any]] = [
    {"primary_category_id": 1, "category_name": "美食", "secondary_category": [
        {"secondary_category_id": 101, "category_name": "粤菜", "need_qualification_stuffs": [],
         "can_choose_prepaid_card": 1, "can_choose_payment_card": 1},
        {"secondary_category_id": 102, "category_name": "茶餐厅", "need_qualification_stuffs": [],
         "can_choose_prepaid_card": 1, "can_choose_payment_card": 1},
    ]},
    {"primary_category_id": 2, "category_name": "购物", "secondary_category": [
        {"secondary_category_id": 201, "category_name": "超市", "need_qualification_stuffs": [],
         "can_choose_prepaid_card": 1, "can_choose_payment_card": 1},
    ]},
]  # fmt: skip
_KNOWN = {
    (primary["primary_category_id"], secondary["secondary_category_id"])
    for primary in CATEGORIES
    for secondary in primary["secondary_category"]
}
_OPTIONAL = ("app_id", "agreement_media_id", "operator_media_id")
_PRIVATE = ("protocol", "agreement_media_id", "operator_media_id")  # documents, not in WeChat's answer


def _fields(info: dict[str, Any], now: float) -> dict[str, Any]:
    """The sub-merchant's submitted fields, checked as WeChat checks them."""
    fields: dict[str, Any] = {
        "brand_name": text(info, "brand_name", max_chars=BRAND_NAME_CHARS),
        "logo_url": text(info, "logo_url", max_chars=128),
        "protocol": text(info, "protocol"),
        "end_time": integer(info, "end_time"),
        "primary_category_id": integer(info, "primary_category_id"),
        "secondary_category_id": integer(info, "secondary_category_id"),
    }
    if fields["end_time"] <= now:
        raise invalid("end_time has passed")
    if (fields["primary_category_id"], fields["secondary_category_id"]) not in _KNOWN:
        raise invalid("category id")
    fields.update({key: text(info, key) for key in _OPTIONAL if key in info})
    return fields


@dataclass
class SubMerchants:
    merchants: dict[int, dict[str, Any]] = field(default_factory=dict)
    next_id: int = 1

    def submit(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        fields = _fields(obj(body, "info"), now)
        merchant_id, self.next_id = self.next_id, self.next_id + 1
        stamp = int(now)
        self.merchants[merchant_id] = {"merchant_id": merchant_id, "app_id": "", **fields, "status": "CHECKING",
                                       "create_time": stamp, "update_time": stamp, "begin_time": stamp}  # fmt: skip
        return self.answer(merchant_id)

    def update(self, body: dict[str, Any], now: float) -> dict[str, Any]:
        info = obj(body, "info")
        merchant = self._get(integer(info, "merchant_id"))
        merchant.update(_fields(info, now), status="CHECKING", update_time=int(now))  # reviewed again
        return self.answer(merchant["merchant_id"])

    def review(self, merchant_id: int, status: str) -> None:
        """WeChat's reviewers decide (the control API plays them)."""
        if status not in STATUSES:
            raise invalid("status")
        self._get(merchant_id)["status"] = status

    def answer(self, merchant_id: int) -> dict[str, Any]:
        merchant = self._get(merchant_id)
        return {key: value for key, value in merchant.items() if key not in _PRIVATE}

    def page(self, body: dict[str, Any]) -> dict[str, Any]:
        begin = integer(body, "begin_id", default=0)
        limit = integer(body, "limit", low=1, high=MAX_PAGE, default=MAX_PAGE)
        status = body.get("status")
        if status is not None and status not in STATUSES:
            raise invalid("status")
        ids = sorted(i for i, m in self.merchants.items() if i >= begin and status in (None, m["status"]))[:limit]
        # next_begin_id: the id of the page's last sub-merchant (WeChat's "拉取列表中最后一个子商户的id")
        return {"info_list": [self.answer(i) for i in ids], "next_begin_id": ids[-1] if ids else begin}

    def _get(self, merchant_id: int) -> dict[str, Any]:
        merchant = self.merchants.get(merchant_id)
        if merchant is None:
            raise invalid("merchant_id does not exist")
        return merchant
