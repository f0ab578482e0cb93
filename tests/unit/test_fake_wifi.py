"""The fake's 微信连Wi-Fi rules, on one account's state with no HTTP: each refusal is WeChat's 900xxxx code."""

from typing import Any

import pytest

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.wifi.shops import NONE, PASSWORD, PORTAL
from sandbox.fake_wechat.wifi.state import Account

SHOP, OTHER = 429620, 7921527
NOW = 1_700_000_000.0  # 2023-11-15 06:13 in China


@pytest.fixture
def account() -> Account:
    return Account("wx1")


def refused(action: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as error:
        action(*args)
    return error.value.errcode


def add(account: Account, ssid: str, password: str = "coffee-2026", shop_id: int = SHOP) -> dict[str, Any]:
    return account.add_password_network({"shop_id": shop_id, "ssid": ssid, "password": password}, NOW)


@pytest.mark.parametrize(
    ("ssid", "password", "errcode"),
    [
        ("WX" + "x" * 31, "coffee-2026", 9002008),  # 33 characters
        ("WX-cafe", "short-7", 9002013),
        ("WX-cafe", "x" * 25, 9002013),
        ("WX-cafe", "咖啡coffee-2026", 9002012),
        ("cafe", "coffee-2026", 9002010),  # neither starts with WX
        ("WX-cafe", "", 9002007),
    ],
)
def test_a_password_network_takes_wechats_ssid_and_password(
    account: Account, ssid: str, password: str, errcode: int
) -> None:
    assert refused(add, account, ssid, password) == errcode
    assert account.shops[SHOP].protocol_type == NONE


def test_wx_may_start_the_password_instead_and_32_characters_is_the_longest_ssid(account: Account) -> None:
    add(account, "cafe", "WX-coffee")
    add(account, "W" * 32, "WX-coffee")
    assert account.shops[SHOP].ssids == ["cafe", "W" * 32]


def test_a_store_has_one_kind_of_network_until_it_is_emptied(account: Account) -> None:
    add(account, "WX-cafe")
    portal = {"shop_id": SHOP, "ssid": "WX-portal"}
    assert refused(account.register_portal, portal, NOW) == 9002028
    account.clean_shop({"shop_id": SHOP}, NOW)
    assert account.register_portal(portal, NOW)["data"]["secretkey"]
    assert account.shops[SHOP].protocol_type == PORTAL
    assert refused(add, account, "WX-cafe") == 9002022


def test_a_portal_ssid_is_registered_within_30_characters_and_needs_no_wx(account: Account) -> None:
    assert refused(account.register_portal, {"shop_id": SHOP, "ssid": "p" * 31}, NOW) == 9002008
    assert account.register_portal({"shop_id": SHOP, "ssid": "p" * 30}, NOW)["data"]["secretkey"]


def test_a_portal_ssid_is_renamed_within_32_characters_and_needs_no_wx(account: Account) -> None:
    account.register_portal({"shop_id": SHOP, "ssid": "portal"}, NOW)
    rename = {"shop_id": SHOP, "old_ssid": "portal"}
    assert refused(account.update_shop, {**rename, "ssid": "q" * 33}, NOW) == 9002008
    account.update_shop({**rename, "ssid": "q" * 32}, NOW)
    assert account.shops[SHOP].networks.keys() == {"q" * 32}


def test_a_store_holds_100_ssids_each_once(account: Account) -> None:
    for n in range(100):
        add(account, f"WX-{n}")
    assert refused(add, account, "WX-0") == 9007001
    assert refused(add, account, "WX-100") == 9007005


def test_an_unknown_store_is_9002009_and_a_store_without_network_cannot_be_changed(account: Account) -> None:
    assert refused(account.shop_get, {"shop_id": 1}, NOW) == 9002009
    change = {"shop_id": SHOP, "old_ssid": "WX-cafe", "ssid": "WX-bar"}
    assert refused(account.update_shop, change, NOW) == 9002039
    add(account, "WX-cafe")
    assert refused(account.update_shop, {**change, "old_ssid": "WX-none"}, NOW) == 9007004


def test_lists_page_from_1_at_most_20_a_page(account: Account) -> None:
    for n in range(3):
        account.add_shop(f"店{n}", "", audited=True)
    page = account.shop_list({"pageindex": 2, "pagesize": 2}, NOW)["data"]
    assert (page["totalcount"], page["pageindex"], page["pagecount"], len(page["records"])) == (5, 2, 3, 2)
    assert refused(account.shop_list, {"pagesize": 21}, NOW) == 9002026
    assert refused(account.device_list, {"pageindex": 0}, NOW) == 9002008


def test_a_bssid_is_one_device_of_one_store_and_goes_with_its_ssid(account: Account) -> None:
    add(account, "WX-a")
    add(account, "WX-b")
    add(account, "WX-c", shop_id=OTHER)
    account.connect(SHOP, "WX-a", "00:1f:7a:ad:5c:a8", "o1", NOW)
    account.connect(SHOP, "WX-b", "00:1f:7a:ad:5c:a9", "o1", NOW)
    assert refused(account.connect, OTHER, "WX-c", "00:1f:7a:ad:5c:a8", "o2", NOW) == 9002016
    assert refused(account.connect, SHOP, "WX-a", "00:1f:7a:ad:5c", "o2", NOW) == 9002008  # five pairs
    account.clean_shop({"shop_id": SHOP, "ssid": "WX-a"}, NOW)
    listed = account.device_list({}, NOW)["data"]["records"]
    assert [(row["bssid"], row["ssid"], row["protocol_type"]) for row in listed] == [
        ("00:1f:7a:ad:5c:a9", "WX-b", PASSWORD),
    ]
    assert refused(account.delete_device, {"bssid": "00:1f:7a:ad:5c:a8"}, NOW) == 9002017


def test_statistics_rows_are_china_days_counted_per_store(account: Account) -> None:
    add(account, "WX-a")
    add(account, "WX-b", shop_id=OTHER)
    account.connect(SHOP, "WX-a", "00:1f:7a:ad:5c:a8", "o1", NOW)
    account.connect(OTHER, "WX-b", "00:1f:7a:ad:5c:a9", "o2", NOW)
    account.connect(SHOP, "WX-a", "00:1f:7a:ad:5c:a8", "o1", NOW + 20 * 3600)  # the next China day
    body = {"begin_date": "2023-11-15", "end_date": "2023-11-16"}
    every = account.statistics({**body, "shop_id": -1}, NOW)["data"]
    one = account.statistics({**body, "shop_id": SHOP}, NOW)["data"]
    assert [(row["shop_id"], row["total_user"]) for row in every] == [("-1", 2), ("-1", 1)]
    assert [(row["shop_id"], row["wxconnect_user"]) for row in one] == [(str(SHOP), 1), (str(SHOP), 1)]


def test_a_days_statis_time_is_its_china_midnight_in_milliseconds(account: Account) -> None:
    rows = account.statistics({"begin_date": "2015-05-01", "end_date": "2015-05-02"}, NOW)["data"]
    assert [row["statis_time"] for row in rows] == [1430409600000, 1430496000000]  # WeChat's example


@pytest.mark.parametrize(
    ("begin", "end"), [("2023-10-01", "2023-10-31"), ("2023-10-02", "2023-10-01"), ("2023-10-1", "2023-10-02")]
)
def test_statistics_cover_1_to_30_days(account: Account, begin: str, end: str) -> None:
    assert len(account.statistics({"begin_date": "2023-10-01", "end_date": "2023-10-30"}, NOW)["data"]) == 30
    assert refused(account.statistics, {"begin_date": begin, "end_date": end}, NOW) == 9002008


def test_a_card_placement_is_described_in_18_characters_and_runs_forward(account: Account) -> None:
    placement = {"shop_id": 0, "card_id": "p1", "card_describe": "x" * 18, "start_time": 1, "end_time": 2}
    account.set_coupon(placement, NOW)
    assert refused(account.set_coupon, {**placement, "card_describe": "x" * 19}, NOW) == 9002008
    assert refused(account.set_coupon, {**placement, "end_time": 1}, NOW) == 9002008
    assert account.coupon({"shop_id": 0}, NOW)["data"]["card_status"] == 2


def test_the_connect_url_needs_every_network_of_the_account_to_be_a_password_one(account: Account) -> None:
    assert refused(account.connect_url, {}, NOW) == 9002033
    add(account, "WX-a")
    assert account.connect_url({}, NOW)["data"]["connect_url"]
    account.register_portal({"shop_id": OTHER, "ssid": "WX-p"}, NOW)
    assert refused(account.connect_url, {}, NOW) == 9002025


def test_the_pages_around_a_connection_show_in_the_stores_wifi(account: Account) -> None:
    mini = {"wxa_user_name": "gh_5cb1b4334f3a", "wxa_path": "index.html?query=abc"}
    account.set_homepage({"shop_id": SHOP, "template_id": 2, "struct": mini}, NOW)
    account.set_finishpage({"shop_id": SHOP, "finishpage_type": 1, **mini}, NOW)
    shop = account.shop_get({"shop_id": SHOP}, NOW)["data"]
    assert (shop["template_id"], shop["homepage_wxa_user_name"], shop["finishpage_type"]) == (2, "gh_5cb1b4334f3a", 1)
    assert (shop["finishpage_wxa_path"], shop["finishpage_url"], shop["poi_id"]) == (
        "index.html?query=abc",
        "",
        "285633617",
    )
    assert refused(account.set_homepage, {"shop_id": SHOP, "template_id": 1}, NOW) == 9002007
    assert (
        refused(
            account.set_homepage, {"shop_id": SHOP, "template_id": 2, "struct": {**mini, "wxa_user_name": "wx1"}}, NOW
        )
        == 9002008
    )


def test_an_every_store_placement_applies_to_each_store_unless_it_has_its_own(account: Account) -> None:
    placement = {"card_describe": "10元代金券", "start_time": 1, "end_time": 2}
    assert refused(account.coupon, {"shop_id": SHOP}, NOW) == 9008001
    account.set_coupon({**placement, "shop_id": 0, "card_id": "p-all"}, NOW)
    assert account.coupon({"shop_id": SHOP}, NOW)["data"]["card_id"] == "p-all"
    account.set_coupon({**placement, "shop_id": SHOP, "card_id": "p-own"}, NOW)
    assert account.coupon({"shop_id": SHOP}, NOW)["data"]["card_id"] == "p-own"
    assert account.coupon({"shop_id": OTHER}, NOW)["data"]["card_id"] == "p-all"


def test_a_bssid_names_its_device_in_either_case(account: Account) -> None:
    add(account, "WX-a")
    account.connect(SHOP, "WX-a", "00:1F:7A:AD:5C:A8", "o1", NOW)
    account.delete_device({"bssid": "00:1f:7a:ad:5c:a8"}, NOW)
    assert refused(account.delete_device, {"bssid": "00:1F:7A:AD:5C:A8"}, NOW) == 9002017
