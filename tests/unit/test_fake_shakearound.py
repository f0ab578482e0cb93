"""The fake's 摇一摇周边 rules, without HTTP: what each refusal guards, one promise a test."""

from typing import Any

import pytest

from sandbox.fake_wechat.body_fields import width
from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.shakearound import rules
from sandbox.fake_wechat.shakearound.devices import MANUAL_REVIEW, Devices
from sandbox.fake_wechat.shakearound.groups import Groups
from sandbox.fake_wechat.shakearound.lottery import Lotteries, lottery_fields
from sandbox.fake_wechat.shakearound.pages import Pages, check_material
from sandbox.fake_wechat.shakearound.rules import day_start
from sandbox.fake_wechat.shakearound.shakes import HISTORY_DAYS, Shake, Shakes
from sandbox.fake_wechat.shakearound.state import Account
from tests.images import png

NOW = 1_700_000_000.0
DAY = rules.DAY
PAGE = {"title": "主标题", "description": "副标题", "page_url": "https://a.b", "icon_url": "http://c.d"}
LOTTERY = {"title": "摇红包", "desc": "开业", "begin_time": 0, "expire_time": DAY, "sponsor_appid": "wx1",
           "total": 1, "jump_url": "https://a.b", "key": "k"}  # fmt: skip


def refused(call: Any, *args: Any, **kwargs: Any) -> int:
    with pytest.raises(ApiError) as error:
        call(*args, **kwargs)
    return error.value.errcode


def opened() -> Account:
    account = Account("wx1")
    account.register({"name": "张三", "phone_number": "1", "email": "a@b.c", "industry_id": "0118",
                      "qualification_cert_urls": [], "apply_reason": "x"}, NOW)  # fmt: skip
    account.review_registration(True, NOW)
    return account


def with_devices(count: int) -> Devices:
    devices = Devices()
    devices.apply({"quantity": count, "apply_reason": "x"}, NOW)
    return devices


def test_a_cjk_character_counts_as_two_letters() -> None:
    assert (width("主标题"), width("abc"), width("a主")) == (6, 3, 3)


@pytest.mark.parametrize(
    ("field", "fits", "too_long"),
    [("title", "主标题主标题", "主标题主标题a"), ("title", "a" * 12, "a" * 13),
     ("description", "副" * 7, "副" * 7 + "a"), ("comment", "备" * 15, "备" * 16)],
)  # fmt: skip
def test_a_page_text_is_measured_in_letters(field: str, fits: str, too_long: str) -> None:
    pages = Pages()
    pages.add({**PAGE, field: fits})
    assert refused(pages.add, {**PAGE, field: too_long}) == rules.PAGE_ARGS_INVALID


def test_an_account_not_yet_approved_is_refused_and_a_pending_registration_not_resubmitted() -> None:
    account = Account("wx1")
    assert refused(account.opened) == rules.ACCOUNT_INVALID
    body = {"name": "张三", "phone_number": "1", "email": "a@b.c", "industry_id": "0118",
            "qualification_cert_urls": [], "apply_reason": "x"}  # fmt: skip
    account.register(body, NOW)
    assert refused(account.register, body, NOW) == rules.ACCOUNT_INVALID
    account.review_registration(False, NOW)
    account.register(body, NOW)  # a rejected registration is submitted again
    assert account.audit_status()["audit_status"] == 1


def test_fewer_than_500_devices_are_approved_at_once_and_500_wait_for_review() -> None:
    quick, large = Devices(), Devices()
    assert quick.apply({"quantity": MANUAL_REVIEW - 1, "apply_reason": "x"}, NOW)["audit_status"] == 2
    assert large.apply({"quantity": MANUAL_REVIEW, "apply_reason": "x"}, NOW)["audit_status"] == 1
    assert (len(quick.devices), len(large.devices)) == (MANUAL_REVIEW - 1, 0)


