"""WeChat's four card reports (卡券数据统计) in the fake: seeded cards per account and their figures day by day.

Each account has a few free coupons and one member card made on the platform's pages
(``cond_source`` 0) and as many made through the API (1), named by ``card_ids``. A coupon's day has
views, receipts, uses, gifts and expiries (people never more than times); ``getcardbizuininfo`` is
the sum of that day's coupons, so the two reports agree. A member card's day adds activations, new
members and, for the quick-pay card, takings in fen. The reports check what WeChat checks besides
the range: ``cond_source`` 0 or 1 where it is required, ``card_id`` a string where it is read
(required by ``getcardmembercarddetail``); anything else is 40097. A card the account does not have
has no rows.

The cards the account made with ``card/create`` (``made``: card id and type) are its API cards
(``cond_source`` 1) in place of the seeded ones: its coupons (折扣券 0, 代金券 1, 礼品券 2, 优惠券 3, 团购券 4;
WeChat reports no special tickets) in ``getcardcardinfo`` and ``getcardbizuininfo``, its member cards in
``getcardmembercarddetail``. An account that made none keeps the seeded ones.
"""

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sandbox.fake_wechat.body_fields import bounded_integer, required_text
from sandbox.fake_wechat.datacube_figures import AccountFigures
from sandbox.fake_wechat.datacube_reports import days

SPAN = 62  # 查询时间区间需<=62天
COUPONS_PER_SOURCE = 3
COUPON_TYPES = (0, 1, 2, 3, 4)  # discount, cash, gift, general, groupon
COUPON_TYPE_OF = {"DISCOUNT": 0, "CASH": 1, "GIFT": 2, "GENERAL_COUPON": 3, "GROUPON": 4}  # card/create's types
_COUNTS = ("view", "receive", "verify", "given", "expire")
Made = Sequence[tuple[str, str]]  # (card_id, card_type) of the cards the account made with card/create
CardReport = Callable[[AccountFigures, dict[str, Any], date, date, Made], dict[str, Any]]


def card_ids(app_id: str, cond_source: int, *, member: bool = False) -> list[str]:
    """The account's seeded coupons (or its member card) made on the platform (0) or through the API (1)."""
    kinds = ["member"] if member else [f"coupon{index}" for index in range(COUPONS_PER_SOURCE)]
    return ["p" + hashlib.sha256(f"{app_id}:{cond_source}:{kind}".encode()).hexdigest()[:27] for kind in kinds]


def coupons_of(app_id: str, cond_source: int, made: Made) -> list[tuple[str, int]]:
    """The coupons a report lists, with their report type: the account's own API cards if it made any."""
    own = [(card_id, COUPON_TYPE_OF[kind]) for card_id, kind in made if kind in COUPON_TYPE_OF]
    if cond_source == 1 and own:
        return own
    seeded = card_ids(app_id, cond_source)
    return [(card, COUPON_TYPES[index % len(COUPON_TYPES)]) for index, card in enumerate(seeded)]


def _cond_source(body: dict[str, Any]) -> int:
    """0 or 1 (the cards made on the platform or by API), or 40097."""
    return bounded_integer(body, "cond_source", low=0, high=1)


def _card_id(body: dict[str, Any], *, required: bool) -> str | None:
    if body.get("card_id") is None and not required:
        return None
    return required_text(body, "card_id")


