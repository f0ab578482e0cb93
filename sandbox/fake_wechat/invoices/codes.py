"""The errcodes WeChat documents for its invoice interfaces (电子发票 错误码), with their messages."""

import enum

from sandbox.fake_wechat.errors import ApiError


class InvoiceCode(enum.IntEnum):
    INVALID_CARD_ID = 40073  # the card interfaces' code for a card_id WeChat does not know
    UNAUTHORIZED = 72015  # unauthorized create invoice
    HAS_BEEN_LOCKED = 72023  # locked by another reimbursing account
    STATUS_ERROR = 72024
    PAY_MCH_NOT_SET = 72028
    AUTH_FIELD_NOT_SET = 72029
    INVALID_MCHID = 72030
    INVALID_PARAMS = 72031
    REJECTED = 72035  # biz reject insert
    OWNER_ERROR = 72037
    NEVER_AUTHORIZED = 72038  # invoice order never auth
    LOCK_FIRST = 72039
    PDF_ERROR = 72040
    BILLING_REPEATED = 72042
    BILLING_SIZE = 72043
    SCAN_TEXT_EXPIRED = 72044
    CHECK_CODE_EMPTY = 72045
    CONTACT_EMPTY = 72063
    MAKE_OUT_FAILED = 73000
    WXOPENID_ERROR = 73001
    DDH_EMPTY = 73002
    FPQQLSH_EMPTY = 73003
    NSRMC_EMPTY = 73007
    NSRDZ_EMPTY = 73008
    NSRDH_EMPTY = 73009
    GHFMC_EMPTY = 73010
    KPR_EMPTY = 73011
    JSHJ_EMPTY = 73012
    HJJE_EMPTY = 73013


MESSAGES = {
    InvoiceCode.INVALID_CARD_ID: "invalid card id",
    InvoiceCode.UNAUTHORIZED: "unauthorized create invoice",
    InvoiceCode.HAS_BEEN_LOCKED: "invoice has been lock",
    InvoiceCode.STATUS_ERROR: "invoice status error",
    InvoiceCode.PAY_MCH_NOT_SET: "invoice never set pay mch info",
    InvoiceCode.AUTH_FIELD_NOT_SET: "invoice never set auth field",
    InvoiceCode.INVALID_MCHID: "invalid mchid",
    InvoiceCode.INVALID_PARAMS: "invalid params",
    InvoiceCode.REJECTED: "biz reject insert",
    InvoiceCode.OWNER_ERROR: "invoice owner error",
    InvoiceCode.NEVER_AUTHORIZED: "invoice order never auth",
    InvoiceCode.LOCK_FIRST: "invoice must be lock first",
    InvoiceCode.PDF_ERROR: "invoice pdf error",
    InvoiceCode.BILLING_REPEATED: "billing_code and billing_no repeated",
    InvoiceCode.BILLING_SIZE: "billing_code or billing_no size error",
    InvoiceCode.SCAN_TEXT_EXPIRED: "scan text out of time",
    InvoiceCode.CHECK_CODE_EMPTY: "check_code is empty",
    InvoiceCode.CONTACT_EMPTY: "biz contact is empty",
    InvoiceCode.MAKE_OUT_FAILED: "sys error make out invoice failed",
    InvoiceCode.WXOPENID_ERROR: "wxopenid error",
    InvoiceCode.DDH_EMPTY: "ddh orderid empty",
    InvoiceCode.FPQQLSH_EMPTY: "fpqqlsh empty",
    InvoiceCode.NSRMC_EMPTY: "nsrmc empty",
    InvoiceCode.NSRDZ_EMPTY: "nsrdz empty",
    InvoiceCode.NSRDH_EMPTY: "nsrdh empty",
    InvoiceCode.GHFMC_EMPTY: "ghfmc empty",
    InvoiceCode.KPR_EMPTY: "kpr empty",
    InvoiceCode.JSHJ_EMPTY: "jshj empty",
    InvoiceCode.HJJE_EMPTY: "hjje empty",
}


def fail(code: InvoiceCode, detail: str = "") -> ApiError:
    message = MESSAGES[code]
    return ApiError(code, f"{message}: {detail}" if detail else message)
