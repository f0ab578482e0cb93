"""The fake's 卡券 core keeps WeChat's rules: what card/create refuses and with which errcode, review and
re-review, stock and get_limit, QR codes of approved cards, codes that expire or are not valid yet, imported
codes, custom codes, member cards that keep no balance, and tickets of their own kind only."""

from typing import Any

import pytest

from sandbox.fake_wechat.cards.state import Account, Cards
from sandbox.fake_wechat.errors import ApiError

NOW = 1_700_000_000.0
DAY = 86400
BASE: dict[str, Any] = {
    "logo_url": "http://mmbiz.qpic.cn/logo", "brand_name": "一号咖啡", "code_type": "CODE_TYPE_TEXT",
    "title": "代金券", "color": "Color010", "notice": "结账时出示", "description": "满100元可用",
    "date_info": {"type": "DATE_TYPE_FIX_TIME_RANGE", "begin_timestamp": int(NOW) - DAY,
                  "end_timestamp": int(NOW) + DAY},
    "sku": {"quantity": 100},
}  # fmt: skip


OWN_FIELDS: dict[str, dict[str, Any]] = {
    "CASH": {"reduce_cost": 100},
    "MEMBER_CARD": {"prerogative": "九折", "supply_bonus": True, "supply_balance": False},
}


DEPOSIT = {**BASE, "use_custom_code": True, "get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT",
           "sku": {"quantity": 0}}  # fmt: skip


def by_id(card_id: str) -> dict[str, Any]:
    return {"card_id": card_id}


def card(kind: str = "CASH", base: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    own = OWN_FIELDS.get(kind, {})
    return {"card": {"card_type": kind, kind.lower(): {"base_info": base or BASE, **own, **fields}}}


def errcode(action: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as error:
        action(*args)
    return error.value.errcode


def approved(account: Account, body: dict[str, Any] | None = None) -> str:
    card_id = account.cards.create(body or card(), NOW)
    account.cards.review(card_id, "CARD_STATUS_VERIFY_OK")
    return card_id


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (card(base={**BASE, "title": "一" * 10}), 45021),
        (card(base={**BASE, "brand_name": "一" * 13}), 45021),
        (card(base={k: v for k, v in BASE.items() if k != "notice"}), 41011),
        (card(base={**BASE, "code_type": "CODE_TYPE_PDF"}), 40072),
        (card(base={**BASE, "color": "Color999"}), 40097),
        (card(base={**BASE, "sku": {"quantity": 100_000_001}}), 40122),
        (card(base={**BASE, "date_info": {**BASE["date_info"], "end_timestamp": int(NOW) - 1}}), 40079),
        (card(base={**BASE, "date_info": {"type": "DATE_TYPE_PERMANENT"}}), 40079),  # not a member card
        (card("DISCOUNT", discount=100), 40097),
        (card("GROUPON"), 41011),  # no deal_detail
        ({"card": {"card_type": "LUCKY_MONEY", "lucky_money": {"base_info": BASE}}}, 40071),
        (card(base={**BASE, "get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT"}), 40097),
        (
            card(base={**BASE, "use_custom_code": True, "get_custom_code_mode": "GET_CUSTOM_CODE_MODE_DEPOSIT"}),
            40122,
        ),  # an imported-code card starts with quantity 0
    ],
)
def test_card_create_refuses_as_wechat_documents(body: dict[str, Any], expected: int) -> None:
    assert errcode(Account().cards.create, body, NOW) == expected


