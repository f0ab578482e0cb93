"""非税缴费's models: what WeChat would refuse fails before sending, bodies carry the account's appid and
WeChat's date format, and a statement's CSV reads back as rows and totals."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from sandbox.fake_wechat.nontax.state import NonTax
from shared.wechat.api import WeChatApi
from shared.wechat.errors import WeChatError
from shared.wechat.models.nontax import BillQuery, FeeQuery, MicroPay, MockTarget, Notice, Order, Refund, Statement
from shared.wechat.models.nontax_bill import AuthRequest, Receipt, Template
from shared.wechat.models.nontax_vehicle import Entrance, ParkingScene, StateQuery
from shared.wechat.transport import Call

NOTICE = {"region_code": "340000", "department_code": "065080906", "payment_notice_no": "N-1"}
ITEMS = [{"no": 1, "item_id": "1", "item_name": "罚款", "fee": 4000}, {"no": 2, "item_id": "2", "item_name": "滞纳金",
                                                                       "fee": 1000, "penalty": 0}]  # fmt: skip
ORDER: dict[str, Any] = {
    **NOTICE, "desc": "罚款", "fee": 5000, "payment_notice_create_time": 1699000000,
    "payment_expire_date": date(2023, 12, 31), "department_name": "交警支队", "items": ITEMS, "ip": "203.0.113.7",
    "scene": "biz", "openid": "o-payer", "return_url": "https://pay.example.gov.cn/done",
}  # fmt: skip


@pytest.mark.parametrize(
    "notice",
    [
        {"region_code": "340000", "department_code": "d"},
        {"region_code": "340000", "department_code": "d", "payment_notice_no": "n", "order_no": "o"},
        {"region_code": "3400", "department_code": "d", "payment_notice_no": "n"},
        {"region_code": "340000", "department_code": "", "payment_notice_no": "n"},
    ],
)
def test_a_notice_is_a_region_a_department_and_exactly_one_number(notice: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Notice.model_validate(notice)


@pytest.mark.parametrize(
    "change",
    [
        {"fee": 5001}, {"fee": 0}, {"fee": "5000"}, {"items": []}, {"items": [{**ITEMS[0], "fee": -1}]},
        {"scene": "wap"}, {"ip": ""}, {"payment_notice_type": 3}, {"bank": "x"}, {"trade_type": "NATIVE"},
        {"openid": None}, {"return_url": None}, {"app_appid": ""},
    ],
)  # fmt: skip
def test_an_order_wechat_would_refuse_fails_before_sending(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Order.model_validate({**ORDER, **change})


def test_an_order_body_carries_the_appid_and_wechats_date() -> None:
    body = Order.model_validate(ORDER).body("wxbureau")
    assert (body["appid"], body["payment_expire_date"], body["items"][1]["penalty"]) == ("wxbureau", "20231231", 0)
    assert "order_no" not in body and "trade_type" not in body  # what was not given is not sent
    query = BillQuery(mch_id="1900000109", bill_date=date(2023, 11, 14)).body("wxbureau")
    assert query == {"appid": "wxbureau", "mch_id": "1900000109", "bill_date": "20231114", "bill_type": "ALL"}


def test_an_h5_order_needs_no_openid_a_mini_program_order_no_return_url_and_the_expiry_date_is_optional() -> None:
    h5 = {key: value for key, value in ORDER.items() if key not in ("openid", "payment_expire_date")}
    body = Order.model_validate({**h5, "trade_type": "MWEB"}).body("wxbureau")
    assert body["trade_type"] == "MWEB" and "openid" not in body and "payment_expire_date" not in body
    mini = {key: value for key, value in ORDER.items() if key != "return_url"}
    assert Order.model_validate({**mini, "scene": "miniprogram"}).return_url is None
    app = Order.model_validate({**ORDER, "app_appid": "wxapp"})
    assert app.body("wxbureau")["app_appid"] == "wxapp"
    counter = {key: value for key, value in ORDER.items() if key not in ("ip", "scene", "openid", "return_url")}
    retry = MicroPay.model_validate({**counter, "auth_code": "134567890123456789", "order_id": "AQ1"})
    assert retry.body("wxbureau")["order_id"] == "AQ1"


def test_a_receivable_is_read_by_its_notice_number() -> None:
    with pytest.raises(ValidationError, match="payment_notice_no"):
        FeeQuery(region_code="340000", department_code="d", order_no="o", service_id=1)
    assert FeeQuery.model_validate({**NOTICE, "service_id": 1}).body("wx1")["service_id"] == 1


def test_a_payment_code_is_18_digits_from_10_to_15() -> None:
    counter = {key: value for key, value in ORDER.items() if key not in ("ip", "scene", "openid", "return_url")}
    for code in ("134567890123456789", "104567890123456789"):
        assert MicroPay.model_validate({**counter, "auth_code": code}).auth_code == code
    for code in ("194567890123456789", "13456789012345678", "x34567890123456789"):
        with pytest.raises(ValidationError):
            MicroPay.model_validate({**counter, "auth_code": code})


def test_a_partial_refund_names_its_fee_and_its_own_id_together() -> None:
    assert Refund(order_id="o", reason="r").body("wx1") == {"appid": "wx1", "order_id": "o", "reason": "r"}
    Refund(order_id="o", reason="r", refund_fee=100, refund_out_id="r-1")
    for partial in ({"refund_fee": 100}, {"refund_out_id": "r-1"}, {"refund_fee": 0, "refund_out_id": "r-1"}):
        with pytest.raises(ValidationError):
            Refund.model_validate({"order_id": "o", "reason": "r", **partial})
    with pytest.raises(ValidationError):
        Refund(order_id="o", reason="")


@pytest.mark.parametrize("url", ["ftp://bureau.example/n", "bureau.example/n", "https://", "https://a b/"])
def test_test_notifications_go_to_a_web_address(url: str) -> None:
    with pytest.raises(ValidationError):
        MockTarget(url=url)
    with pytest.raises(ValidationError):
        MockTarget(url="https://bureau.example/n", version=0)


def test_the_fakes_statement_reads_back_as_rows_and_totals() -> None:
    state, now = NonTax(), datetime(2023, 11, 14, 2, tzinfo=UTC).timestamp()
    order_id = state.unified_order("wx1", {"appid": "wx1", **Order.model_validate(ORDER).body("wx1")}, now)["order_id"]
    state.pay("wx1", order_id, "o-payer", now)
    text = state.bill("wx1", {"appid": "wx1", "mch_id": "m", "bill_date": "20231114"}, now + 86400)
    statement = Statement.parse(text)
    assert [(row["商户订单号"], row["用户标识"], row["总金额"]) for row in statement.rows] == [
        (order_id, "o-payer", "50.00")
    ]
    assert statement.totals == {
        "总交易单数": "1", "总交易额": "50.00", "总退款金额": "0.00",
        "总企业红包退款金额": "0.00", "手续费总金额": "0.00",
    }  # fmt: skip
    with pytest.raises(ValueError):
        Statement.parse("交易时间\r\n")


def test_a_vehicle_query_names_one_user_or_plate_and_a_stay_ends_after_it_begins() -> None:
    where = {"region_code": "440300", "trade_scene": "PARKING"}
    assert StateQuery(**where, plate_number="粤B1").body("wx1") == {"appid": "wx1", **where, "plate_number": "粤B1"}
    for wrong in ({}, {"openid": "o", "plate_number": "粤B1"}, {"openid": "o", "trade_scene": "parking"}):
        with pytest.raises(ValidationError):
            StateQuery.model_validate({**where, **wrong})
    with pytest.raises(ValidationError, match="end_time"):
        ParkingScene(start_time=100, end_time=99, plate_number="粤B1")
    with pytest.raises(ValidationError):
        Entrance.model_validate({**where, "scene_info": {"plate_number": "粤B1"}})  # no start_time


def test_a_receipt_request_takes_wechats_sources_and_whole_fields() -> None:
    ask = {
        "order_id": "B-1",
        "s_pappid": "wxf_1",
        "money": 5000,
        "timestamp": 1700000000,
        "source": "app",
        "ticket": "T",
    }
    assert AuthRequest.model_validate(ask).model_dump(exclude_none=True) == ask
    for wrong in (
        {"source": "h5"},
        {"source": "wxa"},
        {"source": "wap"},
        {"money": -1},
        {"ticket": ""},
        {"timestamp": "1"},
    ):
        with pytest.raises(ValidationError):
            AuthRequest.model_validate({**ask, **wrong})
    with pytest.raises(ValidationError):
        Template.model_validate({"payee": "财政局", "base_info": {}})
    with pytest.raises(ValidationError):
        Receipt(title="t", fee=1, billing_no="", billing_code="c", billing_time=1, s_pdf_media_id="m")


class Answering:
    """A transport answering every call as WeChat's documented minimal example: errcode 0 and nothing else."""

    async def send(self, app_id: str, call: Call) -> dict[str, Any]:
        return {"errcode": 0, "errmsg": "ok"}


async def test_wechats_minimal_answers_never_surface_as_a_key_error() -> None:
    api = WeChatApi(Answering(), "wxbureau")
    assert await api.nontax.refund(Refund(order_id="AQ1", reason="重复缴费")) == ""  # done; WeChat gave no id
    counter = {key: value for key, value in ORDER.items() if key not in ("ip", "scene", "openid", "return_url")}
    with pytest.raises(WeChatError, match="order_id"):
        await api.nontax.micropay(MicroPay.model_validate({**counter, "auth_code": "134567890123456789"}))
    with pytest.raises(WeChatError, match="invoice_url"):
        await api.invoice.platform_id()
    with pytest.raises(WeChatError, match="url"):
        await api.invoice.select_title_url()
