"""WeChat callback crypto: SHA-1 signatures and the AES message envelope, as pure functions."""

from shared.crypto.cipher import AccountCipher, MessageCipher
from shared.crypto.errors import CryptoError, CryptoErrorCode
from shared.crypto.signature import sign, verify_signature

__all__ = [
    "AccountCipher",
    "CryptoError",
    "CryptoErrorCode",
    "MessageCipher",
    "sign",
    "verify_signature",
]
