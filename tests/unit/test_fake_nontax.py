"""The fake WeChat's 非税缴费 rules, on its pure state: whose appid, what an order must carry, one paid order a
notice, refunds that never pass the fee, payment codes, test URLs, and a statement ready at 06:00 the next day."""

from datetime import UTC, datetime
from typing import Any

import pytest

from sandbox.fake_wechat.errors import ApiError
from sandbox.fake_wechat.nontax.bill import HEADER
from sandbox.fake_wechat.nontax.state import NonTax

APP = "wxbureau"
NOW = datetime(2023, 11, 14, 2, tzinfo=UTC).timestamp()  # 10:00 on 2023-11-14 in China
NOTICE = {"region_code": "340000", "department_code": "065080906", "payment_notice_no": "N-1"}
ITEMS = [{"no": 1, "item_id": "1", "item_name": "罚款", "fee": 4000}, {"no": 2, "item_id": "2", "item_name": "滞纳金",
                                                                       "fee": 1000, "overdue": 1000}]  # fmt: skip
ORDER: dict[str, Any] = {
    "appid": APP, **NOTICE, "desc": "罚款", "fee": 5000, "payment_notice_create_time": 1699000000,
    "payment_expire_date": "20231231", "department_name": "交警支队", "items": ITEMS, "ip": "203.0.113.7",
    "scene": "biz", "openid": "o-payer", "return_url": "https://pay.example.gov.cn/done",
}  # fmt: skip
COUNTER = {key: value for key, value in ORDER.items() if key not in ("ip", "scene", "openid", "return_url")}


def refused(call: Any, *args: Any) -> int:
    with pytest.raises(ApiError) as error:
        call(*args)
    return int(error.value.errcode)


def paid_order(state: NonTax, **changes: Any) -> str:
    order_id = str(state.unified_order(APP, {**ORDER, **changes}, NOW)["order_id"])
    state.pay(APP, order_id, "o-payer", NOW)
    return order_id


@pytest.mark.parametrize(
    "change",
    [
        {"payment_notice_no": None}, {"order_no": "bureau-1"}, {"region_code": "34000"}, {"fee": 5001},
        {"fee": 0}, {"fee": True}, {"items": []}, {"items": [{**ITEMS[0], "fee": -1}]}, {"desc": " "},
        {"payment_expire_date": "20231113"}, {"payment_expire_date": "2023-12-31"}, {"payment_expire_date": "20230230"},
        {"payment_notice_type": 3}, {"scene": "wap"}, {"ip": None}, {"trade_type": "NATIVE"}, {"openid": None},
        {"return_url": None}, {"app_appid": ""},
    ],
)  # fmt: skip
def test_an_order_wechat_would_refuse_is_40097(change: dict[str, Any]) -> None:
    body = {key: value for key, value in {**ORDER, **change}.items() if value is not None}
    assert refused(NonTax().unified_order, APP, body, NOW) == 40097


def test_another_accounts_appid_is_40013_and_an_order_without_a_notice_uses_order_no() -> None:
    state = NonTax()
    assert refused(state.unified_order, APP, {**ORDER, "appid": "wxsomeoneelse"}, NOW) == 40013
    assert refused(state.get_order, APP, {"order_id": "x"}, NOW) == 40013
    without = {key: value for key, value in ORDER.items() if key != "payment_notice_no"} | {"order_no": "b-1"}
    order_id = state.unified_order(APP, without, NOW)["order_id"]
    assert state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)["order_no"] == "b-1"


def test_a_paid_notice_takes_no_new_order_and_lists_its_orders() -> None:
    state = NonTax()
    unpaid = state.unified_order(APP, ORDER, NOW)["order_id"]
    paid = paid_order(state)
    assert refused(state.unified_order, APP, ORDER, NOW) == 40097
    assert state.order_list(APP, {"appid": APP, **NOTICE}, NOW) == {
        "order_id_list": [unpaid, paid],
        "paid_order_id": paid,
    }
    assert refused(state.pay, APP, paid, "o-2", NOW) == 40097  # paid once


