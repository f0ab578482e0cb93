"""Product pages per account, with no I/O, and the errors of WeChat's 扫一扫 error page.

The brand owner is verified for barcode range ``FIRM_CODE`` and category ``CATEGORY``. A product
is keyed by (keystandard, keystr); created unpublished (``off``), ``modstatus`` on passes review at
once (``on``). A follower's scan (``scan``, the control side) gives the ``wxticket`` that
``scanticket/check`` reads.
"""

import secrets
from dataclasses import dataclass, field
from typing import Any

from sandbox.fake_wechat.errors import ApiError

FIRM_CODE, CATEGORY = 6900873, 53
MAX_PRODUCTS, MAX_WHITELIST = 100_000, 10
STANDARDS = ("ean13", "ean8", "qrcode")
MERCHANT = {
    "brand_tag_list": ["品牌"],
    "verified_list": [
        {
            "verified_firm_code": FIRM_CODE,
            "verified_cate_list": [{"verified_cate_id": CATEGORY, "verified_cate_name": "食品"}],
        }
    ],
}
ERRORS = {
    61300: "invalid base info", 61303: "product not exists", 61305: "invalid keystandard or keystr",
    61308: "base info not exists", 61317: "invalid ticket", 61319: "invalid category id", 61323: "barcode no permision",
    61337: "product already exists", 61341: "whitelist size out of limit", 61343: "invalid keystandard",
    63154: "invalid product status", 63158: "product count reach limit",
}  # fmt: skip


def _error(code: int) -> ApiError:
    return ApiError(code, ERRORS[code])


def _key(body: dict[str, Any]) -> tuple[str, str]:
    standard, key = body.get("keystandard"), body.get("keystr")
    if standard not in STANDARDS:
        raise _error(61343)
    if not isinstance(key, str) or not key:
        raise _error(61305)
    if standard in ("ean13", "ean8") and (not key.isdigit() or len(key) != int(str(standard)[3:])):
        raise _error(61305)
    if standard == "ean13" and not key.startswith(str(FIRM_CODE)):
        raise _error(61323)
    return str(standard), key


def _brand(body: dict[str, Any]) -> dict[str, Any]:
    brand = body.get("brand_info")
    base = brand.get("base_info") if isinstance(brand, dict) else None
    if not isinstance(base, dict):
        raise _error(61308)
    if not isinstance(base.get("title"), str) or not base["title"]:
        raise _error(61300)
    if base.get("category_id") != CATEGORY:
        raise _error(61319)
    return dict(brand)  # type: ignore[arg-type]


@dataclass
class Account:
    products: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    whitelist: dict[str, list[str]] = field(default_factory=dict)
    tickets: dict[str, tuple[str, str, str]] = field(default_factory=dict)


class Products:
    def __init__(self) -> None:
        self._accounts: dict[str, Account] = {}

    def _account(self, app_id: str) -> Account:
        return self._accounts.setdefault(app_id, Account())

    def _product(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        found = self._account(app_id).products.get(_key(body))
        if found is None:
            raise _error(61303)
        return found

    def merchant(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return dict(MERCHANT)

    def create(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        account, key, brand = self._account(app_id), _key(body), _brand(body)
        if key in account.products:
            raise _error(61337)
        if len(account.products) >= MAX_PRODUCTS:
            raise _error(63158)
        account.products[key] = {"keystandard": key[0], "keystr": key[1], "brand_info": brand, "status": "off"}
        return {"pid": f"{key[0]}_{key[1]}"}

    def update(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        product = self._product(app_id, body)
        product["brand_info"] = _brand(body)
        return {"pid": f"{product['keystandard']}_{product['keystr']}"}

    def modstatus(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        product = self._product(app_id, body)
        if body.get("status") not in ("on", "off"):
            raise _error(63154)
        product["status"] = body["status"]
        return {}

    def set_whitelist(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        openids, usernames = body.get("openid", []), body.get("username", [])
        if (
            not isinstance(openids, list)
            or not isinstance(usernames, list)
            or len(openids) + len(usernames) > MAX_WHITELIST
        ):
            raise _error(61341)
        self._account(app_id).whitelist = {"openid": list(openids), "username": list(usernames)}
        return {}

    def qrcode(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        product = self._product(app_id, body)
        extinfo = body.get("extinfo", "")
        return {"pic_url": f"http://mmbiz.qpic.cn/scan/{product['keystandard']}/{product['keystr']}/{extinfo}"}

    def get(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        product = self._product(app_id, body)
        base = {**product["brand_info"].get("base_info", {}), "status": product["status"]}
        return {"brand_info": {**product["brand_info"], "base_info": base}}

    def list(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        offset, limit, status = body.get("offset", 0), body.get("limit", 10), body.get("status", "all")
        if not isinstance(offset, int) or offset < 0 or not isinstance(limit, int) or not 0 < limit <= 100:
            raise ApiError(40097, "invalid args: offset/limit")
        if status not in ("on", "off", "check", "reject", "all"):
            raise _error(63154)
        wanted = [
            p for p in self._account(app_id).products.values()
            if (status == "all" or p["status"] == status) and str(body.get("keystr", "")) in p["keystr"]
        ]  # fmt: skip
        page = wanted[offset : offset + limit]
        return {
            "total": len(wanted),
            "key_list": [{"keystandard": p["keystandard"], "keystr": p["keystr"]} for p in page],
        }

    def clear(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self._product(app_id, body)
        del self._account(app_id).products[_key(body)]
        return {}

    def scan(self, app_id: str, keystandard: str, keystr: str, openid: str) -> str:
        """A follower scans a product: the ``wxticket`` its page is opened with."""
        self._product(app_id, {"keystandard": keystandard, "keystr": keystr})
        ticket = secrets.token_urlsafe(18)
        self._account(app_id).tickets[ticket] = (keystandard, keystr, openid)
        return ticket

    def check_ticket(self, app_id: str, body: dict[str, Any]) -> dict[str, Any]:
        found = self._account(app_id).tickets.get(str(body.get("ticket")))
        if found is None:
            raise _error(61317)
        standard, key, openid = found
        return {
            "openid": openid,
            "keystandard": standard,
            "keystr": key,
            "extinfo": "",
            "is_check": False,
            "is_contact": False,
        }
