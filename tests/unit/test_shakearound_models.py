"""摇一摇周边's models: WeChat's limits refused before anything is sent; the client follows pages."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.models.shake_lottery import Lottery, LotteryTemplate, Tickets
from shared.wechat.models.shakearound import (
    DAY,
    DeviceApplication,
    DeviceIdentifier,
    GroupName,
    Page,
    Registration,
    StatsRange,
    identifier,
)
from shared.wechat.models.text_width import width
from shared.wechat.transport import Call
from tests.unit.test_wechat_api_groups import api_with

PAGE = {"title": "主标题", "description": "副标题", "page_url": "https://a.b", "icon_url": "http://c.d"}
LOTTERY = {"title": "摇红包", "desc": "开业", "begin_time": 0, "expire_time": DAY, "sponsor_appid": "wx1",
           "total": 1, "jump_url": "https://a.b", "key": "k"}  # fmt: skip


def test_width_counts_a_cjk_character_as_two() -> None:
    assert width("摇一摇ab") == 8


@pytest.mark.parametrize(
    ("field", "fits", "too_long"),
    [("title", "六个汉字六个", "六个汉字六个字"), ("title", "a" * 12, "a" * 13), ("description", "七" * 7, "七" * 8),
     ("comment", "a" * 30, "a" * 31)],
)  # fmt: skip
def test_a_page_text_fits_its_width(field: str, fits: str, too_long: str) -> None:
    Page.model_validate({**PAGE, field: fits})
    with pytest.raises(ValidationError):
        Page.model_validate({**PAGE, field: too_long})


def test_a_page_links_over_http() -> None:
    with pytest.raises(ValidationError):
        Page.model_validate({**PAGE, "page_url": "zb.weixin.qq.com"})


def test_a_device_is_named_by_its_id_or_its_full_uuid_major_minor() -> None:
    assert identifier(10011) == {"device_id": 10011}
    DeviceIdentifier(uuid="FDA50693-A4E2-4FB1-AFCF-C6EB07647825", major=1, minor=0)
    with pytest.raises(ValidationError):
        DeviceIdentifier(uuid="FDA50693-A4E2-4FB1-AFCF-C6EB07647825", major=1)


@pytest.mark.parametrize("quantity", [0, 10_001])
def test_an_application_asks_for_1_to_10000_devices(quantity: int) -> None:
    with pytest.raises(ValidationError):
        DeviceApplication(quantity=quantity, apply_reason="x")


def test_an_application_reason_is_at_most_100_cjk_characters() -> None:
    DeviceApplication(quantity=1, apply_reason="理" * 100)
    with pytest.raises(ValidationError):
        DeviceApplication(quantity=1, apply_reason="理" * 101)


def test_statistics_cover_1_to_30_days() -> None:
    StatsRange(begin_date=0, end_date=29 * DAY)
    for end in (30 * DAY, -1):
        with pytest.raises(ValidationError):
            StatsRange(begin_date=0, end_date=end)


def test_a_statistics_range_counts_china_days_not_seconds() -> None:
    late = 1699887600  # 2023-11-13 23:00 in China
    StatsRange(begin_date=late, end_date=late + 29 * DAY)  # 2023-11-13 .. 2023-12-12: 30 China days
    with pytest.raises(ValidationError):  # 29 days and 2 hours later is 2023-12-13 01:00: 31 China days
        StatsRange(begin_date=late, end_date=late + 29 * DAY + 2 * 3600)


def test_a_lottery_runs_after_it_begins_for_at_most_91_days() -> None:
    Lottery.model_validate({**LOTTERY, "expire_time": 91 * DAY})
    for expire in (91 * DAY + 1, 0):
        with pytest.raises(ValidationError):
            Lottery.model_validate({**LOTTERY, "expire_time": expire})


def test_a_registration_gives_an_email_address() -> None:
    with pytest.raises(ValidationError):
        Registration(name="张三", phone_number="1", email="weixin123", industry_id="0118")


def test_a_registration_reason_is_optional_and_at_most_250_cjk_characters() -> None:
    base = {"name": "张三", "phone_number": "1", "email": "a@b.c", "industry_id": "0118"}
    Registration.model_validate(base)
    Registration.model_validate({**base, "apply_reason": "理" * 250})
    with pytest.raises(ValidationError):
        Registration.model_validate({**base, "apply_reason": "理" * 251})


def test_the_lottery_template_page_shows_a_logo() -> None:
    assert LotteryTemplate(logo_url="http://a.b/logo").params() == {"use_template": "1", "logo_url": "http://a.b/logo"}
    assert LotteryTemplate(use_template=2).params() == {"use_template": "2"}
    with pytest.raises(ValidationError):
        LotteryTemplate()


def test_tickets_are_added_1_to_100_a_call() -> None:
    base = {"lottery_id": "1", "mchid": "1", "sponsor_appid": "wx1"}
    assert Tickets(**base, tickets=["v1|a"]).body()["prize_info_list"] == [{"ticket": "v1|a"}]
    for tickets in ([], ["v1|a"] * 101):
        with pytest.raises(ValidationError):
            Tickets(**base, tickets=tickets)


def test_a_group_name_is_at_most_100_cjk_characters() -> None:
    GroupName(group_name="组" * 100)
    with pytest.raises(ValidationError):
        GroupName(group_name="组" * 101)


def test_a_refusal_does_not_echo_the_lotterys_signing_key() -> None:
    with pytest.raises(ValidationError) as refused:
        Lottery.model_validate({**LOTTERY, "key": "SIGNKEY123", "expire_time": LOTTERY["begin_time"]})
    assert "SIGNKEY123" not in str(refused.value)


async def test_a_days_list_is_read_page_after_page_until_total_count() -> None:
    def page(call: Call) -> dict[str, Any]:
        index = call.json["page_index"]
        rows = [{"page_id": index * 100 + n} for n in range(50 if index == 1 else 7)]
        return {"errcode": 0, "data": {"pages": rows}, "date": call.json["date"], "total_count": 57,
                "page_index": index}  # fmt: skip

    api, recorder = api_with({"shakearound/statistics/pagelist": page})
    rows = [row async for row in api.shakearound.day_of_pages(1700000000)]
    assert (len(rows), rows[-1]["page_id"], [c.json["page_index"] for c in recorder.calls]) == (57, 206, [1, 2])


async def test_groups_and_a_pages_devices_are_read_page_after_page() -> None:
    def groups(call: Call) -> dict[str, Any]:
        begin, count = call.json["begin"], call.json["count"]
        found = [{"group_id": n, "group_name": f"g{n}"} for n in range(begin, min(begin + count, 1003))]
        return {"errcode": 0, "data": {"total_count": 1003, "groups": found}}

    def relations(call: Call) -> dict[str, Any]:
        begin, count = call.json["begin"], call.json["count"]
        found = [{"device_id": n, "page_id": 7} for n in range(begin, min(begin + count, 12))]
        return {"errcode": 0, "data": {"total_count": 12, "relations": found}}

    api, recorder = api_with({"shakearound/device/group/getlist": groups, "shakearound/relation/search": relations})
    assert [g.group_id async for g in api.shakearound.groups()] == list(range(1003))
    assert [r.device_id async for r in api.shakearound.page_devices(7, page_size=5)] == list(range(12))
    assert [c.json["begin"] for c in recorder.calls] == [0, 1000, 0, 5, 10]
