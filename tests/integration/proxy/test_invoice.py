"""微信发票 (group ``invoice``) through the API proxy against the fake WeChat: every catalogued example
answered as WeChat answers a fresh account, and the typed API over ``ProxyTransport`` driving an order
from authorization to an invoice in the follower's card package, its reimbursement, and 统一开票."""

from typing import Any

import aiohttp
from aiohttp.test_utils import TestClient

from sandbox.fake_wechat import FAKE, ManualClock
from sandbox.fake_wechat.invoices.package import encrypt_code
from sandbox.fake_wechat.invoices.state import Invoices
from sandbox.fake_wechat.invoices.titles import TITLE_QR_SECONDS
from shared.wechat.api import WeChatApi
from shared.wechat.catalogue import default_catalogue
from shared.wechat.models.invoice import (
    AuthField,
    AuthRequest,
    AuthType,
    BlueInvoice,
    Contact,
    PayMch,
    RedInvoice,
    UserTitle,
)
from shared.wechat.models.invoice_cards import (
    BaseInfo,
    ChosenInvoice,
    Insertion,
    InvoiceTemplate,
    InvoiceUserData,
    ReimburseStatus,
)
from shared.wechat.transport import Upload
from tests.conftest import FakeWeChat
from tests.integration.conftest import AUTH
from tests.integration.proxy.conftest import errcode_of, wire

Client = TestClient[Any, Any]
ENDPOINTS = default_catalogue().in_group("invoice")
ACTION = {"card/invoice/setbizattr": {"action": "set_pay_mch"}}
INVALID_PARAMS, NEVER_AUTHORIZED, INVALID_CARD_ID = 72031, 72038, 40073
# What a fresh account answers each catalogued example in the catalogue's order: no contact yet (72063),
# no authorized order, no platform behind the example's s_pappid, no template, PDF or invoice yet.
FRESH_REFUSALS = {
    "card/invoice/getauthurl": 72063,
    "card/invoice/rejectinsert": NEVER_AUTHORIZED, "card/invoice/setbizattr": INVALID_PARAMS,
    "card/invoice/makeoutinvoice": NEVER_AUTHORIZED, "card/invoice/clearoutinvoice": INVALID_PARAMS,
    "card/invoice/queryinvoceinfo": INVALID_PARAMS, "card/invoice/platform/setpdf": 72040,  # not a PDF
    "card/invoice/platform/getpdf": 72040, "card/invoice/insert": INVALID_CARD_ID,
    "card/invoice/platform/updatestatus": INVALID_CARD_ID,
    "card/invoice/reimburse/getinvoiceinfo": INVALID_PARAMS,
    "card/invoice/reimburse/getinvoicebatch": INVALID_PARAMS,
    "card/invoice/reimburse/updateinvoicestatus": INVALID_PARAMS,
    "card/invoice/reimburse/updatestatusbatch": INVALID_PARAMS, "card/invoice/scantitle": INVALID_PARAMS,
}  # fmt: skip


async def test_every_example_reaches_the_fake_and_is_answered_as_a_fresh_account(
    proxy: Client, fake_wechat: FakeWeChat, app_id: str
) -> None:
    assert len(ENDPOINTS) == 20
    answered: dict[str, int] = {}
    for endpoint in ENDPOINTS:
        url = f"/v1/apps/{app_id}/wechat/{endpoint.path}"
        if endpoint.upload_field is not None:
            form = aiohttp.FormData()
            form.add_field(endpoint.upload_field, b"not a pdf", filename="invoice.pdf", content_type="application/pdf")
            response = await proxy.post(url, data=form, headers=AUTH)
        else:
            response = await proxy.post(url, json=endpoint.example, params=ACTION.get(endpoint.path), headers=AUTH)
        assert response.status == 200, (endpoint.path, await response.text())
        answered[endpoint.path] = (await response.json())["errcode"]
    assert answered == {endpoint.path: FRESH_REFUSALS.get(endpoint.path, 0) for endpoint in ENDPOINTS}
    assert [seen.path for seen in wire(fake_wechat)] == [f"/{endpoint.path}" for endpoint in ENDPOINTS]


def invoices_of(fake_wechat: FakeWeChat) -> Invoices:
    state: Invoices = fake_wechat.app[FAKE].state.invoices
    return state


