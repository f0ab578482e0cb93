"""微信发票: electronic invoices that reach a follower's card package (卡包), as WeChat's three roles see them.

- The merchant (商户, 开票方): gets a follower's authorization for one order (授权页: ``getauthurl``, then
  ``getauthdata``), or refuses it (``rejectinsert``); sets its WeChat Pay merchant, the authorization
  page's fields and its contact (``setbizattr?action=…``); issues, reverses and reads invoices through
  WeChat's 统一开票接口 (``makeoutinvoice``, ``clearoutinvoice``, ``queryinvoceinfo`` — WeChat's spelling).
- The invoicing platform (开票平台): its ``s_pappid`` (``seturl``), invoice card templates, the invoice
  PDF (``platform/setpdf``, ``platform/getpdf``), the invoice put into the follower's card package
  (``insert``) and its later status (``platform/updatestatus``: reimbursed elsewhere, or reversed).
- The reimbursing company (报销方): reads the invoices a follower chose (``card_id`` + ``encrypt_code``)
  and locks, unlocks and closes them (INIT → LOCK → CLOSURE; only the locker moves a locked invoice).
- 抬头 (invoice titles): a link that saves a title into the follower's WeChat, a merchant's link that
  asks followers for one, and the title behind the QR code a follower shows at the till.

The ``ticket`` ``getauthurl`` takes is the account's current ``wx_card`` api_ticket, from
``cgi-bin/ticket/getticket?type=wx_card`` (not catalogued here: tickets are the token service's).
"""

from typing import Any

from shared.wechat.endpoint import Body, Endpoint

GROUP = "invoice"
S_PAPPID = "d3hfaW52b2ljZV9wbGF0Zm9ybQ=="
ORDER = "1502180300"
CARD = "pjZ8Yt5crPbAouhFqFf6JFgZv4Lc"
ENCRYPT_CODE = "O/mPnGTpBu22a1szmK2OgwxhlPp0XJ0uvX+pwKv20Ko="
_SELLER = {"nsrsbh": "110109500321654", "nsrmc": "一号咖啡有限公司"}
_INVOICE_INFO = {
    "wxopenid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "ddh": ORDER, "fpqqlsh": "test20160511000440", **_SELLER,
    "nsrdz": "北京市海淀区", "nsrdh": "010-88888888", "nsrbank": "招商银行", "nsrbankid": "6214830100000000",
    "ghfmc": "个人", "kpr": "张三", "jshj": "106.00", "hjje": "100.00", "hjse": "6.00", "hylx": "0",
    "invoicedetail_list": [{
        "fphxz": "0", "spbm": "3070401000000000000", "xmmc": "咖啡", "xmsl": "1", "xmdj": "100.00",
        "xmje": "100.00", "sl": "0.06", "se": "6.00",
    }],
}  # fmt: skip
_USER_DATA = {
    "fee": 10600, "title": "个人", "billing_time": 1893427200, "billing_no": "00000001",
    "billing_code": "011001800311", "fee_without_tax": 10000, "tax": 600, "check_code": "51285342761102138923",
    "s_pdf_media_id": "4324363860661076972",
    "info": [{"name": "咖啡", "num": 1, "unit": "杯", "price": 10000, "fee": 10000}],
}  # fmt: skip
_ONE = {"card_id": CARD, "encrypt_code": ENCRYPT_CODE}


def _post(path: str, summary: str, example: dict[str, Any], *, changes: bool, **extra: Any) -> Endpoint:
    return Endpoint(f"card/invoice/{path}", "POST", GROUP, summary, changes=changes, body=Body.JSON, example=example,
                    **extra)  # fmt: skip


