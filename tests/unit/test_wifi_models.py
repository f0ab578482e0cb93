"""微信连Wi-Fi's models refuse what WeChat refuses, and WifiApi follows pages and cuts long statistics ranges."""

from datetime import date

import pytest
from pydantic import ValidationError

from shared.wechat.errors import Action, action_for
from shared.wechat.models.wifi import (
    CouponPut,
    DeviceDeletion,
    FinishPage,
    Homepage,
    NetworkChange,
    PageRequest,
    PasswordNetwork,
    PortalNetwork,
    StatisticsRequest,
)
from shared.wechat.transport import Call
from tests.unit.test_wechat_api_groups import api_with

SHOP = 429620


@pytest.mark.parametrize(
    ("ssid", "password"),
    [("WX" + "x" * 31, "coffee-2026"), ("", "WX-coffee"), ("WX-a", "short-7"), ("WX-a", "x" * 25),
     ("WX-a", "咖啡coffee-2026"), ("cafe", "coffee-2026"), ("W" * 30 + "X1", "x" * 24)],
)  # fmt: skip
def test_a_password_network_is_refused_as_wechat_refuses_it(ssid: str, password: str) -> None:
    with pytest.raises(ValidationError):
        PasswordNetwork(shop_id=SHOP, ssid=ssid, password=password)


def test_either_the_ssid_or_the_password_starts_with_wx() -> None:
    assert PasswordNetwork(shop_id=SHOP, ssid="cafe", password="WX-coffee").body()["ssid"] == "cafe"
    assert PasswordNetwork(shop_id=SHOP, ssid="WX" + "x" * 30, password="x" * 8).body()["password"] == "x" * 8
    with pytest.raises(ValidationError):
        NetworkChange(shop_id=SHOP, old_ssid="WX-a", ssid="cafe", password="coffee-2026")
    assert NetworkChange(shop_id=SHOP, old_ssid="WX-a", ssid="cafe").body() == {
        "shop_id": SHOP, "old_ssid": "WX-a", "ssid": "cafe",
    }  # fmt: skip


@pytest.mark.parametrize("ssid", ["p" * 31, ""])
def test_a_portal_ssid_is_1_to_30_characters(ssid: str) -> None:
    with pytest.raises(ValidationError):
        PortalNetwork(shop_id=SHOP, ssid=ssid)


def test_a_portal_ssid_needs_no_wx() -> None:
    # apportal/register's page gives only the 30-character limit; "WX" is device/add's rule.
    assert PortalNetwork(shop_id=SHOP, ssid="p" * 30).body()["ssid"] == "p" * 30


def test_pages_are_from_1_and_at_most_20() -> None:
    assert PageRequest().body() == {"pageindex": 1, "pagesize": 20}
    for bad in ({"pagesize": 21}, {"pagesize": 0}, {"pageindex": 0}):
        with pytest.raises(ValidationError):
            PageRequest.model_validate(bad)


def test_statistics_ask_for_1_to_30_days_of_a_store_or_all() -> None:
    body = StatisticsRequest(begin_date=date(2023, 10, 1), end_date=date(2023, 10, 30)).body()
    assert body == {"begin_date": "2023-10-01", "end_date": "2023-10-30", "shop_id": -1}
    for begin, end, shop_id in ((date(2023, 10, 1), date(2023, 10, 31), -1), (date(2023, 10, 2), date(2023, 10, 1), -1),
                                (date(2023, 10, 1), date(2023, 10, 1), 0)):  # fmt: skip
        with pytest.raises(ValidationError):
            StatisticsRequest(begin_date=begin, end_date=end, shop_id=shop_id)