def test_refunds_need_a_paid_order_and_never_pass_its_fee() -> None:
    state = NonTax()
    unpaid = state.unified_order(APP, ORDER, NOW)["order_id"]
    body = {"appid": APP, "reason": "重复缴费"}
    assert refused(state.refund, APP, {**body, "order_id": unpaid}, NOW) == 40097
    order_id = paid_order(state, payment_notice_no="N-2")
    assert refused(state.refund, APP, {**body, "order_id": order_id, "refund_fee": 100}, NOW) == 40097  # no out id
    assert refused(state.refund, APP, {"appid": APP, "order_id": order_id}, NOW) == 40097  # no reason
    partial = {**body, "order_id": order_id, "refund_fee": 1500, "refund_out_id": "r-1"}
    first = state.refund(APP, partial, NOW)
    assert state.refund(APP, partial, NOW) == first  # the same refund again
    assert refused(state.refund, APP, {**partial, "refund_fee": 1600}, NOW) == 40097  # r-1 was 1500
    assert refused(state.refund, APP, {**partial, "refund_fee": 3501, "refund_out_id": "r-2"}, NOW) == 40097
    state.refund(APP, {**body, "order_id": order_id}, NOW)  # the remaining 3500
    order = state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)
    assert order["status"] == 5 and [r["refund_fee"] for r in order["partial_refund_info"]] == [1500, 3500]
    assert refused(state.refund, APP, {**body, "order_id": order_id}, NOW) == 40097  # nothing left


def test_getorder_answers_refunds_and_notifications_in_wechats_shape() -> None:
    state = NonTax()
    order_id = paid_order(state)
    state.refund(
        APP, {"appid": APP, "order_id": order_id, "reason": "多缴", "refund_fee": 100, "refund_out_id": "r"}, NOW
    )
    assert state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)["notify_history"] == []
    state.mock_notification(APP, {"appid": APP, "url": "https://bureau.example.gov.cn/n"}, NOW)
    for later in (1, 2, 3):
        state.notify_inconsistent(APP, {"appid": APP, "order_id": order_id}, NOW + later)
    order = state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)
    (refund,) = order["partial_refund_info"]
    assert set(refund) == {"refund_order_id", "refund_reason", "refund_fee", "refund_finish_time", "refund_out_id",
                           "refund_status"}  # fmt: skip
    assert (refund["refund_reason"], refund["refund_status"], refund["refund_finish_time"]) == ("多缴", 5, int(NOW))
    (history,) = order["notify_history"]
    assert (history["appid"], history["notify_cnt"]) == (APP, 3)
    assert [d["notify_time"] for d in history["notify_detail"]] == [int(NOW) + 1, int(NOW) + 3]  # first and last
    assert history["notify_detail"][0]["url"] == "https://bureau.example.gov.cn/n"


def test_an_h5_order_needs_no_openid_a_mini_program_order_no_return_url_and_the_expiry_date_is_optional() -> None:
    state = NonTax()
    h5 = {key: value for key, value in ORDER.items() if key not in ("openid", "payment_expire_date")}
    assert state.unified_order(APP, {**h5, "trade_type": "MWEB", "app_appid": "wxapp"}, NOW)["order_id"]
    mini = {key: value for key, value in ORDER.items() if key != "return_url"}
    assert state.unified_order(APP, {**mini, "scene": "miniprogram"}, NOW)["order_id"]


def test_a_micropay_retry_with_the_answered_order_id_is_the_same_order() -> None:
    state = NonTax()
    order_id = state.micropay(APP, {**COUNTER, "auth_code": "134567890123456789"}, NOW)["order_id"]
    retry = {**COUNTER, "auth_code": "134567890123456789", "order_id": order_id}
    assert state.micropay(APP, retry, NOW) == {"order_id": order_id}
    assert refused(state.micropay, APP, {**retry, "auth_code": "104567890123456789"}, NOW) == 40097
    assert refused(state.micropay, APP, {**retry, "order_id": "AQunknown"}, NOW) == 40097
    assert len(state.account(APP).orders) == 1