@pytest.mark.parametrize(("quantity", "errcode"), [(0, rules.QUANTITY_INVALID), (10_001, rules.APPLICATION_INVALID)])
def test_an_application_asks_for_1_to_10000_devices(quantity: int, errcode: int) -> None:
    assert refused(Devices().apply, {"quantity": quantity, "apply_reason": "x"}, NOW) == errcode


def test_no_application_while_one_is_reviewed_or_most_devices_are_idle() -> None:
    devices = Devices()
    devices.apply({"quantity": MANUAL_REVIEW, "apply_reason": "x"}, NOW)
    assert refused(devices.apply, {"quantity": 1, "apply_reason": "x"}, NOW) == rules.APPLICATION_UNDER_REVIEW
    idle = with_devices(2)
    assert refused(idle.apply, {"quantity": 1, "apply_reason": "x"}, NOW) == rules.ACTIVATION_TOO_LOW
    next(iter(idle.devices.values())).last_active_time = int(NOW)  # half active is enough
    idle.apply({"quantity": 1, "apply_reason": "x"}, NOW)


def test_a_device_is_found_by_its_id_before_its_uuid_major_minor() -> None:
    devices = with_devices(2)
    first, second = sorted(devices.devices.values(), key=lambda d: d.device_id)
    named = {"device_id": first.device_id, "uuid": second.uuid, "major": second.major, "minor": second.minor}
    assert devices.find(named) is first
    assert devices.find({**named, "device_id": 0}) is second
    assert refused(devices.find, {"device_id": 1}) == rules.DEVICE_INVALID


def test_a_device_shows_at_most_30_known_pages_and_an_empty_list_clears_them() -> None:
    devices, pages = with_devices(1), Pages()
    ids = [pages.add(PAGE) for _ in range(31)]
    device = {"device_id": next(iter(devices.devices))}
    assert refused(devices.bind_pages, {"device_identifier": device, "page_ids": ids}, set(ids)) == 9001032
    assert refused(devices.bind_pages, {"device_identifier": device, "page_ids": [1]}, set(ids)) == 9001026
    devices.bind_pages({"device_identifier": device, "page_ids": ids[:30]}, set(ids))
    devices.bind_pages({"device_identifier": device, "page_ids": []}, set(ids))
    assert devices.showing(ids[0]) == []


def test_device_search_pages_from_last_seen_and_names_at_most_50() -> None:
    devices = with_devices(5)
    ids = sorted(devices.devices)
    page = devices.search({"type": 2, "last_seen": ids[1], "count": 2})
    assert ([d["device_id"] for d in page["devices"]], page["total_count"]) == (ids[2:4], 5)
    many = [{"device_id": ids[0]}] * 51
    assert refused(devices.search, {"type": 1, "device_identifiers": many}) == rules.TOO_MANY_DEVICES


def test_a_page_a_device_shows_is_not_deleted() -> None:
    account = opened()
    page_id = account.pages.add(PAGE)
    account.devices.apply({"quantity": 1, "apply_reason": "x"}, NOW)
    account.devices.bind_pages({"device_identifier": {"device_id": 10011}, "page_ids": [page_id]}, {page_id})
    assert refused(account.delete_page, {"page_id": page_id}) == rules.PAGE_IN_USE


def test_page_search_reads_at_most_50() -> None:
    assert refused(Pages().search, {"type": 2, "begin": 0, "count": 51}) == rules.TOO_MANY_PAGES


def test_a_ticket_reads_for_30_minutes() -> None:
    account = opened()
    page_id = account.pages.add(PAGE)
    account.devices.apply({"quantity": 1, "apply_reason": "x"}, NOW)
    account.devices.bind_pages({"device_identifier": {"device_id": 10011}, "page_ids": [page_id]}, {page_id})
    ticket = account.shake(10011, "oA", NOW)
    assert account.shake_info({"ticket": ticket}, NOW + 30 * 60 - 1)["openid"] == "oA"
    assert refused(account.shake_info, {"ticket": ticket}, NOW + 30 * 60) == rules.TICKET_INVALID