def test_a_reviewed_field_sends_the_card_back_to_review_and_the_brand_never_changes() -> None:
    account = Account()
    card_id = approved(account)
    assert account.cards.update({"card_id": card_id, "cash": {"base_info": {"notice": "请出示"}}}, NOW) is False
    assert account.cards.cards[card_id].status == "CARD_STATUS_VERIFY_OK"
    assert account.cards.update({"card_id": card_id, "cash": {"base_info": {"title": "新券"}}}, NOW) is True
    assert account.cards.cards[card_id].status == "CARD_STATUS_NOT_VERIFY"
    change = {"card_id": card_id, "cash": {"base_info": {"brand_name": "别家"}}}
    assert errcode(account.cards.update, change, NOW) == 40097
    assert errcode(account.cards.update, {"card_id": card_id, "groupon": {}}, NOW) == 41011  # not its type


def test_a_page_holds_1_to_50_of_the_statuses_asked_for() -> None:
    account = Account()
    ids = [account.cards.create(card(), NOW) for _ in range(3)]
    account.cards.review(ids[1], "CARD_STATUS_VERIFY_FAIL")
    assert account.cards.page({"count": 2}) == {"card_id_list": ids[:2], "total_num": 3}
    assert account.cards.page({"count": 50, "status_list": ["CARD_STATUS_VERIFY_FAIL"]})["card_id_list"] == [ids[1]]
    assert errcode(account.cards.page, {"count": 51}) == 40097


def test_a_qr_code_gives_1_to_5_cards_that_did_not_fail_review_for_60_to_1800_seconds() -> None:
    account = Account()
    card_id = approved(account)
    one = {"card": {"card_id": card_id}}
    assert errcode(account.cards.qrcode, {"action_name": "QR_SCENE", "action_info": one}, NOW) == 40053
    six = {"multiple_card": {"card_list": [{"card_id": card_id}] * 6}}
    assert errcode(account.cards.qrcode, {"action_name": "QR_MULTIPLE_CARD", "action_info": six}, NOW) == 40053
    short = {"action_name": "QR_CARD", "action_info": one, "expire_seconds": 59}
    assert errcode(account.cards.qrcode, short, NOW) == 40097
    assert account.cards.qrcode({"action_name": "QR_CARD", "action_info": one}, NOW)["expire_seconds"] == 365 * DAY
    failed = account.cards.create(card(), NOW)
    account.cards.review(failed, "CARD_STATUS_VERIFY_FAIL")
    refused = {"action_name": "QR_CARD", "action_info": {"card": {"card_id": failed}}}
    assert errcode(account.cards.qrcode, refused, NOW) == 40078


def test_a_scanned_qr_code_gives_its_card_until_it_expires_and_only_to_the_user_it_names() -> None:
    account = Account()
    card_id = approved(account)
    one = {"card": {"card_id": card_id, "openid": "oNamed", "outer_str": "poster"}}
    ticket = account.cards.qrcode({"action_name": "QR_CARD", "action_info": one, "expire_seconds": 60}, NOW)["ticket"]
    assert errcode(account.codes.scan, ticket, "oSomeoneElse", NOW) == 40097
    assert errcode(account.codes.scan, ticket, "oNamed", NOW + 60) == 40097  # expired
    assert errcode(account.codes.scan, "no-such-ticket", "oNamed", NOW) == 40097
    held = account.codes.scan(ticket, "oNamed", NOW + 59)
    assert (held.card_id, held.openid, held.outer_str) == (card_id, "oNamed", "poster")
    other = approved(account)
    several = {"multiple_card": {"card_list": [{"card_id": card_id}, {"card_id": other}]}}
    multi = account.cards.qrcode({"action_name": "QR_MULTIPLE_CARD", "action_info": several}, NOW)["ticket"]
    assert account.codes.scan(multi, "oAny", NOW, other).card_id == other
    assert errcode(account.codes.scan, multi, "oAny", NOW, "pNotOnIt") == 40097


def test_each_user_takes_a_card_up_to_get_limit_50_by_default() -> None:
    account = Account()
    card_id = approved(account)
    for _ in range(50):
        account.codes.take(card_id, "oUser", NOW)
    assert errcode(account.codes.take, card_id, "oUser", NOW) == 45033
    assert account.cards.cards[card_id].quantity == 50


