"""The fake WeChat's card reports (卡券数据统计): WeChat's row shapes, the range checked before the filters,
``cond_source`` and ``card_id`` checked as WeChat checks them, and figures that agree across reports."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from sandbox.fake_wechat import datacube
from sandbox.fake_wechat.datacube_cards import card_ids
from sandbox.fake_wechat.datacube_figures import AccountFigures
from sandbox.fake_wechat.errors import ApiError

NOW = datetime(2023, 11, 15, 2, tzinfo=UTC).timestamp()  # 10:00 in China
WEEK = {"begin_date": "2023-11-08", "end_date": "2023-11-14"}
FIGURES = AccountFigures("wxcards")
COUNTS = {"view_cnt", "view_user", "receive_cnt", "receive_user", "verify_cnt", "verify_user"}
ROW_FIELDS = {
    "getcardbizuininfo": {"ref_date", *COUNTS, "given_cnt", "given_user", "expire_cnt", "expire_user"},
    "getcardcardinfo": {"ref_date", "card_id", "card_type", "is_pay", *COUNTS, "given_cnt", "given_user",
                        "expire_cnt", "expire_user"},
    "getcardmembercardinfo": {"ref_date", *COUNTS, "active_user", "total_user", "total_receive_user"},
    "getcardmembercarddetail": {"ref_date", "merchanttype", "cardid", "submerchantid", *COUNTS, "active_cnt",
                                "active_user", "total_user", "new_user", "payOriginalFee", "fee"},
}  # fmt: skip
MEMBER = card_ids("wxcards", 1, member=True)[0]
FILTERS: dict[str, dict[str, Any]] = {
    "getcardbizuininfo": {"cond_source": 1}, "getcardcardinfo": {"cond_source": 1},
    "getcardmembercardinfo": {"cond_source": 1}, "getcardmembercarddetail": {"card_id": MEMBER},
}  # fmt: skip


def rows(name: str, body: dict[str, Any], figures: AccountFigures = FIGURES) -> list[dict[str, Any]]:
    answer: list[dict[str, Any]] = datacube.answer(name, {**WEEK, **body}, figures, NOW)["list"]
    return answer


def errcode(name: str, body: dict[str, Any]) -> int:
    with pytest.raises(ApiError) as refused:
        datacube.answer(name, body, FIGURES, NOW)
    return int(refused.value.errcode)


@pytest.mark.parametrize("name", sorted(ROW_FIELDS))
def test_each_card_report_answers_wechats_fields_for_each_day(name: str) -> None:
    listed = rows(name, FILTERS[name])
    assert {row["ref_date"] for row in listed} == {f"2023-11-{day:02d}" for day in range(8, 15)}
    for row in listed:
        assert set(row) == ROW_FIELDS[name]
        for counted in ("view", "receive", "verify", "given", "expire", "active"):
            if f"{counted}_cnt" in row:
                assert 0 <= row[f"{counted}_user"] <= row[f"{counted}_cnt"], row


@pytest.mark.parametrize("name", sorted(ROW_FIELDS))
def test_the_range_is_checked_before_the_filters(name: str) -> None:
    assert errcode(name, {"begin_date": "2023-09-13", "end_date": "2023-11-14"}) == 61501  # 63 days
    assert errcode(name, {"begin_date": "2023-11-15", "end_date": "2023-11-15", **FILTERS[name]}) == 61501  # today
    assert errcode(name, {"begin_date": "2023/11/14", "end_date": "2023-11-14"}) == 61500
    assert len(rows(name, {"begin_date": "2023-09-14", **FILTERS[name]})) >= 62  # 62 days is the span


@pytest.mark.parametrize("name", ["getcardbizuininfo", "getcardcardinfo", "getcardmembercardinfo"])
@pytest.mark.parametrize("cond_source", [None, 2, "1", True])
def test_cond_source_is_0_or_1(name: str, cond_source: object) -> None:
    body = {**WEEK} if cond_source is None else {**WEEK, "cond_source": cond_source}
    assert errcode(name, body) == 40097


@pytest.mark.parametrize("card_id", [None, "", 7])
def test_one_member_card_needs_its_card_id(card_id: object) -> None:
    body = {**WEEK} if card_id is None else {**WEEK, "card_id": card_id}
    assert errcode("getcardmembercarddetail", body) == 40097
    if card_id is not None:
        assert errcode("getcardcardinfo", {**body, "cond_source": 0}) == 40097


def test_a_card_the_account_lacks_has_no_rows_and_a_named_coupon_only_its_own() -> None:
    assert rows("getcardmembercarddetail", {"card_id": "pNotThisAccountsCard"}) == []
    assert rows("getcardmembercarddetail", {"card_id": card_ids("wxother", 1, member=True)[0]}) == []
    coupon = card_ids("wxcards", 0)[1]
    assert {row["card_id"] for row in rows("getcardcardinfo", {"cond_source": 0, "card_id": coupon})} == {coupon}
    assert {row["card_id"] for row in rows("getcardcardinfo", {"cond_source": 0})} == set(card_ids("wxcards", 0))


def test_the_account_summary_adds_up_its_coupons_of_that_source() -> None:
    for source in (0, 1):
        coupons = rows("getcardcardinfo", {"cond_source": source})
        for total in rows("getcardbizuininfo", {"cond_source": source}):
            day = [row for row in coupons if row["ref_date"] == total["ref_date"]]
            assert len(day) == 3
            assert all(
                total[key] == sum(row[key] for row in day) for key in ROW_FIELDS["getcardbizuininfo"] - {"ref_date"}
            )


def test_a_member_cards_detail_agrees_with_its_sources_summary_and_the_figures_are_stable() -> None:
    summary = rows("getcardmembercardinfo", {"cond_source": 1})
    detail = rows("getcardmembercarddetail", {"card_id": MEMBER})
    shared = ("view_cnt", "receive_cnt", "verify_user", "active_user", "total_user")
    assert [[row[key] for key in shared] for row in summary] == [[row[key] for key in shared] for row in detail]
    assert all(row["fee"] <= row["payOriginalFee"] for row in detail)
    assert rows("getcardcardinfo", {"cond_source": 1}) == rows("getcardcardinfo", {"cond_source": 1})
    assert rows("getcardbizuininfo", {"cond_source": 1}) != rows(
        "getcardbizuininfo", {"cond_source": 1}, AccountFigures("wxother")
    )
    assert date.fromisoformat(summary[0]["ref_date"]) == date(2023, 11, 8)


def test_the_reports_list_the_cards_the_account_made_through_the_api() -> None:
    made = [("pCash", "CASH"), ("pGroupon", "GROUPON"), ("pFlight", "BOARDING_PASS"), ("pMember", "MEMBER_CARD")]
    listed = datacube.answer("getcardcardinfo", {**WEEK, "cond_source": 1}, FIGURES, NOW, made)["list"]
    assert {(row["card_id"], row["card_type"]) for row in listed} == {("pCash", 1), ("pGroupon", 4)}
    platform = datacube.answer("getcardcardinfo", {**WEEK, "cond_source": 0}, FIGURES, NOW, made)["list"]
    assert {row["card_id"] for row in platform} == set(card_ids("wxcards", 0))  # made on the platform: seeded
    detail = datacube.answer("getcardmembercarddetail", {**WEEK, "card_id": "pMember"}, FIGURES, NOW, made)["list"]
    assert [row["cardid"] for row in detail] == ["pMember"] * 7
    total = datacube.answer("getcardbizuininfo", {**WEEK, "cond_source": 1}, FIGURES, NOW, made)["list"]
    assert total[0]["view_cnt"] == sum(row["view_cnt"] for row in listed if row["ref_date"] == total[0]["ref_date"])
