"""流量主 per account, with no I/O: whether the account is a 流量主, and its reports.

An account is no 流量主 until ``enable`` (a test's ``POST /_control/publisher``): every report then
answers ``base_resp.ret`` 2009. The figures are made up but fixed: the same account, day and slot
always give the same numbers (``datacube_figures.seeded``). Days from today (China) on have no data.
Rows come newest day first, then by slot id; ``summary`` adds up the whole range. Settlements are
half-months (``order`` 1 上半月, 2 下半月; ``zone`` their dates) that overlap the range and ended
before today, newest first: settling for 30 days, then settled, paid after 60. A query WeChat would
refuse (unknown action or slot, a bad date, a span past 90/60 days, ``page_size`` past 90) is
``ret`` 1701.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sandbox.fake_wechat.datacube_figures import china_day, seeded
from shared.wechat.models.publisher import ADPOS, CPS, FIRST_DAY, MAX_DAYS, MAX_PAGE_SIZE, SETTLEMENT, AdSlot

NOT_PUBLISHER, BAD_PARAMS = 2009, 1701
# Slot ids WeChat's SDKs quote for the Official Account slots (返佣商品 has a report of its own).
SLOT_IDS = {AdSlot.VIDEO_END: 4090752905805508, AdSlot.MID_CONTEXT: 9020229299926746,
            AdSlot.SPONSOR: 20160808, AdSlot.BOTTOM: 72058780271891663}  # fmt: skip
SETTLING, SETTLED, PAID = 1, 2, 5  # sett_status (1 结算中, 2/3 已结算, 4 付款中, 5 已付款)
ENTITY = "深圳市腾讯计算机系统有限公司"  # the paying entity (结算主体) a settlement names


class Refused(Exception):
    """A report WeChat refuses in its ``base_resp``."""

    def __init__(self, ret: int, err_msg: str) -> None:
        super().__init__(err_msg)
        self.ret, self.err_msg = ret, err_msg

    def answer(self) -> dict[str, Any]:
        return {"base_resp": {"err_msg": self.err_msg, "ret": self.ret}}


def _day(value: str | None, name: str) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise Refused(BAD_PARAMS, f"invalid {name}") from None


def _number(value: str | None, name: str, *, high: int | None = None) -> int:
    if value is None or not value.isdigit() or int(value) < 1 or (high is not None and int(value) > high):
        raise Refused(BAD_PARAMS, f"invalid {name}")
    return int(value)


def _days(first: date, last: date, today: date) -> list[date]:
    """The days of ``first``…``last`` that have data, newest first."""
    end = min(last, today - timedelta(days=1))
    return [end - timedelta(days=n) for n in range((end - first).days + 1)] if end >= first else []


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _slot_row(app_id: str, day: date, slot: AdSlot) -> dict[str, Any]:
    rng = seeded("publisher", app_id, day, slot.value)
    requests = rng.randint(800, 6000)
    exposures = int(requests * rng.uniform(0.6, 0.95))
    clicks = int(exposures * rng.uniform(0.004, 0.03))
    income = int(exposures * rng.uniform(0.3, 2.5))  # fen
    return {
        "slot_id": SLOT_IDS[slot], "ad_slot": slot.value, "date": day.isoformat(), "req_succ_count": requests,
        "exposure_count": exposures, "exposure_rate": _rate(exposures, requests), "click_count": clicks,
        "click_rate": _rate(clicks, exposures), "income": income, "ecpm": round(income * 1000 / exposures, 2),
    }  # fmt: skip


def _cps_row(app_id: str, day: date) -> dict[str, Any]:
    rng = seeded("publisher-cps", app_id, day)
    exposures = rng.randint(200, 3000)
    clicks = int(exposures * rng.uniform(0.01, 0.08))
    orders = int(clicks * rng.uniform(0.02, 0.2))
    fee = orders * rng.randint(1500, 20000)  # fen
    return {
        "date": day.isoformat(), "exposure_count": exposures, "click_count": clicks,
        "click_rate": _rate(clicks, exposures), "order_count": orders, "order_rate": _rate(orders, clicks),
        "total_fee": fee, "total_commission": fee // 10,
    }  # fmt: skip


def _adpos_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    requests = sum(r["req_succ_count"] for r in rows)
    exposures, clicks = sum(r["exposure_count"] for r in rows), sum(r["click_count"] for r in rows)
    income = sum(r["income"] for r in rows)
    return {
        "req_succ_count": requests, "exposure_count": exposures, "exposure_rate": _rate(exposures, requests),
        "click_count": clicks, "click_rate": _rate(clicks, exposures), "income": income,
        "ecpm": round(income * 1000 / exposures, 2) if exposures else 0.0,
    }  # fmt: skip


def _cps_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    exposures, clicks = sum(r["exposure_count"] for r in rows), sum(r["click_count"] for r in rows)
    orders, fee = sum(r["order_count"] for r in rows), sum(r["total_fee"] for r in rows)
    return {
        "exposure_count": exposures, "click_count": clicks, "click_rate": _rate(clicks, exposures),
        "order_count": orders, "order_rate": _rate(orders, clicks), "total_fee": fee,
        "total_commission": sum(r["total_commission"] for r in rows),
    }  # fmt: skip


def _halves(first: date, last: date, today: date) -> list[tuple[date, date, int]]:
    """The half-months that overlap ``first``…``last`` and ended before today: (start, end, 1 or 2), newest first."""
    found: list[tuple[date, date, int]] = []
    month = date(first.year, first.month, 1)
    while month <= last:
        following = (month + timedelta(days=32)).replace(day=1)
        for start, end, order in (
            (month, month.replace(day=15), 1),
            (month.replace(day=16), following - timedelta(1), 2),
        ):
            if start <= last and end >= first and end < today:
                found.append((start, end, order))
        month = following
    return found[::-1]


def _settlement(app_id: str, start: date, end: date, order: int, today: date) -> dict[str, Any]:
    rows = [_slot_row(app_id, start + timedelta(days=n), slot)
            for n in range((end - start).days + 1) for slot in SLOT_IDS]  # fmt: skip
    per_slot = {slot: sum(r["income"] for r in rows if r["ad_slot"] == slot.value) for slot in SLOT_IDS}
    settled = sum(per_slot.values())
    return {
        "date": (end + timedelta(days=1)).isoformat(), "zone": f"{start.isoformat()}至{end.isoformat()}",
        "month": start.strftime("%Y%m"), "order": order, "sett_status": _sett_status((today - end).days),
        "settled_revenue": settled,
        "sett_no": f"{start:%Y%m}{order}{seeded('sett', app_id, start).randint(10**9, 10**10 - 1)}",
        "mail_send_cnt": "0",
        "slot_revenue": [{"slot_id": str(SLOT_IDS[slot]), "slot_settled_revenue": money}
                         for slot, money in per_slot.items()],
    }  # fmt: skip


def _sett_status(days_ago: int) -> int:
    return SETTLING if days_ago <= 30 else SETTLED if days_ago <= 60 else PAID


@dataclass
class Publisher:
    enabled: set[str] = field(default_factory=set)  # the accounts that are 流量主

    def enable(self, app_id: str, on: bool = True) -> None:
        (self.enabled.add if on else self.enabled.discard)(app_id)

    def report(self, app_id: str, query: dict[str, str], now: float) -> dict[str, Any]:
        """``publisher/stat``'s answer to ``query`` (the call's query string), or ``Refused``."""
        action = query.get("action")
        if action not in MAX_DAYS:
            raise Refused(BAD_PARAMS, "invalid action")
        if app_id not in self.enabled:
            raise Refused(NOT_PUBLISHER, "invalid publisher")
        first, last = _day(query.get("start_date"), "start_date"), _day(query.get("end_date"), "end_date")
        most = MAX_DAYS[action]
        if first > last or first < FIRST_DAY or (most is not None and (last - first).days + 1 > most):
            raise Refused(BAD_PARAMS, "invalid date range")
        page = _number(query.get("page"), "page")
        size = _number(query.get("page_size"), "page_size", high=MAX_PAGE_SIZE)
        today = china_day(now)
        if action == SETTLEMENT:
            return self._settlements(app_id, first, last, today, page, size)
        slot_name = query.get("ad_slot")
        if slot_name is not None and (action != ADPOS or slot_name not in set(AdSlot)):
            raise Refused(BAD_PARAMS, "invalid ad_slot")
        days = _days(first, last, today)
        if action == CPS:
            rows = [_cps_row(app_id, day) for day in days]
            summary = _cps_summary(rows)
        else:
            slots = [s for s in sorted(SLOT_IDS, key=SLOT_IDS.__getitem__) if slot_name in (None, s.value)]
            rows = [_slot_row(app_id, day, slot) for day in days for slot in slots]
            summary = _adpos_summary(rows)
        shown = rows[(page - 1) * size : page * size]
        return {**_ok(), "list": shown, "summary": summary, "total_num": len(rows)}

    @staticmethod
    def _settlements(app_id: str, first: date, last: date, today: date, page: int, size: int) -> dict[str, Any]:
        rows = [_settlement(app_id, *half, today) for half in _halves(first, last, today)]
        settled = sum(r["settled_revenue"] for r in rows if r["sett_status"] != SETTLING)
        return {
            **_ok(), "body": ENTITY, "penalty_all": 0, "revenue_all": sum(r["settled_revenue"] for r in rows),
            "settled_revenue_all": settled, "settlement_list": rows[(page - 1) * size : page * size],
            "total_num": len(rows),
        }  # fmt: skip


def _ok() -> dict[str, Any]:
    return {"base_resp": {"err_msg": "ok", "ret": 0}}