def test_a_code_expires_with_its_range_and_a_term_card_is_not_valid_before_its_first_day() -> None:
    account = Account()
    code = account.codes.take(approved(account), "oUser", NOW).code
    assert account.codes.get({"code": code, "check_consume": False}, NOW + 2 * DAY)["user_card_status"] == "EXPIRE"
    assert errcode(account.codes.consume, {"code": code}, NOW + 2 * DAY) == 40127
    term = {**BASE, "date_info": {"type": "DATE_TYPE_FIX_TERM", "fixed_term": 10, "fixed_begin_term": 1}}
    later = account.codes.take(approved(account, card(base=term)), "oUser", NOW)
    china_midnight = 1_699_977_600  # 2023-11-15 00:00 China time, the day NOW falls on there
    assert (later.begin, later.end) == (china_midnight + DAY, china_midnight + 11 * DAY - 1)
    assert account.codes.get({"code": later.code}, NOW)["can_consume"] is False
    assert errcode(account.codes.consume, {"code": later.code}, NOW) == 40079
    assert account.codes.consume({"code": later.code}, NOW + DAY)["openid"] == "oUser"


def test_a_term_counts_china_days_and_ends_by_the_cards_end_timestamp() -> None:
    account = Account()
    late = 1_700_062_200  # 2023-11-15 23:30 China time
    one_day = {**BASE, "date_info": {"type": "DATE_TYPE_FIX_TERM", "fixed_term": 1, "fixed_begin_term": 0}}
    held = account.codes.take(approved(account, card(base=one_day)), "oUser", late)
    assert (held.begin, held.end) == (late - 84600, late + 1799)  # that day, 00:00 to 23:59:59
    assert account.codes.get({"code": held.code}, late + 1799)["can_consume"] is True
    assert errcode(account.codes.consume, {"code": held.code}, late + 1800) == 40127  # expired at midnight
    capped = {**BASE, "date_info": {"type": "DATE_TYPE_FIX_TERM", "fixed_term": 30, "end_timestamp": late + DAY}}
    assert account.codes.take(approved(account, card(base=capped)), "oUser", late).end == late + DAY


def test_a_code_is_found_only_with_its_own_card() -> None:
    account = Account()
    first, second = approved(account), approved(account)
    code = account.codes.take(first, "oUser", NOW).code
    assert errcode(account.codes.get, {"code": code, "card_id": second}, NOW) == 40056
    assert account.codes.get({"code": code, "card_id": first}, NOW)["card"]["card_id"] == first


def test_imported_codes_are_for_deposit_cards_and_a_custom_code_changes_to_a_free_one() -> None:
    account = Account()
    plain = approved(account)
    assert errcode(account.codes.deposit, {"card_id": plain, "code": ["1"]}) == 40097
    assert (
        errcode(account.codes.update, {"code": account.codes.take(plain, "o", NOW).code, "new_code": "9"}, NOW) == 40097
    )
    custom = approved(account, card(base={**BASE, "use_custom_code": True}))
    assert errcode(account.codes.take, custom, "oUser", NOW) == 40116  # a custom code card is given its code
    account.codes.take(custom, "oUser", NOW, code="A1")
    account.codes.take(custom, "oUser", NOW, code="A2")
    assert errcode(account.codes.get, {"code": "A1"}, NOW) == 41012  # a custom code names its card
    assert errcode(account.codes.update, {"card_id": custom, "code": "A1", "new_code": "A2"}, NOW) == 40116
    stocked = approved(account, card(base=DEPOSIT))
    assert errcode(account.codes.deposit, {"card_id": stocked, "code": ["x" * 21]}) == 40116
    assert errcode(account.codes.deposit, {"card_id": stocked, "code": [str(n) for n in range(101)]}) == 40097
    account.codes.deposit({"card_id": stocked, "code": ["D1"]})
    account.cards.modify_stock(
        {"card_id": stocked, "increase_stock_value": 1}, account.codes.unused_count(by_id(stocked))
    )
    assert account.codes.take(stocked, "oUser", NOW).code == "D1"
    assert errcode(account.codes.take, stocked, "oUser", NOW) == 45031  # no imported code left