MERCHANT = (
    _post("getauthurl", "The authorization page's URL for one order (a follower accepts an invoice there)",
          {"s_pappid": S_PAPPID, "order_id": ORDER, "money": 10600, "timestamp": 1893427200, "source": "web",
           "redirect_url": "https://shop.example.com/invoice/done", "ticket": "WX_CARD_TICKET", "type": 1},
          changes=True),
    _post("getauthdata", "Whether the follower authorized an order, and the title they gave",
          {"s_pappid": S_PAPPID, "order_id": ORDER}, changes=False),
    _post("rejectinsert", "Refuse to invoice an authorized order (its invoice can then never be inserted)",
          {"s_pappid": S_PAPPID, "order_id": ORDER, "reason": "订单已退款", "url": "https://shop.example.com/help"},
          changes=True),
    _post("setbizattr", "Merchant settings by ?action=: set_pay_mch/get_pay_mch (the WeChat Pay merchant and its "
          "platform), set_auth_field/get_auth_field (the authorization page), set_contact/get_contact",
          {"paymch_info": {"mchid": "1900000109", "s_pappid": S_PAPPID}}, changes=True, query=("action",)),
    _post("makeoutinvoice", "统一开票接口: issue a blue invoice through the platform the merchant chose",
          {"invoiceinfo": _INVOICE_INFO}, changes=True),
    _post("clearoutinvoice", "统一开票接口: reverse (冲红) an issued invoice with a red one",
          {"invoiceinfo": {"wxopenid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "fpqqlsh": "test20160511000441", **_SELLER,
                           "yfpdm": "011001800311", "yfphm": "00000001"}}, changes=True),
    _post("queryinvoceinfo", "统一开票接口: one issued invoice by its request serial (fpqqlsh)",
          {"fpqqlsh": "test20160511000440", "nsrsbh": "110109500321654"}, changes=False),
)  # fmt: skip

PLATFORM = (
    _post("seturl", "The platform's own authorization URL, which carries its s_pappid", {}, changes=False),
    _post("platform/createcard", "Create an invoice card template for a merchant (its card_id)",
          {"invoice_info": {"base_info": {"logo_url": "http://mmbiz.qpic.cn/mmbiz/logo/0", "title": "一号咖啡"},
                            "payee": "一号咖啡有限公司", "type": "广东省增值税普通发票"}}, changes=True),
    Endpoint("card/invoice/platform/setpdf", "POST", GROUP, "Upload an invoice's PDF (an s_media_id, kept 3 days)",
             changes=True, body=Body.MULTIPART, upload_field="pdf"),
    _post("platform/getpdf", "The URL of an uploaded PDF, for two hours (action get_url: in the body, as today's "
          "docs have it, and in the query, as the older request line had it)",
          {"action": "get_url", "s_media_id": "4324363860661076972"}, changes=False, query=("action",)),
    _post("insert", "Put an authorized order's invoice into the follower's card package",
          {"order_id": ORDER, "card_id": CARD, "appid": "wx0000000000000001",
           "card_ext": {"nonce_str": "1502180300abcd", "user_card": {"invoice_user_data": _USER_DATA}}},
          changes=True),
    _post("platform/updatestatus", "Mark an inserted invoice reimbursed elsewhere, or reversed (冲红)",
          {"card_id": CARD, "code": "121854713241", "reimburse_status": "INVOICE_REIMBURSE_CLOSURE"}, changes=True),
)  # fmt: skip

REIMBURSER = (
    _post("reimburse/getinvoiceinfo", "One invoice a follower chose, with its PDF's URL", _ONE, changes=False),
    _post("reimburse/getinvoicebatch", "Several chosen invoices at once", {"item_list": [_ONE]}, changes=False),
    _post("reimburse/updateinvoicestatus", "Lock, unlock or close (报销) one invoice",
          {**_ONE, "reimburse_status": "INVOICE_REIMBURSE_LOCK"}, changes=True),
    _post("reimburse/updatestatusbatch", "Lock, unlock or close one follower's invoices, all or none",
          {"openid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "reimburse_status": "INVOICE_REIMBURSE_LOCK",
           "invoice_list": [_ONE]}, changes=True),
)  # fmt: skip

TITLES = (
    _post("biz/getusertitleurl", "A link that saves an invoice title into the follower's WeChat",
          {"user_fill": 0, "title": "一号咖啡有限公司", "tax_no": "110109500321654", "phone": "010-88888888"},
          changes=False),
    _post("biz/getselecttitleurl", "The merchant's link (or till QR code) where followers send it a title",
          {"attach": "till-3", "biz_name": "一号咖啡"}, changes=False),
    _post("scantitle", "The title behind the QR code a follower shows (我的发票抬头)",
          {"scan_text": "0000000000000000000000000000"}, changes=False),
)  # fmt: skip

ENDPOINTS = (*MERCHANT, *PLATFORM, *REIMBURSER, *TITLES)