def clock_of(fake_wechat: FakeWeChat) -> ManualClock:
    assert isinstance(fake_wechat.clock, ManualClock)
    return fake_wechat.clock


def card_ticket(fake_wechat: FakeWeChat) -> str:
    """The account's wx_card api_ticket (what cgi-bin/ticket/getticket?type=wx_card gives it)."""
    now = clock_of(fake_wechat).time()
    return fake_wechat.app[FAKE].state.tickets.issue(fake_wechat.app_id, "wx_card", now, lifetime=7200).value


def order(s_pappid: str, order_id: str, ticket: str, auth_type: AuthType = AuthType.INVOICE) -> AuthRequest:
    return AuthRequest(s_pappid=s_pappid, order_id=order_id, money=10600, timestamp=1893427200, source="app",
                       ticket=ticket, type=auth_type)  # fmt: skip


def user_data(s_media_id: str, billing_no: str = "00000001") -> InvoiceUserData:
    return InvoiceUserData(
        fee=10600, title="个人", billing_time=1893427200, billing_no=billing_no, billing_code="011001800311",
        fee_without_tax=10000, tax=600, s_pdf_media_id=s_media_id, check_code="51285342761102138923",
    )  # fmt: skip


TEMPLATE = InvoiceTemplate(base_info=BaseInfo(logo_url="http://mmbiz.qpic.cn/logo", title="一号咖啡"),
                           payee="一号咖啡有限公司", type="增值税电子普通发票")  # fmt: skip
PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