def _pair(f: AccountFigures, times: int, *parts: object) -> tuple[int, int]:
    """Times and the people behind them: at least one person per time and never more people than times."""
    return times, (f.rng("people", *parts).randint((times + 2) // 3, times) if times else 0)


def _coupon_day(f: AccountFigures, card: str, day: date) -> dict[str, int]:
    rng = f.rng("coupon", card, day)
    views = rng.randint(20, 400)
    receipts = rng.randint(0, views // 2)
    times = {"view": views, "receive": receipts, "verify": rng.randint(0, receipts), "given": rng.randint(0, 5)}
    times["expire"] = rng.randint(0, 3)
    figures: dict[str, int] = {}
    for name in _COUNTS:
        figures[f"{name}_cnt"], figures[f"{name}_user"] = _pair(f, times[name], card, day, name)
    return figures


def card_biz_uin(f: AccountFigures, body: dict[str, Any], begin: date, end: date, made: Made) -> dict[str, Any]:
    coupons = [card for card, _ in coupons_of(f.app_id, _cond_source(body), made)]
    rows = []
    for day in days(begin, end):
        each = [_coupon_day(f, card, day) for card in coupons]
        rows.append({"ref_date": day.isoformat(), **{key: sum(c[key] for c in each) for key in each[0]}})
    return {"list": rows}


def card_info(f: AccountFigures, body: dict[str, Any], begin: date, end: date, made: Made) -> dict[str, Any]:
    coupons, wanted = coupons_of(f.app_id, _cond_source(body), made), _card_id(body, required=False)
    rows = []
    for day in days(begin, end):
        for card, card_type in coupons:
            if wanted in (None, card):
                kind = {"card_id": card, "card_type": card_type, "is_pay": 0}
                rows.append({"ref_date": day.isoformat(), **kind, **_coupon_day(f, card, day)})
    return {"list": rows}


def _member_day(f: AccountFigures, card: str, day: date) -> dict[str, int]:
    rng = f.rng("member", card, day)
    base = _coupon_day(f, card, day)
    active = rng.randint(0, base["receive_cnt"])
    start = (day - date(2014, 12, 1)).days
    total_receive = 500 + start * 3 + base["receive_user"]
    return {
        **{key: base[key] for key in ("view_cnt", "view_user", "receive_cnt", "receive_user", "verify_cnt",
                                       "verify_user")},
        "active_cnt": active, "active_user": _pair(f, active, card, day, "active")[1],
        "total_user": total_receive * 4 // 5, "total_receive_user": total_receive, "new_user": base["receive_user"],
    }  # fmt: skip


def member_card_info(f: AccountFigures, body: dict[str, Any], begin: date, end: date, made: Made) -> dict[str, Any]:
    (card,) = card_ids(f.app_id, _cond_source(body), member=True)
    keys = ("view_cnt", "view_user", "receive_cnt", "receive_user", "active_user", "verify_cnt", "verify_user",
            "total_user", "total_receive_user")  # fmt: skip
    rows = []
    for day in days(begin, end):
        figures = _member_day(f, card, day)
        rows.append({"ref_date": day.isoformat(), **{key: figures[key] for key in keys}})
    return {"list": rows}


def member_card_detail(f: AccountFigures, body: dict[str, Any], begin: date, end: date, made: Made) -> dict[str, Any]:
    wanted = _card_id(body, required=True)
    members = {card_ids(f.app_id, source, member=True)[0] for source in (0, 1)}
    members |= {card_id for card_id, kind in made if kind == "MEMBER_CARD"}
    if wanted not in members:
        return {"list": []}
    rows = []
    for day in days(begin, end):
        figures = _member_day(f, str(wanted), day)
        figures.pop("total_receive_user")
        paid = figures["verify_cnt"] * f.rng("takings", wanted, day).randint(1000, 8000)
        rows.append({
            "ref_date": day.isoformat(), "merchanttype": 0, "cardid": wanted, "submerchantid": 0, **figures,
            "payOriginalFee": paid, "fee": paid * 9 // 10,
        })  # fmt: skip
    return {"list": rows}


CARD_REPORTS: dict[str, tuple[int, CardReport]] = {
    "getcardbizuininfo": (SPAN, card_biz_uin),
    "getcardcardinfo": (SPAN, card_info),
    "getcardmembercardinfo": (SPAN, member_card_info),
    "getcardmembercarddetail": (SPAN, member_card_detail),
}
