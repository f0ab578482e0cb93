"""The fake's 微信发票 rules, on its state alone: authorizations per platform and order, the merchant's
settings, what an insertion needs, reimbursement's legal moves and who may make them, 统一开票, titles."""

import string
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.invoices.package import CANCEL, CLOSURE, INIT, LOCK, encrypt_code
from sandbox.fake_wechat.invoices.platform import PDF_KEPT_SECONDS
from sandbox.fake_wechat.invoices.state import Invoices
from sandbox.fake_wechat.invoices.titles import TITLE_QR_SECONDS

MERCHANT, PLATFORM, OTHER_PLATFORM, REIMBURSER, RIVAL = "wxmerchant", "wxplatform", "wxother", "wxfinance", "wxrival"
PDF = b"%PDF-1.4\n%%EOF\n"
TICKETS = {"t"}  # the merchant's current wx_card tickets
TEMPLATE = {"invoice_info": {"base_info": {"logo_url": "http://logo", "title": "一号"}, "payee": "一号", "type": "t"}}


def errcode(call: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as error:
        call(*args)
    return error.value.errcode


def auth_body(s_pappid: str, order_id: str, **changes: Any) -> dict[str, Any]:
    return {"s_pappid": s_pappid, "order_id": order_id, "money": 100, "timestamp": 1, "source": "app",
            "ticket": "t", "type": 0, **changes}  # fmt: skip


def user_data(s_media_id: str, **changes: Any) -> dict[str, Any]:
    return {"fee": 106, "title": "个人", "billing_time": 1, "billing_no": "00000001", "billing_code": "011001800311",
            "fee_without_tax": 100, "tax": 6, "check_code": "123", "s_pdf_media_id": s_media_id, **changes}  # fmt: skip


class World:
    """A merchant whose orders its platform invoices, and a reimbursing account."""

    def __init__(self) -> None:
        self.state = Invoices()
        self.s_pappid = self.state.platform(PLATFORM).s_pappid
        self.state.platform(OTHER_PLATFORM)
        self.state.settings(MERCHANT, "set_contact", {"contact": {"phone": "010", "time_out": 60}})
        self.card_id = self.state.platform(PLATFORM).create_card(
            {
                "invoice_info": {
                    "base_info": {"logo_url": "http://logo", "title": "一号咖啡"},
                    "payee": "一号",
                    "type": "普票",
                }
            }
        )["card_id"]
        self.s_media_id = self.state.platform(PLATFORM).upload_pdf(PDF, 0)["s_media_id"]

    def authorize(self, order_id: str, openid: str = "o-follower") -> None:
        self.state.auth_url(MERCHANT, auth_body(self.s_pappid, order_id), TICKETS)
        self.state.authorize(MERCHANT, self.s_pappid, order_id, openid, 0)

    def insertion(self, order_id: str, now: float = 0, **data: Any) -> dict[str, Any]:
        body = {
            "order_id": order_id,
            "card_id": self.card_id,
            "appid": MERCHANT,
            "card_ext": {"nonce_str": "n", "user_card": {"invoice_user_data": user_data(self.s_media_id, **data)}},
        }
        return body  # fmt: skip

    def insert(self, order_id: str, openid: str = "o-follower", **data: Any) -> dict[str, str]:
        self.authorize(order_id, openid)
        code = self.state.insert(PLATFORM, self.insertion(order_id, **data), 0)["code"]
        return {"card_id": self.card_id, "encrypt_code": encrypt_code(code), "code": code}

    def status(self, chosen: dict[str, str]) -> str:
        return str(self.state.invoice_info(chosen)["user_info"]["reimburse_status"])


@pytest.fixture
def world() -> World:
    return World()


def move(world: World, app_id: str, chosen: dict[str, str], status: str) -> None:
    world.state.reimburse(app_id, {**chosen, "reimburse_status": status})


def test_reimbursement_locks_then_closes_and_a_closed_invoice_moves_no_more(world: World) -> None:
    chosen = world.insert("o-1")
    assert errcode(move, world, REIMBURSER, chosen, CLOSURE) == 72039  # lock first
    move(world, REIMBURSER, chosen, LOCK)
    move(world, REIMBURSER, chosen, INIT)  # unlocked
    move(world, REIMBURSER, chosen, LOCK)
    move(world, REIMBURSER, chosen, CLOSURE)
    assert world.status(chosen) == CLOSURE
    for target in (INIT, LOCK, CLOSURE):
        assert errcode(move, world, REIMBURSER, chosen, target) == 72024


def test_only_the_account_holding_the_lock_moves_a_locked_invoice(world: World) -> None:
    chosen = world.insert("o-1")
    move(world, REIMBURSER, chosen, LOCK)
    for target in (INIT, LOCK, CLOSURE):
        assert errcode(move, world, RIVAL, chosen, target) == 72023
    assert world.status(chosen) == LOCK


@pytest.mark.parametrize("status", [CANCEL, "INVOICE_REIMBURSE_DONE", None])
def test_a_reimburser_sets_only_init_lock_or_closure(world: World, status: Any) -> None:
    assert errcode(move, world, REIMBURSER, world.insert("o-1"), status) == 72031


def test_a_batch_moves_all_of_one_followers_invoices_or_none(world: World) -> None:
    mine, theirs = world.insert("o-1"), world.insert("o-2", "o-someone-else", billing_no="00000002")
    body = {"openid": "o-follower", "reimburse_status": LOCK, "invoice_list": [mine, theirs]}
    assert errcode(world.state.reimburse_batch, REIMBURSER, body) == 72037
    assert world.status(mine) == INIT
    locked = world.insert("o-3", billing_no="00000003")
    move(world, RIVAL, locked, LOCK)
    body = {"openid": "o-follower", "reimburse_status": LOCK, "invoice_list": [mine, locked]}
    assert errcode(world.state.reimburse_batch, REIMBURSER, body) == 72023
    assert world.status(mine) == INIT


def test_the_platform_records_a_status_on_its_own_invoice_unless_a_reimburser_holds_it(world: World) -> None:
    chosen = world.insert("o-1")
    update = {"card_id": world.card_id, "code": chosen["code"], "reimburse_status": CANCEL}
    assert errcode(world.state.update_status, OTHER_PLATFORM, update) == 40073
    assert errcode(world.state.update_status, PLATFORM, {**update, "code": "000000000000"}) == 72038
    assert errcode(world.state.update_status, PLATFORM, {**update, "reimburse_status": "CANCELLED"}) == 72031
    move(world, REIMBURSER, chosen, LOCK)
    assert errcode(world.state.update_status, PLATFORM, update) == 72023
    move(world, REIMBURSER, chosen, INIT)
    world.state.update_status(PLATFORM, {**update, "reimburse_status": LOCK})  # locked elsewhere
    world.state.update_status(PLATFORM, update)
    assert world.state.invoice_info(chosen)["user_info"]["reimburse_status"] == CANCEL
    assert errcode(move, world, REIMBURSER, chosen, LOCK) == 72024
    assert errcode(world.state.update_status, PLATFORM, {**update, "reimburse_status": INIT}) == 72024


def test_an_invoice_is_inserted_only_for_an_order_the_follower_authorized_for_this_platform(world: World) -> None:
    world.state.auth_url(MERCHANT, auth_body(world.s_pappid, "o-1"), TICKETS)
    assert errcode(world.state.insert, PLATFORM, world.insertion("o-1"), 0) == 72038  # not accepted yet
    world.state.authorize(MERCHANT, world.s_pappid, "o-1", "o-follower", 0)
    other = world.state.platform(OTHER_PLATFORM)
    other.upload_pdf(PDF, 0)
    card_id = other.create_card({"invoice_info": {"base_info": {"logo_url": "l", "title": "t"}, "payee": "p",
                                                  "type": "t"}})["card_id"]  # fmt: skip
    theirs = {**world.insertion("o-1"), "card_id": card_id}
    assert errcode(world.state.insert, OTHER_PLATFORM, theirs, 0) == 72038  # authorized for another platform
    assert world.state.insert(PLATFORM, world.insertion("o-1"), 0)["openid"] == "o-follower"


def test_a_rejected_order_is_never_inserted(world: World) -> None:
    world.authorize("o-1")
    world.state.merchants[MERCHANT].reject({"s_pappid": world.s_pappid, "order_id": "o-1", "reason": "退款"})
    assert errcode(world.state.insert, PLATFORM, world.insertion("o-1"), 0) == 72035


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"billing_code": "0110018003"}, 0),  # 10 digits
        ({"billing_no": "25312000000000000001", "billing_code": "", "check_code": ""}, 0),  # a 数电 invoice
        ({"billing_no": "25312000000000000001"}, 72043),  # a 数电 invoice has no code
        ({"billing_code": "01100180031"}, 72043),
        ({"billing_no": "0000001"}, 72043),
        ({"check_code": ""}, 72045),
        ({"s_pdf_media_id": "1"}, 72040),
        ({"fee": -1}, 72031),
    ],
)
def test_an_insertion_needs_valid_billing_numbers_a_check_code_and_an_uploaded_pdf(
    world: World, data: dict[str, Any], expected: int
) -> None:
    world.authorize("o-1")
    body = world.insertion("o-1", **data)
    if expected:
        assert errcode(world.state.insert, PLATFORM, body, 0) == expected
    else:
        world.state.insert(PLATFORM, body, 0)


