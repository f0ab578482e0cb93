"""Typed crypto errors carrying the codes of WeChat's sample library (WXBizMsgCrypt)."""

from enum import IntEnum


class CryptoErrorCode(IntEnum):
    VALIDATE_SIGNATURE = -40001
    PARSE_XML = -40002
    COMPUTE_SIGNATURE = -40003
    ILLEGAL_AES_KEY = -40004
    VALIDATE_APPID = -40005
    ENCRYPT_AES = -40006
    DECRYPT_AES = -40007
    ILLEGAL_BUFFER = -40008
    ENCODE_BASE64 = -40009
    DECODE_BASE64 = -40010
    GEN_RETURN_XML = -40011


class CryptoError(Exception):
    """A crypto step failed; ``code`` says which, in WeChat's terms.

    The message never contains key material or plaintext.
    """

    def __init__(self, code: CryptoErrorCode, message: str) -> None:
        super().__init__(f"{int(code)} {code.name.lower()}: {message}")
        self.code = code
        self.reason = message