def test_micropay_takes_a_payment_code_and_is_paid_at_once() -> None:
    state = NonTax()
    counter = COUNTER
    for code in ("1345678901234567", "194567890123456789", "13456789012345678a"):
        assert refused(state.micropay, APP, {**counter, "auth_code": code}, NOW) == 40097
    order_id = state.micropay(APP, {**counter, "auth_code": "134567890123456789"}, NOW)["order_id"]
    order = state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)
    assert (order["status"], order["scene"], order["pay_finish_time"]) == (3, "offline", int(NOW))


def test_the_finance_system_answers_only_the_receivables_it_holds() -> None:
    state = NonTax()
    query = {"appid": APP, "service_id": 1, **NOTICE}
    assert refused(state.query_fee, APP, query, NOW) == 40097
    state.issue(APP, {**NOTICE, "fee": 5000, "user_name": "张三"})
    assert state.query_fee(APP, query, NOW)["user_name"] == "张三"
    assert refused(state.query_fee, APP, {**query, "service_id": "1"}, NOW) == 40097
    assert refused(state.query_fee, "wxother", {**query, "appid": "wxother"}, NOW) == 40097  # another account's


@pytest.mark.parametrize("url", ["ftp://bureau.example/notify", "bureau.example/notify", "https://", ""])
def test_a_test_notification_goes_only_to_a_web_address(url: str) -> None:
    state = NonTax()
    assert refused(state.mock_notification, APP, {"appid": APP, "url": url}, NOW) == 40097
    assert refused(state.mock_query_fee, APP, {"appid": APP, "url": "https://b.example/q", "version": 0}, NOW) == 40097
    state.mock_query_fee(APP, {"appid": APP, "url": "https://b.example/q"}, NOW)
    assert [(test["kind"], test["version"]) for test in state.account(APP).tests] == [("queryfee", 1)]


def test_a_days_statement_is_ready_at_six_the_next_morning_and_lists_that_day() -> None:
    state = NonTax()
    order_id = paid_order(state)
    state.refund(APP, {"appid": APP, "order_id": order_id, "reason": "r", "refund_fee": 500, "refund_out_id": "a"}, NOW)
    body = {"appid": APP, "mch_id": "1900000109", "bill_date": "20231114"}
    six = datetime(2023, 11, 14, 22, tzinfo=UTC).timestamp()  # 06:00 on the 15th in China
    assert refused(state.bill, APP, body, six - 1) == 40097
    lines = state.bill(APP, body, six).splitlines()
    assert lines[0] == HEADER and lines[-2].startswith("总交易单数")
    assert [line.split(",")[8] for line in lines[1:-2]] == ["`SUCCESS", "`REFUND"]
    assert lines[-1] == "`2,`50.00,`5.00,`0.00,`0.00"
    assert len(state.bill(APP, {**body, "bill_type": "SUCCESS"}, six).splitlines()) == 4
    assert len(state.bill(APP, {**body, "bill_date": "20231113"}, six).splitlines()) == 3  # nothing that day
    for wrong in ({"bill_type": "all"}, {"bill_date": "2023-11-14"}, {"mch_id": ""}):
        assert refused(state.bill, APP, {**body, **wrong}, six) == 40097


def test_a_real_name_is_read_only_with_a_token_the_user_gave() -> None:
    state = NonTax()
    token = state.realname_token(APP, "o-payer")
    assert state.real_name(APP, {"wx_realname_token": token}, NOW)["key_encrypt_type"] == "RSA"
    assert refused(state.real_name, "wxother", {"wx_realname_token": token}, NOW) == 40097
    assert refused(state.notify_inconsistent, APP, {"appid": APP, "order_id": "none"}, NOW) == 40097