def test_an_invoice_number_is_inserted_once_and_a_pdf_is_kept_three_days(world: World) -> None:
    world.insert("o-1")
    world.authorize("o-2")
    assert errcode(world.state.insert, PLATFORM, world.insertion("o-2"), 0) == 72042
    body = world.insertion("o-2", billing_no="00000002")
    assert errcode(world.state.insert, PLATFORM, body, PDF_KEPT_SECONDS) == 72040
    world.state.insert(PLATFORM, body, PDF_KEPT_SECONDS - 1)


def test_only_a_pdf_is_accepted(world: World) -> None:
    assert errcode(world.state.platform(PLATFORM).upload_pdf, b"GIF89a", 0) == 72040


@pytest.mark.parametrize(
    ("action", "expected"),
    [("get_pay_mch", 72028), ("get_auth_field", 72029), ("get_contact", 72063), ("set_nothing", 72031), (None, 72031)],
)
def test_a_setting_is_read_only_once_set(action: str | None, expected: int) -> None:
    assert errcode(Invoices().settings, MERCHANT, action, {}) == expected


def test_a_pay_merchant_is_digits_and_names_a_known_platform(world: World) -> None:
    def set_pay_mch(mchid: str, s_pappid: str) -> None:
        world.state.settings(MERCHANT, "set_pay_mch", {"paymch_info": {"mchid": mchid, "s_pappid": s_pappid}})

    assert errcode(set_pay_mch, "19000x0109", world.s_pappid) == 72030
    assert errcode(set_pay_mch, "1900000109", "nobody") == 72031
    set_pay_mch("1900000109", world.s_pappid)
    assert world.state.settings(MERCHANT, "get_pay_mch", {})["paymch_info"]["mchid"] == "1900000109"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [({"source": "web"}, 72031), ({"source": "sms"}, 72031), ({"type": 3}, 72031), ({"type": 1}, 72029),
     ({"money": -1}, 72031), ({"ticket": ""}, 72031), ({"ticket": "an expired or jsapi ticket"}, 72031)],
)  # fmt: skip
def test_an_authorization_page_checks_its_arguments(world: World, changes: dict[str, Any], expected: int) -> None:
    assert errcode(world.state.auth_url, MERCHANT, auth_body(world.s_pappid, "o-1", **changes), TICKETS) == expected