async def test_an_authorized_order_is_invoiced_into_the_card_package_and_reimbursed(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    """自建平台: the account is its own invoicing platform, and the follower's reimbursing company."""
    s_pappid, ticket = await api.invoice.platform_id(), card_ticket(fake_wechat)
    assert await errcode_of(api.invoice.auth_url(order(s_pappid, "o-1", ticket))) == 72063  # no contact yet
    await api.invoice.set_contact(Contact(phone="010-88888888", time_out=7200))
    assert (await api.invoice.contact()).time_out == 7200
    assert await errcode_of(api.invoice.auth_url(order(s_pappid, "o-1", ticket, AuthType.FILL_TITLE))) == 72029
    await api.invoice.set_auth_field(AuthField())
    assert (await api.invoice.auth_url(order(s_pappid, "o-1", ticket, AuthType.FILL_TITLE))).auth_url.startswith(
        "https://"
    )
    await api.invoice.set_pay_mch(PayMch(mchid="1900000109", s_pappid=s_pappid))
    assert (await api.invoice.pay_mch()).mchid == "1900000109"
    assert not (await api.invoice.auth_data(s_pappid, "o-1")).authorized

    card_id = await api.invoice.create_card(TEMPLATE)
    s_media_id = await api.invoice.upload_pdf(Upload("invoice.pdf", PDF_BYTES, "application/pdf"))
    assert (await api.invoice.pdf_url(s_media_id)).pdf_url_expire_time == 7200
    (getpdf,) = [seen for seen in wire(fake_wechat) if seen.path.endswith("/platform/getpdf")]
    assert "action=get_url" in getpdf.raw_path  # in the query too, as the older request line had it
    insertion = Insertion(order_id="o-1", card_id=card_id, appid=fake_wechat.app_id, invoice=user_data(s_media_id))
    assert await errcode_of(api.invoice.insert(insertion)) == 72038  # the follower has not accepted yet
    invoices_of(fake_wechat).authorize(fake_wechat.app_id, s_pappid, "o-1", "o-follower", clock_of(fake_wechat).time())
    assert (await api.invoice.auth_data(s_pappid, "o-1")).authorized

    inserted = await api.invoice.insert(insertion)
    assert inserted.openid == "o-follower"
    chosen = ChosenInvoice(card_id=card_id, encrypt_code=encrypt_code(inserted.code))
    info = await api.invoice.invoice(chosen)
    assert (info.payee, info.user_info.billing_no, info.user_info.reimburse_status) == (
        "一号咖啡有限公司", "00000001", ReimburseStatus.INIT,
    )  # fmt: skip
    assert await errcode_of(api.invoice.reimburse(chosen, ReimburseStatus.CLOSURE)) == 72039  # lock first
    await api.invoice.reimburse_all("o-follower", [chosen], ReimburseStatus.LOCK)
    await api.invoice.reimburse(chosen, ReimburseStatus.CLOSURE)
    assert [i.user_info.reimburse_status for i in await api.invoice.invoices([chosen])] == [ReimburseStatus.CLOSURE]
    assert await errcode_of(api.invoice.reimburse(chosen, ReimburseStatus.INIT)) == 72024  # closed for good
    assert await errcode_of(api.invoice.platform_status(card_id, inserted.code, ReimburseStatus.CANCEL)) == 72024


async def test_a_rejected_order_gets_no_card_and_a_unified_invoice_is_issued_and_reversed_once(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    s_pappid, ticket = await api.invoice.platform_id(), card_ticket(fake_wechat)
    await api.invoice.set_contact(Contact(phone="010-88888888", time_out=7200))
    assert await errcode_of(api.invoice.auth_url(order(s_pappid, "o-2", "WX_CARD_TICKET"))) == 72031
    for order_id in ("o-2", "o-3"):
        await api.invoice.auth_url(order(s_pappid, order_id, ticket))
        invoices_of(fake_wechat).authorize(fake_wechat.app_id, s_pappid, order_id, "o-follower", 0)
    await api.invoice.reject(s_pappid, "o-2", "订单已退款")
    card_id = await api.invoice.create_card(TEMPLATE)
    s_media_id = await api.invoice.upload_pdf(Upload("invoice.pdf", PDF_BYTES, "application/pdf"))
    insertion = Insertion(order_id="o-2", card_id=card_id, appid=fake_wechat.app_id, invoice=user_data(s_media_id))
    assert await errcode_of(api.invoice.insert(insertion)) == 72035

    seller = {"nsrsbh": "110109500321654", "nsrmc": "一号咖啡有限公司"}
    blue = BlueInvoice.model_validate({
        **seller, "wxopenid": "o-follower", "ddh": "o-3", "fpqqlsh": "serial-1", "nsrdz": "北京", "nsrdh": "010",
        "nsrbank": "招商银行", "nsrbankid": "6214", "ghfmc": "个人", "kpr": "张三", "jshj": "106.00", "hjje": "100.00",
        "hjse": "6.00", "invoicedetail_list": [{"spbm": "3070401000000000000", "xmmc": "咖啡", "xmje": "100.00",
                                                "sl": "0.06", "se": "6.00"}],
    })  # fmt: skip
    await api.invoice.make_out(blue)
    assert await errcode_of(api.invoice.make_out(blue)) == 72031  # a serial is used once
    issued = await api.invoice.issued("serial-1", seller["nsrsbh"])
    assert (len(issued.fpdm), len(issued.fphm), len(issued.kprq)) == (12, 8, 14)
    red = RedInvoice(wxopenid="o-follower", fpqqlsh="serial-2", yfpdm=issued.fpdm, yfphm=issued.fphm, **seller)
    await api.invoice.clear_out(red)
    assert (await api.invoice.issued("serial-2", seller["nsrsbh"])).fpdm != issued.fpdm
    again = red.model_copy(update={"fpqqlsh": "serial-3"})
    assert await errcode_of(api.invoice.clear_out(again)) == 72024  # reversed once


async def test_titles_are_linked_and_a_shown_title_code_is_read_until_it_expires(
    api: WeChatApi, fake_wechat: FakeWeChat
) -> None:
    assert "action=add" in await api.invoice.user_title_url(UserTitle(title="一号咖啡有限公司", tax_no="1101"))
    assert "attach=till-3" in await api.invoice.select_title_url(attach="till-3")
    clock = clock_of(fake_wechat)
    shown = {"title_type": 0, "title": "一号咖啡有限公司", "tax_no": "110109500321654"}
    scan_text = invoices_of(fake_wechat).titles[fake_wechat.app_id].show(shown, clock.time())
    assert (await api.invoice.scan_title(scan_text)).title == "一号咖啡有限公司"
    clock.advance(TITLE_QR_SECONDS + 1)
    assert await errcode_of(api.invoice.scan_title(scan_text)) == 72044