def test_the_real_name_page_sends_the_consenting_user_back_with_a_token_until_it_expires() -> None:
    state = NonTax()
    page = state.realname_auth_url(APP, {"redirect_url": "https://bureau.example/done?step=2"}, NOW)
    assert page["auth_url"].startswith("https://") and page["expires_in"] > 0
    back = state.consent_realname(APP, page["auth_url"], "o-payer", NOW)
    assert back.startswith("https://bureau.example/done?step=2&wx_realname_token=")
    token = back.rsplit("=", 1)[1]
    assert state.real_name(APP, {"wx_realname_token": token}, NOW)["key_encrypt_type"] == "RSA"
    assert refused(state.consent_realname, APP, page["auth_url"], "o-payer", NOW + page["expires_in"]) == 40097
    assert refused(state.consent_realname, "wxother", page["auth_url"], "o-payer", NOW) == 40097


@pytest.mark.parametrize("redirect_url", [None, "", "bureau.example/done", "ftp://bureau.example/x", 7])
def test_the_real_name_page_needs_an_http_redirect_url(redirect_url: object) -> None:
    assert refused(NonTax().realname_auth_url, APP, {"redirect_url": redirect_url}, NOW) == 40097


# -- 车主服务 -------------------------------------------------------------------------------------------

WHERE = {"appid": APP, "region_code": "440300", "trade_scene": "PARKING"}
SCENE = {"start_time": 1699999000, "plate_number": "粤B12345"}
DEDUCTION = {**WHERE, "desc": "停车费", "fee": 1500, "order_no": "P-1", "department_code": "D-1",
             "department_name": "停车中心", "scene_info": {**SCENE, "end_time": 1700006200}}  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [
        {**WHERE}, {**WHERE, "openid": "o", "plate_number": "粤B12345"}, {**WHERE, "trade_scene": "parking"},
        {**WHERE, "openid": "o", "region_code": ""},
    ],
)  # fmt: skip
def test_a_state_query_names_one_user_or_plate_in_a_known_scene(body: dict[str, Any]) -> None:
    assert refused(NonTax().vehicle_state, APP, body, NOW) == 40097


def test_only_an_enabled_plate_is_normal_and_charged_once_per_order_no() -> None:
    state = NonTax()
    assert state.vehicle_state(APP, {**WHERE, "plate_number": "粤B12345"}, NOW)["user_state"] == "UNAUTHORIZED"
    assert state.vehicle_entrance(APP, {**WHERE, "scene_info": SCENE}, NOW) == {"user_state": "UNAUTHORIZED"}
    assert refused(state.vehicle_pay, APP, DEDUCTION, NOW) == 40097
    state.enroll(APP, "o-driver", ["粤B12345", "粤B54321"])
    answer = state.vehicle_state(APP, {**WHERE, "openid": "o-driver"}, NOW)
    assert answer == {"user_state": "NORMAL", "openid": "o-driver", "plate_number_info": ["粤B12345", "粤B54321"]}
    assert state.vehicle_entrance(APP, {**WHERE, "scene_info": SCENE}, NOW) == {"user_state": "NORMAL"}
    order_id = state.vehicle_pay(APP, DEDUCTION, NOW)["order_id"]
    assert state.vehicle_pay(APP, DEDUCTION, NOW)["order_id"] == order_id
    assert state.get_order(APP, {"appid": APP, "order_id": order_id}, NOW)["status"] == 3
    backwards = {**DEDUCTION, "order_no": "P-2", "scene_info": {**SCENE, "end_time": 1699998999}}
    for wrong in (backwards, {**DEDUCTION, "order_no": "P-3", "fee": 0}, {**DEDUCTION, "scene_info": "x"}):
        assert refused(state.vehicle_pay, APP, wrong, NOW) == 40097
    assert refused(state.vehicle_entrance, APP, {**WHERE, "scene_info": {"plate_number": "粤B12345"}}, NOW) == 40097


# -- 财政电子票据 ---------------------------------------------------------------------------------------