def test_the_authorization_page_needs_the_merchants_contact_and_names_its_mini_program_for_wxa(world: World) -> None:
    assert errcode(world.state.auth_url, "wxnew", auth_body(world.s_pappid, "o-1"), TICKETS) == 72063
    assert "appid" in world.state.auth_url(MERCHANT, auth_body(world.s_pappid, "o-1", source="wxa"), TICKETS)
    assert "appid" not in world.state.auth_url(MERCHANT, auth_body(world.s_pappid, "o-2"), TICKETS)


def test_authorization_data_is_never_auth_until_the_follower_accepts(world: World) -> None:
    query = {"s_pappid": world.s_pappid, "order_id": "o-1"}
    assert world.state.merchants[MERCHANT].auth_data(query) == {"invoice_status": "never auth"}
    world.authorize("o-1")
    assert world.state.merchants[MERCHANT].auth_data(query)["invoice_status"] == "auth success"


BLUE = {"wxopenid": "o-follower", "ddh": "o-1", "fpqqlsh": "s-1", "nsrsbh": "1101", "nsrmc": "一号", "nsrdz": "北京",
        "nsrdh": "010", "ghfmc": "个人", "kpr": "张三", "jshj": "1.06", "hjje": "1.00",
        "invoicedetail_list": [{"xmmc": "咖啡"}]}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "expected"),
    [("wxopenid", 73001), ("ddh", 73002), ("fpqqlsh", 73003), ("nsrmc", 73007), ("nsrdz", 73008), ("nsrdh", 73009),
     ("ghfmc", 73010), ("kpr", 73011), ("jshj", 73012), ("hjje", 73013), ("invoicedetail_list", 72031)],
)  # fmt: skip
def test_a_unified_invoice_names_its_empty_field_by_its_own_code(world: World, field: str, expected: int) -> None:
    world.authorize("o-1")
    body = {"invoiceinfo": {**BLUE, field: ""}}
    assert errcode(world.state.billing[MERCHANT].make_out, world.state.merchants[MERCHANT], body, 0) == expected


