"""微信发票's models and typed client refuse what WeChat refuses before anything is sent."""

from typing import Any

import pytest
from pydantic import ValidationError

from shared.wechat.api import WeChatApi
from shared.wechat.models.invoice import AuthRequest, BlueInvoice, PayMch, UserTitle
from shared.wechat.models.invoice_cards import BaseInfo, ChosenInvoice, Insertion, InvoiceUserData, ReimburseStatus
from shared.wechat.transport import Call, Media, Upload

AUTH = {"s_pappid": "p", "order_id": "o-1", "money": 100, "timestamp": 1, "source": "app", "ticket": "t", "type": 0}
USER_DATA = {
    "fee": 106, "title": "个人", "billing_time": 1, "billing_no": "00000001", "billing_code": "011001800311",
    "fee_without_tax": 100, "tax": 6, "s_pdf_media_id": "1", "check_code": "123",
}  # fmt: skip
CHOSEN = ChosenInvoice(card_id="p1", encrypt_code="e1")


class NoWeChat:
    """A transport that fails the test if anything is sent."""

    async def send(self, app_id: str, call: Call) -> dict[str, Any] | Media:
        raise AssertionError(f"{call.endpoint.path} was sent")


@pytest.mark.parametrize(
    "changes", [{"source": "web"}, {"source": "sms"}, {"type": 3}, {"money": -1}, {"money": 1.5}, {"ticket": ""}]
)
def test_an_authorization_request_is_refused_as_wechat_refuses_it(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        AuthRequest.model_validate({**AUTH, **changes})


def test_a_page_opened_in_wechat_returns_to_its_redirect_url() -> None:
    assert AuthRequest.model_validate({**AUTH, "source": "web", "redirect_url": "https://x"}).body()["source"] == "web"


@pytest.mark.parametrize("mchid", ["19000001x", "1234567", "12345678901"])
def test_a_wechat_pay_merchant_number_is_8_to_10_digits(mchid: str) -> None:
    with pytest.raises(ValidationError):
        PayMch(mchid=mchid, s_pappid="p")


@pytest.mark.parametrize(
    "changes",
    [{"title": "一二三四五六七八九十"}, {"custom_url_name": "一二三四五六"}, {"promotion_url_name": "abcdef"}],
)
def test_a_templates_list_title_is_9_characters_and_its_entry_names_5(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        BaseInfo.model_validate({"logo_url": "http://logo", "title": "一号咖啡", **changes})


@pytest.mark.parametrize(
    ("changes", "valid"),
    [({"billing_code": "0110018003"}, True), ({"billing_no": "25312000000000000001"}, False),
     ({"billing_no": "25312000000000000001", "billing_code": "", "check_code": ""}, True),
     ({"billing_code": "01100180031"}, False), ({"billing_no": "0000001"}, False), ({"check_code": ""}, False),
     ({"fee": -1}, False), ({"s_pdf_media_id": ""}, False)],
)  # fmt: skip
def test_an_invoices_numbers_amounts_check_code_and_pdf_are_checked(changes: dict[str, Any], valid: bool) -> None:
    try:
        InvoiceUserData.model_validate({**USER_DATA, **changes})
    except ValidationError:
        assert not valid
    else:
        assert valid


def test_an_insertion_carries_its_invoice_in_card_ext_with_a_nonce() -> None:
    body = Insertion(
        order_id="o-1", card_id="p1", appid="wx1", invoice=InvoiceUserData.model_validate(USER_DATA)
    ).body()
    assert body["card_ext"]["user_card"]["invoice_user_data"]["billing_no"] == "00000001"
    assert body["card_ext"]["nonce_str"] and set(body) == {"order_id", "card_id", "appid", "card_ext"}


def test_a_title_the_merchant_gives_needs_its_title() -> None:
    with pytest.raises(ValidationError):
        UserTitle(user_fill=0)
    assert UserTitle(user_fill=1).body() == {"user_fill": 1}


def test_a_unified_invoice_has_at_least_one_line() -> None:
    fields = {name: "x" for name in ("wxopenid", "ddh", "fpqqlsh", "nsrsbh", "nsrmc", "nsrdz", "nsrdh", "nsrbank",
                                     "nsrbankid", "ghfmc", "kpr", "jshj", "hjje", "hjse")}  # fmt: skip
    with pytest.raises(ValidationError):
        BlueInvoice.model_validate({**fields, "invoicedetail_list": []})


async def test_a_reimburser_cannot_cancel() -> None:
    api = WeChatApi(NoWeChat(), "wx1").invoice
    with pytest.raises(ValueError, match="reimbursing account"):
        await api.reimburse(CHOSEN, ReimburseStatus.CANCEL)
    with pytest.raises(ValueError, match="reimbursing account"):
        await api.reimburse_all("o1", [CHOSEN], ReimburseStatus.CANCEL)


@pytest.mark.parametrize(
    "upload", [Upload("invoice.jpg", b"%PDF-1.4", "image/jpeg"), Upload("invoice.pdf", b"%" * (2 * 1024 * 1024 + 1))]
)
async def test_an_invoice_pdf_is_a_pdf_of_at_most_2_mb(upload: Upload) -> None:
    with pytest.raises(ValueError, match="invoice PDF"):
        await WeChatApi(NoWeChat(), "wx1").invoice.upload_pdf(upload)
