"""非税缴费 (group ``nontax``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving a notice
from the finance system through an order, its payment, partial and full refunds and the day's statement."""

from datetime import date, datetime, timedelta, timezone
from typing import Any

from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE, ManualClock
from sandbox.fake_wechat.nontax.state import NonTax
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.nontax import (
    REFUNDED,
    BillQuery,
    FeeQuery,
    MicroPay,
    MockTarget,
    Notice,
    Order,
    Refund,
)
from shared.wechat.models.nontax_bill import AuthRequest, Receipt, Template
from shared.wechat.models.nontax_vehicle import Deduction, Entrance, StateQuery
from shared.wechat.transport import Upload
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("nontax")
INVALID_ARGS = 40097
ITEMS = [{"no": 1, "item_id": "103050199", "item_name": "罚没收入", "fee": 5000, "overdue": 1000},
         {"no": 2, "item_id": "103050200", "item_name": "滞纳金", "fee": 1000}]  # fmt: skip
ORDER: dict[str, Any] = {
    "desc": "交通违法罚款", "fee": 6000, "payment_notice_create_time": 1699000000,
    "payment_expire_date": date(2099, 12, 31), "department_name": "某市交警支队", "items": ITEMS,
}  # fmt: skip
# A fresh account, the examples called in catalogue order: the finance system holds no receivable, the
# docs' order id, realname token and plate are unknown; the placed orders and the test notifications succeed.
FRESH_REFUSALS = {
    "nontax/queryfee": INVALID_ARGS, "nontax/getorder": INVALID_ARGS, "nontax/refund": INVALID_ARGS,
    "nontax/notifyinconsistentorder": INVALID_ARGS, "nontax/getrealname": INVALID_ARGS,
    "nontax/vehicle/payapply": INVALID_ARGS,  # the docs' plate has not enabled 车主服务
    "nontax/getbillauthurl": INVALID_ARGS,  # not the account's wx_card ticket
    "nontax/insertbill": INVALID_ARGS,  # not one of the account's receipt templates
}  # fmt: skip


def query_day(now: float) -> date:
    return datetime.fromtimestamp(now, timezone(timedelta(hours=8))).date()


def own(example: dict[str, Any] | None, app_id: str) -> dict[str, Any]:
    """The docs' example as the calling account sends it: its own ``appid``."""
    body = dict(example or {})
    return {**body, "appid": app_id} if "appid" in body else body


def nontax(fake_wechat: FakeWeChat) -> NonTax:
    state: NonTax = fake_wechat.app[FAKE].state.nontax
    return state