def test_a_unified_invoice_is_for_the_follower_who_authorized_the_order(world: World) -> None:
    make_out = world.state.billing[MERCHANT].make_out
    assert errcode(make_out, world.state.merchants[MERCHANT], {"invoiceinfo": BLUE}, 0) == 72038
    world.authorize("o-1", "o-someone-else")
    assert errcode(make_out, world.state.merchants[MERCHANT], {"invoiceinfo": BLUE}, 0) == 73001


def test_a_shown_title_code_is_read_for_a_minute(world: World) -> None:
    titles = world.state.titles[MERCHANT]
    scan_text = titles.show({"title_type": 1, "title": "张三"}, 100)
    assert titles.scan({"scan_text": scan_text}, 100 + TITLE_QR_SECONDS)["title"] == "张三"
    assert errcode(titles.scan, {"scan_text": scan_text}, 100 + TITLE_QR_SECONDS + 1) == 72044
    assert errcode(titles.scan, {"scan_text": "unknown"}, 100) == 72031


def test_a_title_the_merchant_gives_needs_its_title(world: World) -> None:
    assert errcode(world.state.titles[MERCHANT].user_title_url, MERCHANT, {"user_fill": 0}) == 72031
    assert world.state.titles[MERCHANT].user_title_url(MERCHANT, {"user_fill": 1})["url"].startswith("https://")


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=32))
def test_the_platform_url_carries_its_s_pappid_intact(app_id: str) -> None:
    platform = Invoices().platform(app_id)
    url = platform.invoice_url()["invoice_url"]
    assert parse_qs(urlsplit(url).query)["s_pappid"] == [platform.s_pappid]


def test_a_pdf_url_is_asked_for_with_action_get_url(world: World) -> None:
    platform = world.state.platform(PLATFORM)
    assert platform.pdf_url("get_url", {"s_media_id": world.s_media_id}, 0)["pdf_url_expire_time"] == 7200
    assert errcode(platform.pdf_url, "get_pdf", {"s_media_id": world.s_media_id}, 0) == 72031
    assert errcode(platform.pdf_url, "get_url", {"s_media_id": "1"}, 0) == 72040


def test_an_issued_invoice_is_dated_in_beijing_time(world: World) -> None:
    world.authorize("o-1")
    billing = world.state.billing[MERCHANT]
    billing.make_out(world.state.merchants[MERCHANT], {"invoiceinfo": BLUE}, 1893427200)  # 2029-12-31 16:00 UTC
    detail = billing.query({"fpqqlsh": "s-1", "nsrsbh": "1101"})["invoicedetail"]
    assert detail["kprq"] == "20300101000000"


def test_pdfs_past_their_three_days_are_dropped_and_ids_are_never_reused() -> None:
    platform = Invoices().platform(PLATFORM)
    first = platform.upload_pdf(PDF, 0)["s_media_id"]
    second = platform.upload_pdf(PDF, PDF_KEPT_SECONDS)["s_media_id"]
    assert list(platform.pdfs) == [second] and second != first