@pytest.mark.parametrize(
    ("begin", "end"),
    [(NOW, NOW), (NOW - 31 * DAY, NOW - DAY), (NOW - 91 * DAY, NOW - 89 * DAY), (NOW - DAY, NOW - 2 * DAY)],
    ids=["today", "31 days", "older than 90 days", "end before begin"],
)
def test_statistics_cover_up_to_30_past_days_of_the_last_90(begin: float, end: float) -> None:
    body = {"begin_date": int(begin), "end_date": int(end)}
    assert refused(opened().shakes.days, body, NOW) == rules.DATE_RANGE_INVALID


def test_statistics_days_are_china_days() -> None:
    days = opened().shakes.days({"begin_date": int(NOW - DAY), "end_date": int(NOW - DAY)}, NOW)
    assert [(day + 8 * 3600) % DAY for day in days] == [0]


def test_a_group_holding_devices_is_not_deleted_and_takes_1000_a_call() -> None:
    groups, devices = Groups(), with_devices(1)
    group_id = groups.add({"group_name": "一号店"})["group_id"]
    groups.add_devices({"group_id": group_id, "device_identifiers": [{"device_id": 10011}]}, devices)
    assert refused(groups.delete, {"group_id": group_id}) == rules.POST_INVALID
    too_many = {"group_id": group_id, "device_identifiers": [{"device_id": 10011}] * 1001}
    assert refused(groups.add_devices, too_many, devices) == rules.POST_INVALID


def test_a_lottery_runs_at_most_91_days_and_takes_at_most_its_total() -> None:
    assert refused(lottery_fields, {**LOTTERY, "expire_time": 91 * DAY + 1}) == rules.POST_INVALID
    lotteries = Lotteries()
    lottery = lotteries.add(lottery_fields(LOTTERY), page_id=1)
    body = {"lottery_id": lottery.lottery_id, "mchid": "1", "sponsor_appid": "wx1"}
    assert lotteries.add_tickets({**body, "prize_info_list": [{"ticket": "v1|a"}]}) == {"success_num": 1}
    assert refused(lotteries.add_tickets, {**body, "prize_info_list": [{"ticket": "v1|b"}]}) == rules.POST_INVALID
    assert lottery.tickets == ["v1|a"]  # nothing added past the total
    other = lotteries.add_tickets({**body, "sponsor_appid": "wx2", "prize_info_list": [{"ticket": "v1|c"}]})
    assert other == {"success_num": 0, "wrong_authmchid_ticket_list": [{"ticket": "v1|c"}]}


@pytest.mark.parametrize(
    ("kind", "content_type", "data", "errcode"),
    [("icon", "image/png", png(120, 100), rules.FILE_SIZE_INVALID),
     ("icon", "image/png", png(201, 201), rules.FILE_SIZE_INVALID),
     ("license", "image/jpeg", b"\xff" * (2 * 1024 * 1024 + 1), rules.FILE_SIZE_INVALID),
     ("icon", "image/bmp", b"BM", rules.FILE_TYPE_INVALID), ("logo", "image/png", png(1, 1), rules.FILE_TYPE_INVALID)],
    ids=["not square", "past 200 pixels", "licence past 2 MB", "bmp", "unknown type"],
)  # fmt: skip
def test_material_is_a_jpg_png_or_gif_of_the_size_its_type_allows(
    kind: str, content_type: str, data: bytes, errcode: int
) -> None:
    assert refused(check_material, kind, content_type, data) == errcode
    check_material("icon", "image/png", png(200, 200))


def test_expired_tickets_and_days_past_the_history_are_forgotten() -> None:
    shakes = Shakes()
    shake = Shake(device_id=1, page_id=2, openid="o", distance=1.0, at=int(NOW), clicked=True)
    old = shakes.record(shake)
    later = NOW + (HISTORY_DAYS + 1) * DAY
    fresh = shakes.record(Shake(device_id=1, page_id=2, openid="o", distance=1.0, at=int(later), clicked=True))
    assert list(shakes.tickets) == [fresh] and old not in shakes.tickets
    assert list(shakes.by_day) == [day_start(later)]
    assert shakes.shown[1] == 2  # the device's turn of pages still counts every shake