ASK = {"order_id": "B-1", "s_pappid": "wxfinance_1", "money": 5000, "timestamp": 1700000000, "source": "web",
       "ticket": "T"}  # fmt: skip
RECEIPT = {"title": "张三", "fee": 5000, "billing_no": "1", "billing_code": "2", "billing_time": 1700000000,
           "s_pdf_media_id": "m"}  # fmt: skip


def uploaded(s_media_id: str) -> None:
    """The caller's uploaded PDFs (card/invoice/platform/setpdf): only "m"."""
    if s_media_id != "m":
        raise ApiError(72040, "invoice pdf error")


def insert_body(card_id: str, **receipt: Any) -> dict[str, Any]:
    user_card = {"invoice_user_data": {**RECEIPT, **receipt}}
    return {"appid": APP, "order_id": "B-1", "card_id": card_id, "card_ext": {"nonce_str": "n", "user_card": user_card}}


@pytest.mark.parametrize(
    "change",
    [
        {"ticket": "old"},
        {"source": "h5"},
        {"source": "wxa"},
        {"money": -1},
        {"timestamp": "1700000000"},
        {"s_pappid": ""},
    ],
)
def test_an_authorization_page_needs_the_accounts_card_ticket_and_wechats_fields(change: dict[str, Any]) -> None:
    assert refused(NonTax().bill_auth_url, APP, {**ASK, **change}, NOW, ["T"]) == 40097


def test_a_receipt_goes_once_into_the_wallet_of_a_payer_who_agreed() -> None:
    state = NonTax()
    assert refused(state.authorize_bill, APP, "B-1", "o-payer") == 40097  # no page was asked for
    assert state.bill_auth_url(APP, ASK, NOW, ["T"])["auth_url"].endswith("B-1")
    for wrong in ({"payee": "x"}, {"payee": "", "base_info": {"logo_url": "u"}}, {"payee": "x", "base_info": {}}):
        assert refused(state.create_bill_card, APP, {"invoice_info": wrong}, NOW) == 40097
    card_id = state.create_bill_card(APP, {"invoice_info": {"payee": "财政局", "base_info": {"logo_url": "u"}}}, NOW)
    assert refused(state.insert_bill, APP, insert_body(card_id["card_id"]), NOW, uploaded) == 40097  # not agreed
    state.authorize_bill(APP, "B-1", "o-payer")
    assert refused(state.insert_bill, APP, insert_body("pSomeoneElses"), NOW, uploaded) == 40097
    assert refused(state.insert_bill, APP, insert_body(card_id["card_id"], billing_no=""), NOW, uploaded) == 40097
    assert refused(state.insert_bill, APP, insert_body(card_id["card_id"], s_pdf_media_id="x"), NOW, uploaded) == 72040
    assert state.insert_bill(APP, insert_body(card_id["card_id"]), NOW, uploaded)["openid"] == "o-payer"
    assert refused(state.insert_bill, APP, insert_body(card_id["card_id"]), NOW, uploaded) == 40097  # once


def test_the_finance_bureau_inserts_the_receipt_of_an_order_another_account_authorized() -> None:
    state, finance = NonTax(), "wxfinance"
    state.bill_auth_url(APP, ASK, NOW, ["T"])  # the 执收单位 asks; the payer agrees on its page
    state.authorize_bill(APP, "B-1", "o-payer")
    card_id = state.create_bill_card(
        finance, {"invoice_info": {"payee": "财政局", "base_info": {"logo_url": "u"}}}, NOW
    )
    body = insert_body(card_id["card_id"])  # appid: the 执收单位's
    assert state.insert_bill(finance, body, NOW, uploaded)["openid"] == "o-payer"
    assert refused(state.insert_bill, finance, body, NOW, uploaded) == 40097  # once an order
    assert refused(state.insert_bill, finance, {**body, "appid": "wxnobody", "order_id": "B-1"}, NOW, uploaded) == 40097
    assert refused(state.insert_bill, APP, body, NOW, uploaded) == 40097  # the template is the finance bureau's