def test_an_imported_code_cards_stock_never_passes_the_imported_codes_left() -> None:
    account = Account()
    stocked = approved(account, card(base=DEPOSIT))
    account.codes.deposit({"card_id": stocked, "code": [f"C{n}" for n in range(10)]})
    account.cards.modify_stock(
        by_id(stocked) | {"increase_stock_value": 10}, account.codes.unused_count(by_id(stocked))
    )
    for _ in range(5):
        account.codes.take(stocked, "oUser", NOW)
    more = by_id(stocked) | {"increase_stock_value": 1}
    assert errcode(account.cards.modify_stock, more, account.codes.unused_count(by_id(stocked))) == 40122
    assert account.cards.cards[stocked].quantity == account.codes.unused_count(by_id(stocked)) == 5


def test_a_custom_code_is_unique_within_its_card_only() -> None:
    account = Account()
    first, second = approved(account, card(base=DEPOSIT)), approved(account, card(base=DEPOSIT))
    for card_id in (first, second):
        account.codes.deposit({"card_id": card_id, "code": ["SAME"]})
        account.cards.modify_stock({"card_id": card_id, "increase_stock_value": 1}, 1)
    assert account.codes.take(first, "oA", NOW).code == account.codes.take(second, "oB", NOW).code == "SAME"
    assert account.codes.get({"code": "SAME", "card_id": first}, NOW)["openid"] == "oA"
    assert account.codes.get({"code": "SAME", "card_id": second}, NOW)["openid"] == "oB"
    assert errcode(account.codes.get, {"code": "SAME"}, NOW) == 41012
    custom = [approved(account, card(base={**BASE, "use_custom_code": True})) for _ in range(2)]
    assert [account.codes.take(card_id, "oC", NOW, code="11111").code for card_id in custom] == ["11111", "11111"]
    assert errcode(account.codes.take, custom[0], "oC", NOW, "11111") == 40116  # once within its card
    account.codes.consume({"code": "11111", "card_id": custom[0]}, NOW)
    assert account.codes.get({"code": "11111", "card_id": custom[1]}, NOW)["user_card_status"] == "NORMAL"


def test_a_member_card_keeps_a_balance_only_when_it_supplies_one_and_records_are_short() -> None:
    account = Account()
    member = approved(account, card("MEMBER_CARD"))
    code = account.codes.take(member, "oUser", NOW).code
    activation = {"card_id": member, "code": code, "membership_number": "M1", "init_balance": 100}
    assert errcode(account.members.activate, activation, NOW) == 40097
    account.members.activate({**activation, "init_balance": 0, "init_bonus": 5}, NOW)
    assert errcode(account.members.update, {"code": code, "add_balance": 10}, NOW) == 40097
    assert errcode(account.members.update, {"code": code, "add_bonus": 1, "record_bonus": "积" * 15}, NOW) == 45021
    assert account.members.update({"code": code, "bonus": 30}, NOW)["result_bonus"] == 30
    coupon = account.codes.take(approved(account), "oUser", NOW).code
    assert errcode(account.members.update, {"code": coupon, "bonus": 1}, NOW) == 40071