def test_a_homepage_is_the_default_a_url_or_a_linked_mini_program() -> None:
    assert Homepage.default(SHOP).body() == {"shop_id": SHOP, "template_id": 0}
    assert Homepage.web(SHOP, "https://x.example.com").body()["struct"] == {"url": "https://x.example.com"}
    mini = Homepage.mini_program(SHOP, "gh_5cb1b4334f3a", "index.html?query=abc").body()
    assert (mini["template_id"], mini["struct"]["wxa_user_name"]) == (2, "gh_5cb1b4334f3a")
    for bad in (
        {"template_id": 1},
        {"template_id": 1, "struct": {"url": "not a url"}},
        {"template_id": 2, "struct": {"wxa_user_name": "wx5cb1b4334f3a", "wxa_path": "index"}},
        {"template_id": 0, "struct": {"url": "https://x.example.com"}},
    ):
        with pytest.raises(ValidationError):
            Homepage.model_validate({"shop_id": SHOP, **bad})


def test_a_finish_page_is_a_url_or_a_linked_mini_program() -> None:
    mini = FinishPage(shop_id=SHOP, finishpage_type=1, wxa_user_name="gh_966b66e00888", wxa_path="pages/index")
    assert mini.body()["finishpage_type"] == 1
    for bad in ({"finishpage_type": 0}, {"finishpage_type": 1, "wxa_user_name": "wx123", "wxa_path": "p"}):
        with pytest.raises(ValidationError):
            FinishPage.model_validate({"shop_id": SHOP, **bad})


def test_a_card_placement_is_described_in_18_characters_and_runs_forward() -> None:
    placement = {"shop_id": 0, "card_id": "p1", "card_describe": "一" * 18, "start_time": 1, "end_time": 2}
    assert CouponPut.model_validate(placement).body() == placement
    for bad in ({"card_describe": "一" * 19}, {"end_time": 1}, {"shop_id": -1}):
        with pytest.raises(ValidationError):
            CouponPut.model_validate({**placement, **bad})


async def test_stores_are_read_page_after_page_until_the_last() -> None:
    def page(call: Call) -> dict[str, object]:
        index = call.json["pageindex"]
        records = [{"shop_id": index * 100 + n} for n in range(20 if index < 3 else 5)]
        return {"errcode": 0, "data": {"totalcount": 45, "pageindex": index, "pagecount": 3, "records": records}}

    api, recorder = api_with({"bizwifi/shop/list": page})
    shops = [shop.shop_id async for shop in api.wifi.shops()]
    assert (len(shops), shops[-1], len(recorder.calls)) == (45, 304, 3)


async def test_a_long_statistics_range_is_asked_30_days_at_a_time() -> None:
    api, recorder = api_with({"bizwifi/statistics/list": {"errcode": 0, "data": [{"shop_id": "-1", "statis_time": 0}]}})
    rows = await api.wifi.statistics("2023-01-01", "2023-03-06")  # 65 days
    assert [(call.json["begin_date"], call.json["end_date"]) for call in recorder.calls] == [
        ("2023-01-01", "2023-01-30"), ("2023-01-31", "2023-03-01"), ("2023-03-02", "2023-03-06"),
    ]  # fmt: skip
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("errcode", "action"), [(9002003, Action.RETRY), (9002009, Action.FAIL), (9002010, Action.FAIL)]
)
def test_only_wifis_backend_timeout_is_worth_another_try(errcode: int, action: Action) -> None:
    assert action_for(errcode) is action  # "网络异常，后台服务超时，请稍后再试"; the rest are the call's own fault


@pytest.mark.parametrize(
    "body",
    [{"shop_id": SHOP, "ssid": "cafe", "password": "hunter2-secret"},  # neither starts with WX
     {"shop_id": SHOP, "ssid": "WX-cafe", "password": "hunter2-secret" * 2}],  # longer than 24
)  # fmt: skip
def test_a_refusal_does_not_echo_the_password(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as refused:
        PasswordNetwork.model_validate(body)
    assert "hunter2-secret" not in str(refused.value)


def test_a_bssid_in_upper_case_is_sent_in_lower_case() -> None:
    assert DeviceDeletion(bssid="00:1F:7A:AD:5C:A8").body() == {"bssid": "00:1f:7a:ad:5c:a8"}
    with pytest.raises(ValidationError):
        DeviceDeletion(bssid="00:1F:7A:AD:5C")