async def test_every_endpoint_reaches_the_fake_and_answers_in_wechats_shape(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    assert len(ENDPOINTS) == 18
    statuses: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        response = await proxy.post(
            f"/v1/apps/{app_id}/wechat/{endpoint.path}", json=own(endpoint.example, app_id), headers=AUTH
        )
        assert response.status == 200, (endpoint.path, await response.text())
        assert wire(fake_wechat)[-1].path == f"/{endpoint.path}"
        if response.content_type == "text/plain":  # downloadbill: the statement itself
            assert (await response.text()).startswith("交易时间,公众账号ID,商户号")
            statuses[endpoint.path] = 0
            continue
        answer = await response.json()
        assert "errcode" in answer and answer["errcode"] != 47001, (endpoint.path, answer)
        statuses[endpoint.path] = int(answer["errcode"])
    assert statuses == {endpoint.path: FRESH_REFUSALS.get(endpoint.path, 0) for endpoint in ENDPOINTS}
    orders = await proxy.post(
        f"/v1/apps/{app_id}/wechat/nontax/getorderlist",
        json=own(default_catalogue()["nontax/getorderlist"].example, app_id), headers=AUTH,
    )  # fmt: skip
    listed = await orders.json()
    assert len(listed["order_id_list"]) == 2 and listed["paid_order_id"] == listed["order_id_list"][1]  # micropay


async def test_the_group_is_listed_as_posts_with_its_reads_retry_safe(proxy: Client) -> None:
    listed = await (await proxy.get("/v1/endpoints", headers=AUTH)).json()
    rows = {row["path"]: row for row in listed["endpoints"] if row["group"] == "nontax"}
    reads = {"nontax/queryfee", "nontax/getorder", "nontax/downloadbill", "nontax/getorderlist", "nontax/getrealname",
             "nontax/vehicle/querystate", "nontax/getbillauthurl", "intp/realname/getauthurl"}  # fmt: skip
    assert {path for path, row in rows.items() if not row["changes"]} == reads
    assert all(row["method"] == "POST" and not row["deprecated"] for row in rows.values())


async def test_a_notice_is_read_ordered_paid_refunded_and_reconciled(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    app_id, state, clock = fake_wechat.app_id, nontax(fake_wechat), fake_wechat.clock
    assert isinstance(clock, ManualClock)
    notice = Notice(region_code="340000", department_code="065080906", payment_notice_no="N-1")
    query = FeeQuery(**notice.model_dump(exclude_none=True), service_id=1)
    assert await errcode_of(api.nontax.query_fee(query)) == INVALID_ARGS  # the finance system has no such notice
    state.issue(app_id, {**notice.model_dump(exclude_none=True), "user_name": "张三", "fee": 6000, "items": ITEMS})
    receivable = await api.nontax.query_fee(query)
    assert (receivable["user_name"], receivable["fee"]) == ("张三", 6000)

    order = Order(
        **notice.model_dump(exclude_none=True), **ORDER, ip="203.0.113.7", scene="biz", openid="o-payer",
        return_url="https://pay.example.gov.cn/done",
    )  # fmt: skip
    first, second = await api.nontax.place(order), await api.nontax.place(order)
    assert first.pay_url.endswith(first.order_id) and first.order_id != second.order_id
    assert not (await api.nontax.order(first.order_id)).paid
    state.pay(app_id, second.order_id, "o-payer", clock.time())
    paid = await api.nontax.order(second.order_id)
    assert (paid.paid, paid.openid, paid.fee, len(paid.trans_id)) == (True, "o-payer", 6000, 28)
    listed = await api.nontax.orders_for(notice)
    assert (listed.order_id_list, listed.paid_order_id) == ([first.order_id, second.order_id], second.order_id)
    assert await errcode_of(api.nontax.place(order)) == INVALID_ARGS  # the notice is paid
    assert await errcode_of(api.nontax.refund(Refund(order_id=first.order_id, reason="x"))) == INVALID_ARGS  # unpaid

    partial = Refund(order_id=second.order_id, reason="多缴", refund_fee=1000, refund_out_id="r-1")
    refund_id = await api.nontax.refund(partial)
    assert await api.nontax.refund(partial) == refund_id  # the same refund_out_id is the same refund
    too_much = Refund(order_id=second.order_id, reason="多缴", refund_fee=5001, refund_out_id="r-2")
    assert await errcode_of(api.nontax.refund(too_much)) == INVALID_ARGS
    await api.nontax.refund(Refund(order_id=second.order_id, reason="线上线下重复缴费"))  # the rest
    refunded = await api.nontax.order(second.order_id)
    assert refunded.status == REFUNDED
    assert [(row.refund_fee, row.refund_reason, row.refund_status) for row in refunded.partial_refund_info] == [
        (1000, "多缴", REFUNDED), (5000, "线上线下重复缴费", REFUNDED)]  # fmt: skip
    await api.nontax.report_inconsistent(second.order_id)
    await api.nontax.report_inconsistent(second.order_id)
    (history,) = (await api.nontax.order(second.order_id)).notify_history
    assert (history["notify_cnt"], len(history["notify_detail"]), history["notify_detail"][0]["ret"]) == (2, 2, 0)

    today = query_day(clock.time())
    bill = BillQuery(mch_id="1900000109", bill_date=today)
    assert await errcode_of(api.nontax.statement(bill)) == INVALID_ARGS  # ready at 06:00 tomorrow
    clock.advance(86400)
    statement = await api.nontax.statement(bill)
    assert [row["交易状态"] for row in statement.rows] == ["SUCCESS", "REFUND", "REFUND"]
    assert statement.totals["总交易额"] == "60.00" and statement.totals["总退款金额"] == "60.00"
    only_refunds = await api.nontax.statement(bill.model_copy(update={"bill_type": "REFUND"}))
    assert [row["退款金额"] for row in only_refunds.rows] == ["10.00", "50.00"]


async def test_a_counter_payment_test_urls_and_a_real_name(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    notice = {"region_code": "110000", "department_code": "D-9", "order_no": "bureau-77"}
    counter = MicroPay(**notice, **ORDER, auth_code="134567890123456789")
    order_id = await api.nontax.micropay(counter)
    assert (await api.nontax.order(order_id)).paid
    assert await api.nontax.micropay(counter.model_copy(update={"order_id": order_id})) == order_id  # a retry
    await api.nontax.test_notification(MockTarget(url="https://bureau.example.gov.cn/notify", version=2))
    await api.nontax.test_query_fee(MockTarget(url="https://bureau.example.gov.cn/queryfee"))
    sent = nontax(fake_wechat).account(fake_wechat.app_id).tests
    assert [(test["kind"], test["version"]) for test in sent] == [("notification", 2), ("queryfee", 1)]
    page = await api.nontax.real_name_auth_url("https://bureau.example.gov.cn/realname?step=2")
    now = fake_wechat.clock.time()
    back = nontax(fake_wechat).consent_realname(fake_wechat.app_id, page["auth_url"], "o-payer", now)
    token = back.split("wx_realname_token=", 1)[1]
    assert set(await api.nontax.real_name(token)) >= {"key_encrypt_type", "key", "data_encrypt_type", "data"}
    assert await errcode_of(api.nontax.real_name("forged")) == INVALID_ARGS


async def test_a_plate_enabled_for_parking_enters_and_is_charged(api: WeChatApi, fake_wechat: FakeWeChat) -> None:
    where = {"region_code": "440300", "trade_scene": "PARKING"}
    state = await api.nontax.vehicle_state(StateQuery(**where, plate_number="粤B12345"))
    assert (state.enabled, state.path.startswith("pages/")) == (False, True)
    nontax(fake_wechat).enroll(fake_wechat.app_id, "o-driver", ["粤B12345"])
    state = await api.nontax.vehicle_state(StateQuery(**where, openid="o-driver"))
    assert (state.enabled, state.plate_number_info) == (True, ["粤B12345"])
    came = fake_wechat.clock.time()
    scene = {"start_time": int(came), "plate_number": "粤B12345", "parking_name": "市民中心停车场"}
    assert await api.nontax.vehicle_entered(Entrance(**where, scene_info=scene)) == "NORMAL"
    deduction = Deduction.model_validate({
        **where, "desc": "停车费", "fee": 1500, "order_no": "P-1", "department_code": "D-1",
        "department_name": "市停车管理中心", "scene_info": {**scene, "end_time": int(came) + 7200},
    })  # fmt: skip
    order_id = await api.nontax.vehicle_deduct(deduction)
    assert await api.nontax.vehicle_deduct(deduction) == order_id  # one order per order_no
    charged = await api.nontax.order(order_id)
    assert (charged.paid, charged.openid, charged.fee) == (True, "o-driver", 1500)
    stranger = Deduction.model_validate({
        **deduction.model_dump(exclude_none=True), "order_no": "P-2",
        "scene_info": scene | {"plate_number": "粤B99999"},
    })  # fmt: skip
    assert await errcode_of(api.nontax.vehicle_deduct(stranger)) == INVALID_ARGS


async def test_a_paid_fees_receipt_reaches_the_payers_wallet_once_they_agree(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    app_id, now = fake_wechat.app_id, fake_wechat.clock.time()
    ticket = fake_wechat.app[FAKE].state.tickets.issue(app_id, "wx_card", now, lifetime=7200).value
    ask = AuthRequest(
        order_id="B-1", s_pappid="wxfinance_1", money=5000, timestamp=int(now), source="web", ticket=ticket
    )
    page = await api.nontax.receipt_auth_page(ask)
    assert page.auth_url.endswith("B-1") and page.expire_time > 0
    stale = ask.model_copy(update={"ticket": "an-old-ticket"})
    assert await errcode_of(api.nontax.receipt_auth_page(stale)) == INVALID_ARGS
    card_id = await api.nontax.create_receipt_template(
        Template.model_validate({"payee": "某市财政局", "base_info": {"logo_url": "http://mmbiz.qpic.cn/logo"}})
    )
    receipt = Receipt(
        title="张三", fee=5000, billing_no="00000001", billing_code="34000019", billing_time=int(now),
        s_pdf_media_id="75195136990139392",
    )  # fmt: skip
    assert await errcode_of(api.nontax.insert_receipt("B-1", card_id, receipt)) == INVALID_ARGS  # not agreed yet
    nontax(fake_wechat).authorize_bill(app_id, "B-1", "o-payer")
    assert await errcode_of(api.nontax.insert_receipt("B-1", card_id, receipt)) == 72040  # a PDF never uploaded
    pdf = await api.invoice.upload_pdf(Upload("receipt.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))
    receipt = receipt.model_copy(update={"s_pdf_media_id": pdf})
    inserted = await api.nontax.insert_receipt("B-1", card_id, receipt)
    assert (inserted.openid, len(inserted.code)) == ("o-payer", 12)
    assert await errcode_of(api.nontax.insert_receipt("B-1", card_id, receipt)) == INVALID_ARGS  # once an order
    # The usual split: the 执收单位 (another account) had the order authorized; this account, the 财政局, inserts.
    nontax(fake_wechat).bill_auth_url("wxdepartment", ask.model_dump() | {"order_id": "B-2"}, now, [ticket])
    nontax(fake_wechat).authorize_bill("wxdepartment", "B-2", "o-payer-2")
    assert await errcode_of(api.nontax.insert_receipt("B-2", card_id, receipt)) == INVALID_ARGS  # not ours
    inserted = await api.nontax.insert_receipt("B-2", card_id, receipt, appid="wxdepartment")
    assert inserted.openid == "o-payer-2"