def test_a_member_cards_custom_field_values_are_at_most_4_hanzi_or_12_bytes() -> None:
    account = Account()
    member = approved(account, card("MEMBER_CARD"))
    code = account.codes.take(member, "oUser", NOW).code
    activation = {"card_id": member, "code": code, "membership_number": "M1"}
    assert errcode(account.members.activate, {**activation, "init_custom_field_value1": "白金会员等级"}, NOW) == 45021
    account.members.activate({**activation, "init_custom_field_value1": "白金会员"}, NOW)  # 12 bytes
    assert errcode(account.members.update, {"code": code, "custom_field_value2": "白金会员等级"}, NOW) == 45021
    assert errcode(account.members.update, {"code": code, "custom_field_value2": "x" * 13}, NOW) == 45021
    account.members.update({"code": code, "custom_field_value2": "VIP-12345678"}, NOW)
    assert account.codes.by_code(code).member["custom_field_value2"] == "VIP-12345678"


def test_a_boarding_pass_checks_in_and_cancels() -> None:
    account = Account()
    flight = approved(account, card("BOARDING_PASS", None, **{"from": "成都", "to": "广州", "flight": "CA1234"}))
    held = account.codes.take(flight, "oUser", NOW)
    check_in = {"code": held.code, "passenger_name": "乘客", "class": "经济舱", "etkt_bnr": "1400", "seat": "1A"}
    account.members.check_in(check_in, NOW)
    assert held.ticket["seat"] == "1A"
    account.members.check_in({"code": held.code, "is_cancel": True}, NOW)
    assert held.ticket == {}
    assert errcode(account.members.check_in, {"code": held.code}, NOW) == 41011  # no passenger_name


def test_a_card_given_to_a_friend_is_theirs_under_a_new_code_and_the_old_code_is_unknown() -> None:
    account = Account()
    shared = approved(account, card(base={**BASE, "can_give_friend": True}))
    old = account.codes.take(shared, "oGiver", NOW).code
    account.codes.gift(old, NOW)
    assert errcode(account.codes.consume, {"code": old}, NOW) == 40127  # GIFTING
    assert account.codes.get({"code": old, "check_consume": False}, NOW)["user_card_status"] == "GIFTING"
    new = account.codes.accept(old, "oFriend").code
    assert new != old
    assert errcode(account.codes.get, {"code": old}, NOW) == 40056
    assert account.codes.consume({"code": new}, NOW)["openid"] == "oFriend"
    kept = account.codes.take(approved(account), "oGiver", NOW).code
    assert errcode(account.codes.gift, kept, NOW) == 40097  # can_give_friend is not set


def test_a_pay_cell_needs_the_cards_stores() -> None:
    account = Account()
    bare = approved(account)
    assert errcode(account.cards.set_pay_cell, {"card_id": bare, "is_open": True}) == 40097
    account.cards.set_pay_cell({"card_id": bare, "is_open": False})
    stores = approved(account, card(base={**BASE, "location_id_list": [123]}))
    account.cards.set_pay_cell({"card_id": stores, "is_open": True})
    assert account.cards.cards[stores].pay_cell is True


def test_a_users_card_bag_keeps_expired_and_unavailable_cards_but_not_redeemed_or_deleted_ones() -> None:
    account = Account()
    card_id = approved(account)
    codes = [account.codes.take(card_id, "oUser", NOW).code for _ in range(4)]
    account.codes.consume({"code": codes[0]}, NOW)
    account.codes.drop(codes[1])
    account.codes.unavailable({"code": codes[2]}, NOW)
    later = NOW + 2 * DAY  # codes[3] has expired
    assert [c["code"] for c in account.codes.of_user({"openid": "oUser"}, later)["card_list"]] == codes[2:]


def test_card_ids_and_qr_tickets_are_unique_across_accounts() -> None:
    cards = Cards()
    first, second = cards.of("wxone"), cards.of("wxtwo")
    ids = [approved(account) for account in (first, second)]
    assert ids[0] != ids[1]
    qr = {"action_name": "QR_CARD", "action_info": {"card": {"card_id": ids[0]}}}
    other = {"action_name": "QR_CARD", "action_info": {"card": {"card_id": ids[1]}}}
    assert first.cards.qrcode(qr, NOW)["ticket"] != second.cards.qrcode(other, NOW)["ticket"]
